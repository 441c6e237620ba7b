import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** Ports this process has handed out: hubs started together (the global setup's) must not get one twice. */
const handedOut = new Set<number>();
/** the main process and up to eight workers */
const SLICES = 9;

/**
 * Where free ports are looked for: below the kernel's range of ephemeral ports. A port the OS hands out for `listen(0)`
 * comes from that range, which is also where every outgoing connection gets its local port: in the seconds between a
 * test choosing a port and its hub binding it (a cluster starts, migrations connect), another worker's connection could
 * take the port and the hub would fail with EADDRINUSE.
 */
function candidateRange(): { low: number; high: number } | null {
  let ephemeralLow = 32768;
  try {
    ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    // not Linux: the usual default
  }
  if (!Number.isInteger(ephemeralLow) || ephemeralLow - 20000 < SLICES * 500) return null;
  // a slice of its own for each Jest worker (and one for the main process, whose global setup starts the shared
  // hubs): two workers never pick the same port
  const slice = Math.floor((ephemeralLow - 20000) / SLICES);
  const index = Number(process.env.JEST_WORKER_ID ?? 0) % SLICES;
  return { low: 20000 + index * slice, high: 20000 + (index + 1) * slice - 1 };
}
const range = candidateRange();

/** Listens on `port` (0: any the OS picks); null when it is taken. */
function hold(port: number): Promise<Server | null> {
  const server = createServer();
  return new Promise((resolve, reject) =>
    server
      .once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(null) : reject(error),
      )
      .listen(port, '127.0.0.1', () => resolve(server)),
  );
}

/** `count` distinct ports nothing listens on right now (held open together so none is handed out twice). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let tries = 0; servers.length < count; tries++) {
      const candidate = range && tries < 1000 ? range.low + Math.floor(Math.random() * (range.high - range.low)) : 0;
      if (handedOut.has(candidate)) continue;
      const server = await hold(candidate);
      if (server) servers.push(server);
    }
    const ports = servers.map((s) => (s.address() as { port: number }).port);
    if (ports.some((p) => handedOut.has(p))) return freePorts(count);
    for (const p of ports) handedOut.add(p);
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

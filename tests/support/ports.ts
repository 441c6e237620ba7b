import { createServer, type Server } from 'node:net';

/** Ports this process has handed out: hubs started together (the global setup's) must not get one twice. */
const handedOut = new Set<number>();

/** `count` distinct ports nothing listens on right now (held open together so the OS cannot hand one out twice). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    while (servers.length < count) {
      const server = createServer();
      await new Promise<void>((resolve, reject) =>
        server.once('error', reject).listen(0, '127.0.0.1', () => resolve()),
      );
      servers.push(server);
    }
    const ports = servers.map((s) => (s.address() as { port: number }).port);
    if (ports.some((p) => handedOut.has(p))) return freePorts(count);
    for (const p of ports) handedOut.add(p);
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

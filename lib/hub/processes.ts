import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Service {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** HUB_CPU_PROFILE_DIR=<dir>: every service writes a V8 CPU profile `<name>.cpuprofile` there when it stops. */
function profiling(name: string, env: NodeJS.ProcessEnv): string[] {
  const dir = env.HUB_CPU_PROFILE_DIR ?? process.env.HUB_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
}

/**
 * The old generation of each service's heap, in MiB (HUB_NODE_HEAP_MB; 0 leaves V8's default, a quarter of the
 * machine's memory). What a subgraph keeps between requests is small; under many concurrent large answers V8 would
 * otherwise let garbage grow the heap to several hundred MiB before collecting it (README "Performance").
 */
export const DEFAULT_HEAP_MB = 256;

function heapLimit(env: NodeJS.ProcessEnv): string[] {
  const mb = Number(env.HUB_NODE_HEAP_MB ?? process.env.HUB_NODE_HEAP_MB ?? DEFAULT_HEAP_MB);
  return Number.isInteger(mb) && mb > 0 ? [`--max-old-space-size=${mb}`] : [];
}

/**
 * Starts `node <script>` with its output prefixed by the service name. The IPC channel lets the child notice
 * when this process is gone (it then stops itself), so no subgraph outlives the hub.
 */
export function spawnService(name: string, script: string, env: NodeJS.ProcessEnv, quiet = false): Service {
  const child = spawn(process.execPath, [...profiling(name, env), ...heapLimit(env), '--enable-source-maps', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (!quiet || stream === child.stderr) process.stderr.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls a health URL until it answers 200, the process dies, or the time is up. */
export async function waitUntilHealthy(service: Service, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited with code ${service.child.exitCode} while starting`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}

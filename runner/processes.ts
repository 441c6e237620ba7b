import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { settings } from '../lib/config/settings';
import { isServiceReport } from '../lib/server/ipc';

export interface Service {
  name: string;
  /** the process running now (a new one after each restart) */
  readonly child: ChildProcess;
  /** resolves once the first process says it listens; rejects with its reason if it cannot start */
  ready: Promise<void>;
  /** how many times the supervisor has restarted the service */
  readonly restarts: number;
  stop(): Promise<void>;
}

/** HUB_CPU_PROFILE_DIR=<dir>: every service writes a V8 CPU profile `<name>.cpuprofile` there when it stops. */
function profiling(name: string, env: NodeJS.ProcessEnv): string[] {
  const dir = settings(env).HUB_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
}

/**
 * The old generation of each service's heap, in MiB (HUB_NODE_HEAP_MB, default 256; 0 leaves V8's default, a quarter of the
 * machine's memory). What a subgraph keeps between requests is small; under many concurrent large answers V8 would
 * otherwise let garbage grow the heap to several hundred MiB before collecting it (docs/performance.md).
 */
function heapLimit(env: NodeJS.ProcessEnv): string[] {
  const mb = settings(env).HUB_NODE_HEAP_MB;
  return mb > 0 ? [`--max-old-space-size=${mb}`] : [];
}

/** Delay before the n-th restart in a row (0-based): 0.5 s doubling to 30 s. */
export const restartDelayMs = (attempt: number) => Math.min(500 * 2 ** attempt, 30_000);
/** A process that stayed up this long starts the backoff over when it next exits. */
const STABLE_MS = 30_000;
/** How long a process may take from its start to saying it listens (migrations run before a subgraph listens). */
const START_TIMEOUT_MS = 120_000;

export interface SpawnOptions {
  quiet?: boolean;
  /** restart the process with backoff when it exits unasked after it was ready (npm start) */
  supervise?: boolean;
  /** where the supervisor says what it does */
  log?: (line: string) => void;
}

/**
 * Starts `node <script>` with its output prefixed by the service name and waits, over the IPC channel, for it to say
 * it listens (lib/server/ipc.ts). The channel also lets the child notice when this process is gone (it then stops
 * itself), so no subgraph outlives the hub. Supervised, a process that dies later is started again after a backoff,
 * until `stop()`.
 */
export function spawnService(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): Service {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopping = false;
  let restarts = 0;
  let failuresInRow = 0;
  /** a service that never started is a configuration error to report, not a crash to restart */
  let everReady = false;
  let timer: NodeJS.Timeout | undefined;
  let child: ChildProcess;

  /** One process: resolves when it says it is ready, rejects when it fails or exits first. */
  const launch = (): Promise<void> => {
    const started = Date.now();
    child = spawn(process.execPath, [...profiling(name, env), ...heapLimit(env), '--enable-source-maps', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const current = child;
    for (const stream of [current.stdout!, current.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (!options.quiet || stream === current.stderr) process.stderr.write(`[${name}] ${line}\n`);
      });
    }
    let wasReady = false;
    const ready = new Promise<void>((resolve, reject) => {
      let failure: string | undefined;
      const deadline = setTimeout(
        () => reject(new Error(`${name} did not say it was listening within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      current.on('message', (message) => {
        if (!isServiceReport(message)) return;
        if (message.hub === 'ready') {
          wasReady = everReady = true;
          clearTimeout(deadline);
          resolve();
        } else failure = message.reason;
      });
      current.once('exit', (code, signal) => {
        clearTimeout(deadline);
        if (!wasReady)
          reject(
            new Error(
              failure ? `${name}: ${failure}` : `${name} exited with ${signal ?? `code ${code}`} while starting`,
            ),
          );
      });
    });
    current.once('exit', (code, signal) => {
      if (stopping || !options.supervise || !everReady) return;
      // a process that had been up for a while starts the backoff over; one that keeps failing waits longer each time
      failuresInRow = (wasReady && Date.now() - started >= STABLE_MS ? 0 : failuresInRow) + 1;
      const delay = restartDelayMs(failuresInRow - 1);
      log(`[hub] ${name} exited (${signal ?? `code ${code}`}); restarting it in ${(delay / 1000).toFixed(1)} s`);
      timer = setTimeout(() => {
        if (stopping) return;
        restarts += 1;
        launch().then(
          () => log(`[hub] ${name} is back (restart ${restarts})`),
          (error: Error) => log(`[hub] ${name} could not start again: ${error.message}`),
        );
      }, delay);
    });
    return ready;
  };

  const ready = launch();
  // a caller that stops the hub because another service failed never awaits this one's start
  ready.catch(() => undefined);
  return {
    name,
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    ready,
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const current = child;
      if (current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGTERM');
      const kill = setTimeout(() => current.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { settings } from '../lib/config/settings';
import { isServiceReport } from '../lib/server/ipc';
import { supervisor } from './supervise';

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

/**
 * A service's output line as one JSON object: its own pino lines as they are (they name the service), anything else
 * (a library writing to the console) wrapped as pino would write it, so every line of the hub's log parses.
 */
export function asJsonLine(line: string, service: string, fromStderr: boolean): string {
  if (line.startsWith('{')) {
    try {
      JSON.parse(line);
      return line;
    } catch {
      // not JSON after all: wrapped below
    }
  }
  return JSON.stringify({ level: fromStderr ? 50 : 30, time: new Date().toISOString(), service, msg: line });
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
 * And each semi-space of the young generation (HUB_NODE_SEMI_SPACE_MB, default 48 against V8's 16): a roster's answer
 * is built of short-lived objects that outlive a small young generation and are copied again and again; 32 MiB took a
 * quarter off population's CPU per roster, 48 MiB another tenth off the roster's CPU summed (a third off public
 * security's), each for at most a semi-space's worth more memory per process (docs/performance.md).
 */
function heapLimit(env: NodeJS.ProcessEnv): string[] {
  const { HUB_NODE_HEAP_MB: old, HUB_NODE_SEMI_SPACE_MB: young } = settings(env);
  return [
    ...(old > 0 ? [`--max-old-space-size=${old}`] : []),
    ...(young > 0 ? [`--max-semi-space-size=${young}`] : []),
  ];
}

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
  let child: ChildProcess;
  const restarter = supervisor(name, () => launch(), log);

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
        if (!options.quiet || stream === current.stderr)
          process.stderr.write(`${asJsonLine(line, name, stream === current.stderr)}\n`);
      });
    }
    let wasReady = false;
    const ready = new Promise<void>((resolve, reject) => {
      let failure: string | undefined;
      const deadline = setTimeout(() => {
        reject(new Error(`${name} did not say it was listening within ${START_TIMEOUT_MS / 1000} s`));
        current.kill('SIGKILL');
      }, START_TIMEOUT_MS);
      current.on('message', (message) => {
        if (!isServiceReport(message)) return;
        if (message.hub === 'ready') {
          wasReady = true;
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
      // a process that never said it was ready is the supervisor's failed start (or a configuration error)
      if (stopping || !options.supervise || !wasReady) return;
      restarter.exited(signal ?? `code ${code}`, Date.now() - started);
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
      return restarter.restarts;
    },
    ready,
    async stop() {
      stopping = true;
      restarter.stop();
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

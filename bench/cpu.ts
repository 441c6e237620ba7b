/**
 * CPU milliseconds per request of each process of the hub, read from /proc/<pid>/stat (Linux) before and after a fixed
 * number of requests. A process's figure is utime + stime (every thread: V8's GC and compiler threads too, which a
 * profile of the main thread leaves out) plus cutime + cstime, the CPU of the children it has waited for: PostgreSQL's
 * backends that end during a run (the monolith's connections) are counted in the postmaster's.
 */
import { execFileSync } from 'node:child_process';
import type { CpuResult } from './report';
import { descendants, postgresDatabaseOf, processName, read } from './memory';
import type { RunStats } from './stats';

/** utime + stime + cutime + cstime (fields 14–17) from the text of /proc/<pid>/stat, in clock ticks */
export function cpuTicks(stat: string): number {
  // the command name (field 2) may hold spaces and parentheses: field 3 follows the last ')'
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .trim()
    .split(' ');
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
}

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (USER_HZ, `getconf CLK_TCK`), 100 when it cannot be asked. */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU milliseconds so far of each process of the hub below `root`, by name (PostgreSQL's processes summed). A backend
 * that ends while the processes are read (a monolith connection closed as its run ends) may be gone before its own
 * stat is read yet have been waited for after its postmaster's was: its CPU would be in neither. Such a reading is
 * taken again, a moment later, until every process listed could be read.
 */
export function cpuByProcess(root = process.pid, postgresByDatabase = false): Record<string, number> {
  if (process.platform !== 'linux') return {};
  for (let attempt = 1; ; attempt++) {
    const { ms, complete } = readCpu(root, postgresByDatabase);
    if (complete || attempt === SETTLE_ATTEMPTS) return ms;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SETTLE_PAUSE_MS);
  }
}

const SETTLE_ATTEMPTS = 20;
const SETTLE_PAUSE_MS = 25;

/**
 * With `postgresByDatabase`, PostgreSQL's CPU is split by the database each backend serves (`postgres <database>`;
 * `postgres other`: the server's own processes, and the CPU of backends that ended, which the postmaster waited for).
 */
function readCpu(root: number, postgresByDatabase: boolean): { ms: Record<string, number>; complete: boolean } {
  const ms: Record<string, number> = {};
  let complete = true;
  for (const pid of descendants(root)) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) {
      complete = false;
      continue;
    }
    // a process that has ended and not yet been waited for (a monolith connection's backend) has no command line, and
    // its CPU is not yet in its parent's cutime: its stat's command name says what it was
    const cmdline = (read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ').trim();
    let name = processName(cmdline || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    if (!name) continue;
    if (postgresByDatabase && name === 'postgres') name = `postgres ${postgresDatabaseOf(cmdline)}`;
    ms[name] = (ms[name] ?? 0) + (cpuTicks(stat) * 1000) / clockTicks();
  }
  return { ms, complete };
}

/**
 * Milliseconds per request of each process running at the second reading, between two readings `requests` apart
 * (a process that started in between counts from zero), and their sum.
 */
export function cpuPerRequest(
  before: Record<string, number>,
  after: Record<string, number>,
  requests: number,
): { perProcess: Record<string, number>; total: number } {
  const round = (value: number) => Math.round(value * 100) / 100;
  const spent = Object.entries(after).map(([name, ms]) => [name, (ms - (before[name] ?? 0)) / requests] as const);
  return {
    perProcess: Object.fromEntries(spent.map(([name, ms]) => [name, round(ms)])),
    total: round(spent.reduce((sum, [, ms]) => sum + ms, 0)),
  };
}

/** A scenario's CPU figures from the readings around its run of a fixed number of requests. */
export function cpuResult(
  scenario: string,
  run: RunStats,
  before: Record<string, number>,
  after: Record<string, number>,
): CpuResult {
  const requests = run.requests + run.errors;
  return {
    scenario,
    concurrency: run.concurrency,
    requests,
    errors: run.errors,
    ...cpuPerRequest(before, after, requests),
  };
}

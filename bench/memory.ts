/**
 * Peak memory of the hub's processes while the bench runs, read from /proc (Linux):
 * - each Node process (gateway, subgraphs, Hive Gateway): VmHWM, the kernel's own record of its peak resident set;
 * - PostgreSQL, many processes sharing memory: the peak over the samples of the sum of their proportional set sizes
 *   (Pss splits shared pages between the processes using them, so the sum is what the cluster really occupies).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** what the peer gateway's process is called in the peaks */
export const PEER_PROCESS = 'hive-gateway';

export interface ProcessPeak {
  name: string;
  /** most processes running at once under that name (PostgreSQL: the postmaster, its helpers and the backends) */
  processes: number;
  peakMiB: number;
  measure: 'VmHWM' | 'sum of Pss';
  /** what the bench was doing when the peak was reached (to within 1 MiB): the first phase whose readings came that close */
  reachedDuring?: string;
}

export const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

const kib = (text: string | null, field: string): number =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text ?? '')?.[1] ?? 0);

/** What a process of the hub is, from its command line; null for processes the bench does not report. */
export function processName(cmdline: string): string | null {
  const subgraph = /subgraphs\/([a-z-]+)\/main\.js/.exec(cmdline);
  if (subgraph) return subgraph[1];
  if (/gateway\/main\.js/.test(cmdline)) return 'gateway';
  if (/@graphql-hive\/gateway/.test(cmdline)) return PEER_PROCESS;
  if (/^postgres(:|\s|$)|\/postgres\s/.test(cmdline)) return 'postgres';
  return null;
}

/**
 * The database a PostgreSQL backend serves, from the title PostgreSQL gives it (`postgres: <role> <database>
 * <client>(<port>) <state>`); `other` for the server's own processes (the postmaster, the WAL writer, the checkpointer…)
 * and for a backend that has ended.
 */
export function postgresDatabaseOf(cmdline: string): string {
  return /^postgres: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(cmdline)?.[1] ?? 'other';
}

/** Every process below `root`, from the parent ids in /proc/<pid>/stat. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    // the command name (field 2) may hold spaces and parentheses: the parent id follows the last ')'
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (!Number.isNaN(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) for (const child of children.get(queue.shift()!) ?? []) found.push(child), queue.push(child);
  return found;
}

interface Peak {
  processes: number;
  kb: number;
  measure: ProcessPeak['measure'];
  /** the highest reading in each phase, in the order the phases ran */
  byPhase: Map<string, number>;
}

/** the first phase whose highest reading came within 1 MiB of the peak */
export const phaseOfPeak = (byPhase: ReadonlyMap<string, number>, peakKb: number): string | undefined =>
  [...byPhase].find(([, kb]) => kb >= peakKb - 1024)?.[0];

export class MemorySampler {
  private peaks = new Map<string, Peak>();
  private timer?: NodeJS.Timeout;
  private phase = 'starting the hub';

  constructor(private readonly root = process.pid) {}

  start(intervalMs = 1000): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  /** From now on the readings belong to `phase` (what the bench is doing); the last phase's end is sampled first. */
  during(phase: string): void {
    this.sample();
    this.phase = phase;
  }

  sample(): void {
    if (process.platform !== 'linux') return;
    let postgres = 0;
    let postgresProcesses = 0;
    for (const pid of descendants(this.root)) {
      const name = processName((read(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ').trim());
      if (!name) continue;
      if (name === 'postgres') {
        postgres += kib(read(`/proc/${pid}/smaps_rollup`), 'Pss');
        postgresProcesses++;
        continue;
      }
      this.record(name, 1, kib(read(`/proc/${pid}/status`), 'VmHWM'), 'VmHWM');
    }
    if (postgresProcesses) this.record('postgres', postgresProcesses, postgres, 'sum of Pss');
  }

  private record(name: string, processes: number, kb: number, measure: ProcessPeak['measure']): void {
    const peak = this.peaks.get(name) ?? { processes: 0, kb: 0, measure, byPhase: new Map() };
    peak.processes = Math.max(peak.processes, processes);
    peak.kb = Math.max(peak.kb, kb);
    peak.byPhase.set(this.phase, Math.max(peak.byPhase.get(this.phase) ?? 0, kb));
    this.peaks.set(name, peak);
  }

  stop(): ProcessPeak[] {
    clearInterval(this.timer);
    this.sample();
    return [...this.peaks].map(([name, p]) => ({
      name,
      processes: p.processes,
      peakMiB: Math.round(p.kb / 1024),
      measure: p.measure,
      reachedDuring: phaseOfPeak(p.byPhase, p.kb),
    }));
  }
}

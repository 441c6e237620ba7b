/**
 * npm run bench [-- --residents N] [--quick] [--seconds S] [--warmup S] [--concurrency 1,8,32] [--results DIR] [--no-page]
 *               [--rounds R] [--cpu-requests N] [--cpu-concurrency C]
 *               [--soak] [--soak-seconds S] [--soak-clients N] [--soak-probe-timeout S] [--no-soak]
 *               [--cpu-only] [--help]
 * npm run bench -- --access-report [--audit-rows N] [--residents N] [--seconds S] [--rounds R]
 *
 * Starts a hub of its own (embedded PostgreSQL in a temporary folder, free ports), loads a district of N residents
 * (default 1,000,000) into the four departments and into a single "monolith" database, and measures from a separate
 * load process (bench/load-worker.ts): Resident 360 and grid rosters (a page of ROSTER_PAGE buildings) through the
 * gateway at concurrency 1, 8 and 32; the roster size curve (latency and SQL statements per department for pages of
 * 50…800 residents); the gateway against the subgraphs asked directly; against Hive Gateway on the same supergraph;
 * against one SQL query over one database; the points users feel (the district's and a street's regionStats, the events
 * list of the largest grid, the busiest department's inbox, through the gateway only); and the peak memory of every process. Each compared pair runs interleaved,
 * R rounds of S/R seconds per side (A, B, A, B …), and reports the median of the per-round ratios with their spread
 * (bench/rounds.ts); every scenario also gets its CPU milliseconds per request per process, read from /proc before and
 * after N requests at concurrency C (bench/cpu.ts). Last, the write soak (bench/soak.ts):
 * 16 clients for 60 s reading and writing as the roles that do it, with a burst of 30 event reports every 10 s — errors
 * by code, latency per operation, each department's availability, acknowledged against persisted. `--soak` runs the
 * soak alone (no monolith, no read scenarios), `--no-soak` leaves it out. Writes bench/results/<date>.json and .md, and the
 * "Latest results" and soak sections of docs/performance.md (`--no-page` or `--quick`: neither). `--cpu-only` measures
 * nothing but the CPU per Resident 360 per process, three times (no monolith, no soak, no files written).
 * `--access-report` runs one scenario alone (bench/access-report.ts): a resident's access report over N audit rows
 * (default 20,000,000) loaded by COPY, through the gateway against one SQL query, interleaved; a district of 10,000
 * residents unless --residents says otherwise; writes bench/results/<date>-access-report.json and .md.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, release, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DEPARTMENTS, GATEWAY_PORT_ENV, departmentInfo } from '../lib/departments';
import { seedDistrict } from '../runner/seed';
import { type RunningHub, startHub } from '../runner/run';
import { Rng } from '../runner/synthetic/random';
import { generateWorld, type World } from '../runner/synthetic/world';
import { departments } from '../scripts/registry';
import { referenceCpuMs } from './machine';
import { type BenchAuth, type BenchPerson, gatewayHeaders, signerFor, signingMaterial } from './auth';
import { PLANNER } from '../lib/cohort/names';
import { RESIDENT_DESK } from '../lib/auth/resident';
import { cohortScenarios, planOf } from './cohort';
import type { LoadJob, LoadLimits, SoakJob } from './load-worker';
import { MemorySampler } from './memory';
import { loadMonolith } from './monolith';
import { type PeerGateway as HiveGateway, startHiveGateway } from './peer-gateway';
import { MONOLITH_360, MONOLITH_ROSTER, RESIDENT_360, ROSTER, ROSTER_PAGE, graphqlBody } from './queries';
import { EVENT_INBOX, EVENTS_OF_GRID, REGION_STATS } from './soak-queries';
import { compareFigures, type MonolithFigures, monolithRegionStats } from './region-stats';
import { alternate, interleavedPair, inTurn } from './rounds';
import { addMonthsToMonth, monthOf } from '../lib/calendar';
import {
  type AccessReportResult,
  type AuditSeed,
  accessReportGoals,
  DEFAULT_AUDIT_ROWS,
  explainEntries,
  gatewayReportJob,
  MONOLITH_REPORT,
  REPORT,
  renderAccessReport,
  seedAuditRows,
} from './access-report';
import { cpuByProcess, cpuResult } from './cpu';
import { PG_STATEMENTS_FLAGS, resetStatements, statementLines, statementsPerRequest } from './pg-statements';
import {
  type BenchResults,
  type CohortResult,
  type CpuResult,
  type CurvePoint,
  FELT_GOAL_MS,
  type FeltPoint,
  type Pair,
  type PeerGateway,
  previousRun,
  renderMarkdown,
  renderPageSection,
  renderSoakRun,
  replaceSection,
  type RunResults,
  updatePage,
} from './report';
import type { SoakRun } from './soak';
import { persisted, savedDespiteError, snapshot } from './soak-count';
import { type SoakPlan, soakPlan, type SoakSettings } from './soak-plan';
import { renderSoakSection, SOAK_SECTION, type SoakResult, soakGoals } from './soak-report';
import type { RunStats } from './stats';

/** dist/ (this file runs as dist/bench/run.js) and the checkout above it */
const DIST = resolve(__dirname, '..');
const ROOT = resolve(DIST, '..');

export interface BenchOptions {
  residents: number;
  quick: boolean;
  /** measured seconds of each load run, after `warmupSeconds` of the same load */
  seconds: number;
  warmupSeconds: number;
  /** the most requests one run may send, whatever the time */
  maxRequests: number;
  /** rounds per side of each compared pair, which share `seconds` between them */
  rounds: number;
  /** requests of each scenario's CPU reading, and at which concurrency */
  cpuRequests: number;
  cpuConcurrency: number;
  /** what `--cpu-only` measures: Resident 360, or a grid's roster (a page of ROSTER_PAGE buildings) */
  cpuQuery: 'resident-360' | 'roster';
  concurrencies: number[];
  rosterSizes: number[];
  /** where bench/results/<date>.json and .md go */
  resultsDir: string;
  /** docs/performance.md, whose "Latest results" section gets the tables, or null */
  page: string | null;
  /** the write soak, or null to leave it out */
  soak: SoakSettings | null;
  /** the soak and nothing else */
  soakOnly: boolean;
  /** the access report at district scale and nothing else (bench/access-report.ts), or null */
  accessReport: { auditRows: number } | null;
  /** nothing but Resident 360's CPU per request per process, three readings (a step of a speed change) */
  cpuOnly: boolean;
  /** with cpuOnly: PostgreSQL's statements per request (bench/pg-statements.ts) and its CPU by database */
  pgStatements: boolean;
}

const FULL: BenchOptions = {
  residents: 1_000_000,
  quick: false,
  seconds: 10,
  warmupSeconds: 2,
  maxRequests: 200_000,
  rounds: 5,
  cpuRequests: 300,
  cpuConcurrency: 1,
  cpuQuery: 'resident-360',
  pgStatements: false,
  concurrencies: [1, 8, 32],
  rosterSizes: [50, 100, 200, 400, 800],
  resultsDir: join(ROOT, 'bench', 'results'),
  page: join(ROOT, 'docs', 'performance.md'),
  soak: { seconds: 60, clients: 16, burstSize: 30, burstEverySeconds: 10, probeTimeoutSeconds: 5 },
  soakOnly: false,
  accessReport: null,
  cpuOnly: false,
};
const QUICK: Partial<BenchOptions> = {
  residents: 5000,
  quick: true,
  seconds: 2,
  warmupSeconds: 0.5,
  rounds: 3,
  cpuRequests: 50,
  page: null,
  soak: { seconds: 10, clients: 8, burstSize: 30, burstEverySeconds: 10, probeTimeoutSeconds: 5 },
};

export function parseBenchArgs(argv: string[]): BenchOptions {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const text = value(name);
    const parsed = text === undefined ? fallback : Number(text.replace(/[_,]/g, ''));
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
    return parsed;
  };
  const whole = (name: string, fallback: number) => {
    const parsed = number(name, fallback);
    if (!Number.isInteger(parsed)) throw new Error(`--${name} must be a whole number`);
    return parsed;
  };
  const base = { ...FULL, ...(argv.includes('--quick') ? QUICK : {}) };
  const accessReport = argv.includes('--access-report') ? { auditRows: whole('audit-rows', DEFAULT_AUDIT_ROWS) } : null;
  // the access report needs residents only to pick one: its size is the audit rows
  const residents = whole('residents', accessReport ? 10_000 : base.residents);
  const seconds = number('seconds', base.seconds);
  const concurrencies = (value('concurrency') ?? base.concurrencies.join(',')).split(',').map(Number);
  if (!concurrencies.every((c) => Number.isInteger(c) && c > 0))
    throw new Error('--concurrency must list whole numbers, e.g. 1,8,32');
  const soakOnly = argv.includes('--soak');
  if (soakOnly && argv.includes('--no-soak')) throw new Error('--soak and --no-soak exclude each other');
  const clients = whole('soak-clients', base.soak!.clients);
  const cpuQuery = value('cpu-query') ?? base.cpuQuery;
  if (cpuQuery !== 'resident-360' && cpuQuery !== 'roster')
    throw new Error('--cpu-query must be resident-360 or roster');
  const cpuOnly = argv.includes('--cpu-only');
  const pgStatements = argv.includes('--pg-statements');
  if (pgStatements && !cpuOnly) throw new Error('--pg-statements goes with --cpu-only');
  return {
    ...base,
    residents,
    seconds,
    concurrencies,
    rounds: whole('rounds', base.rounds),
    cpuRequests: whole('cpu-requests', base.cpuRequests),
    cpuConcurrency: whole('cpu-concurrency', base.cpuConcurrency),
    cpuQuery,
    warmupSeconds: value('warmup') === '0' ? 0 : number('warmup', Math.min(base.warmupSeconds, seconds)),
    resultsDir: resolve(value('results') ?? base.resultsDir),
    page: argv.includes('--no-page') ? null : base.page,
    soak: argv.includes('--no-soak')
      ? null
      : {
          ...base.soak!,
          seconds: number('soak-seconds', base.soak!.seconds),
          clients,
          probeTimeoutSeconds: number('soak-probe-timeout', base.soak!.probeTimeoutSeconds),
        },
    soakOnly,
    accessReport,
    cpuOnly,
    pgStatements,
  };
}

export const USAGE = `npm run bench [-- options]
  --residents N         residents of the district (1,000,000; 5,000 with --quick)
  --quick               a small district and short runs, no page written
  --seconds S           measured seconds of each load run (10)
  --warmup S            warm-up seconds before each (2)
  --concurrency 1,8,32  the concurrencies of the load runs
  --rounds R            rounds per side of each compared pair (5)
  --cpu-requests N      requests of each CPU reading (300)
  --cpu-concurrency C   their concurrency (1)
  --cpu-only            only Resident 360's CPU per request per process, read three times (the median printed)
  --cpu-query Q         what --cpu-only measures: resident-360 (the default) or roster
  --pg-statements       with --cpu-only: PostgreSQL's statements per request (pg_stat_statements) and its CPU by database
  --access-report       only a resident's access report over --audit-rows N audit rows (20,000,000), loaded by COPY
  --results DIR         where <date>.json and .md go (bench/results)
  --no-page             leave docs/performance.md alone
  --soak | --no-soak    the write soak alone | without it
  --soak-seconds S, --soak-clients N, --soak-probe-timeout S`;

/** `count` ports nothing listens on now, held together while they are chosen so none comes twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((ok, fail) => {
          const server = createServer().once('error', fail);
          server.listen(0, '127.0.0.1', () => ok(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

/** The load process: jobs in over IPC, statistics back. */
class LoadWorker {
  private readonly child: ChildProcess = fork(join(__dirname, 'load-worker.js'), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  private readonly pending = new Map<number, { resolve: (s: any) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.child.on('message', (m: { id: number; stats?: unknown; error?: string }) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) waiting?.reject(new Error(`load worker: ${m.error}`));
      else waiting?.resolve(m.stats!);
    });
    this.child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the load worker exited (${code})`));
      this.pending.clear();
    });
  }

  private send(job: LoadJob): Promise<RunStats>;
  private send(job: SoakJob): Promise<SoakRun>;
  private send(job: LoadJob | SoakJob): Promise<RunStats | SoakRun> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, job });
    });
  }

  /**
   * A warm-up run (not recorded) and then the measured one, each with a job made just before it: credentials in the
   * job expire (a subgraph identity after 60 s), so every run gets fresh ones.
   */
  async run(warmupSeconds: number, job: () => Promise<LoadJob>): Promise<RunStats> {
    if (warmupSeconds > 0) await this.send({ ...(await job()), seconds: warmupSeconds });
    return this.send(await job());
  }

  soak(plan: SoakPlan): Promise<SoakRun> {
    return this.send({ kind: 'soak', plan });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

/** Residents on the first roster page (ROSTER_PAGE buildings, in key order) of each micro-grid and grid of the world. */
function rosterSizes(world: World): Map<string, number> {
  const buildingOfHousehold = new Map(world.households.map((h) => [h.id, h.buildingId]));
  const residentsOf = new Map<string, number>();
  for (const r of world.residents) {
    const building = buildingOfHousehold.get(r.householdId)!;
    residentsOf.set(building, (residentsOf.get(building) ?? 0) + 1);
  }
  const parent = new Map(world.regions.map((r) => [r.id, r.parentId]));
  const buildingsOf = new Map<string, string[]>();
  for (const b of world.buildings) {
    for (const region of [b.microGridId, parent.get(b.microGridId)!])
      buildingsOf.set(region, [...(buildingsOf.get(region) ?? []), b.id]);
  }
  const firstPage = (ids: string[]) =>
    ids
      .sort()
      .slice(0, ROSTER_PAGE)
      .reduce((sum, id) => sum + (residentsOf.get(id) ?? 0), 0);
  return new Map([...buildingsOf].map(([region, ids]) => [region, firstPage(ids)]));
}

/** SQL statements each department has sent so far (its hub_sql_statements_total counter). */
async function sqlStatements(hub: RunningHub): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(hub.subgraphUrls).map(async ([name, url]) => {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      const line = text.split('\n').find((l) => l.startsWith('hub_sql_statements_total'));
      return [name, Number(line?.split(' ')[1] ?? NaN)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Who reads a department's inbox in the bench: an official of that department. */
const INBOX_ROLE: Record<string, string> = {
  CIVIL_AFFAIRS: 'CASEWORKER',
  PUBLIC_SECURITY: 'OFFICER',
  POPULATION: 'REGISTRAR',
};

/** The hub department with the most events dispatched to it and not yet reported back (its inbox, eventInbox). */
async function busiestInbox(gridUrl: string): Promise<{ department: string; open: number }> {
  const client = new Client({ connectionString: gridUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ department: string; open: number }>(
      `select department, count(*)::int as open from event
        where department = any($1) and status in ('DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUSPENDED')
        group by department order by open desc, department limit 1`,
      [Object.keys(INBOX_ROLE)],
    );
    return rows[0] ?? { department: 'CIVIL_AFFAIRS', open: 0 };
  } finally {
    await client.end();
  }
}

/** The data of a GraphQL answer; an answer with errors throws. */
async function answerOf(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await res.json()) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || answer.errors)
    throw new Error(`${url} answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  return answer.data;
}

/** One row of one SQL statement (the monolith's answer, to check both sides answer the same question). */
async function queryOnce(url: string, sql: string, param: string): Promise<Record<string, unknown>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, [param])).rows[0];
  } finally {
    await client.end();
  }
}

/** Least-squares slope of log(latency) against log(size): 1 is linear, below 1 better than linear. */
function exponent(points: CurvePoint[]): number {
  const xs = points.map((p) => Math.log(p.residents));
  const ys = points.map((p) => Math.log(p.latency.p50));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return sxx ? Math.round((xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / sxx) * 100) / 100 : NaN;
}

const sample = <T>(rng: Rng, items: T[], count: number): T[] => {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
};

/** What the bench reads: its hub, the district, the load process, the monolith, and where to say how it goes. */
interface ReadBench {
  options: BenchOptions;
  hub: RunningHub;
  world: World;
  worker: LoadWorker;
  auth: BenchAuth;
  memory: MemorySampler;
  monolith: { url: string };
  log: (line: string) => void;
  stopping: (() => Promise<void> | void)[];
  work: string;
  hivePort: number;
}

/** The most a CPU reading's run of a fixed number of requests may take before it is cut short (and says so). */
const CPU_RUN_CAP_SECONDS = 900;

/** A load job for given limits, made just before its run (its credentials expire). */
type Job = (limits: LoadLimits) => Promise<LoadJob>;

/**
 * The read scenarios: Resident 360 and rosters against the monolith, the roster curve, the gateway against direct,
 * Hive Gateway, cohorts against their SQL; each compared pair interleaved in rounds, and the CPU per request of every
 * scenario.
 */
async function measureReads({
  options,
  hub,
  world,
  worker,
  auth,
  memory,
  monolith,
  log,
  stopping,
  work,
  hivePort,
}: ReadBench): Promise<Omit<BenchResults['scenarios'], 'memory'>> {
  const limits = (concurrency: number, seconds = options.seconds): LoadLimits => ({
    concurrency,
    seconds,
    maxRequests: options.maxRequests,
  });
  const run = (job: Job, l: LoadLimits) => worker.run(0, () => job(l));

  const rng = new Rng(4);
  const residentIds = sample(
    rng,
    world.residents.map((r) => r.id),
    2000,
  );
  const residentBodies = residentIds.map((id) => graphqlBody(RESIDENT_360, id));
  const sizes = rosterSizes(world);
  const grids = rosterGrids(rng, world);
  const rosterBodies = grids.map((id) => graphqlBody(ROSTER, id));
  // Hive Gateway signs each subgraph request itself (bench/peer-gateway.ts): its clients send no credentials
  const http =
    (url: string, target: 'gateway' | 'hive-gateway', bodies: string[]): Job =>
    async (l) => ({ kind: 'http', url, headers: target === 'gateway' ? await gatewayHeaders(auth) : {}, bodies, ...l });
  const sql =
    (statement: string, params: string[]): Job =>
    async (l) => ({ kind: 'sql', url: monolith.url, sql: statement, params, ...l });

  /** One warm-up of each side, then `rounds` rounds of each, alternating; the run's seconds shared out among them. */
  const interleavedAt = async (c: number, ours: Job, reference: Job): Promise<Pair> => {
    if (options.warmupSeconds > 0)
      for (const side of [ours, reference]) await run(side, limits(c, options.warmupSeconds));
    const round = limits(c, options.seconds / options.rounds);
    const { a, b } = await alternate(
      options.rounds,
      () => run(ours, round),
      () => run(reference, round),
    );
    return interleavedPair(a, b);
  };
  /**
   * Two sides against one reference, the three in turn in the same rounds (A, R, B, A, R, B …), so both pairs divide by
   * the same rounds of the reference.
   */
  const againstOneReference = async (c: number, ours: Job, reference: Job, other: Job): Promise<[Pair, Pair]> => {
    if (options.warmupSeconds > 0)
      for (const side of [ours, reference, other]) await run(side, limits(c, options.warmupSeconds));
    const round = limits(c, options.seconds / options.rounds);
    const [a, r, b] = await inTurn(
      options.rounds,
      [ours, reference, other].map((job) => () => run(job, round)),
    );
    return [interleavedPair(a, r), interleavedPair(b, r)];
  };
  const logPair = (label: string, names: [string, string], p: Pair) => {
    const side = (name: string, r: RunStats) =>
      `${name} ${r.throughput} req/s, p50 ${r.p50} ms${r.errors ? `, ${r.errors} ERRORS` : ''}`;
    const spread = (f: 'p50' | 'throughput') => `${p.ratio[f]} (${p.spread![f].min}–${p.spread![f].max})`;
    log(
      `  ${label} c=${p.concurrency}: ${side(names[0], p.ours)}; ${side(names[1], p.reference)}; ratio p50 ${spread('p50')}, req/s ${spread('throughput')}`,
    );
  };
  const pairs = async (
    label: string,
    names: [string, string],
    ours: Job,
    reference: Job,
    concurrencies = options.concurrencies,
  ): Promise<Pair[]> => {
    const list: Pair[] = [];
    for (const c of concurrencies) {
      const p = await interleavedAt(c, ours, reference);
      list.push(p);
      logPair(label, names, p);
    }
    return list;
  };
  const cpu: CpuResult[] = [];
  /** CPU per request of each process over a fixed number of requests of one scenario. */
  const cpuOf = async (scenario: string, job: Job, requests = options.cpuRequests) => {
    const before = cpuByProcess();
    const stats = await run(job, {
      concurrency: options.cpuConcurrency,
      seconds: CPU_RUN_CAP_SECONDS,
      maxRequests: requests,
    });
    const result = cpuResult(scenario, stats, before, cpuByProcess());
    cpu.push(result);
    log(
      `  CPU per request, ${scenario}: ${result.total} ms ${JSON.stringify(result.perProcess)}${result.errors ? `, ${result.errors} ERRORS` : ''}`,
    );
  };

  log('warming up the hub (its first requests compile code paths and fill caches)');
  for (const bodies of [residentBodies, rosterBodies])
    await run(http(hub.gatewayUrl, 'gateway', bodies), limits(8, Math.max(options.seconds, options.warmupSeconds * 2)));

  /** A question through the gateway against the same as one SQL query over the monolith: the pairs, then each side's CPU. */
  const versusMonolith = async (
    name: string,
    bodies: string[],
    monolithQuery: Job,
    concurrencies = options.concurrencies,
  ): Promise<{ gateway: Job; pairs: Pair[] }> => {
    const gateway = http(hub.gatewayUrl, 'gateway', bodies);
    const list = await pairs(name, ['gateway', 'monolith'], gateway, monolithQuery, concurrencies);
    await cpuOf(`${name} through the gateway`, gateway);
    await cpuOf(`${name} as one SQL query (monolith)`, monolithQuery);
    return { gateway, pairs: list };
  };

  log('resident-360: through the gateway and as one SQL query over one database (the monolith), interleaved');
  const resident360 = await versusMonolith('resident-360', residentBodies, sql(MONOLITH_360, residentIds));
  log('roster of a grid (its first page): through the gateway and over the monolith, interleaved');
  const roster = await versusMonolith('roster', rosterBodies, sql(MONOLITH_ROSTER, grids));

  log('roster size curve');
  const candidates = world.regions.filter((r) => r.level === 'MICRO_GRID' || r.level === 'GRID');
  const points: CurvePoint[] = [];
  // a page of 800 residents takes a second or more: a tenth of the requests
  const curveRequests = Math.max(10, Math.round(options.cpuRequests / 10));
  for (const target of options.rosterSizes) {
    const region = candidates.reduce((best, r) =>
      Math.abs(sizes.get(r.id)! - target) < Math.abs(sizes.get(best.id)! - target) ? r : best,
    );
    const body = graphqlBody(ROSTER, region.id);
    const headers = await gatewayHeaders(auth);
    await answerOf(hub.gatewayUrl, headers, body); // warm: the identity's scope is cached, the plan is made
    const before = await sqlStatements(hub);
    await answerOf(hub.gatewayUrl, headers, body);
    const after = await sqlStatements(hub);
    const statements = Object.fromEntries(Object.keys(after).map((d) => [d, after[d] - before[d]]));
    const job = http(hub.gatewayUrl, 'gateway', [body]);
    const latency = await worker.run(options.warmupSeconds, () => job(limits(1, options.seconds / 2)));
    points.push({
      targetResidents: target,
      residents: sizes.get(region.id)!,
      region: { id: region.id, level: region.level, name: region.name },
      latency,
      statements,
    });
    log(
      `  ${sizes.get(region.id)} residents (${region.level}): p50 ${latency.p50} ms; statements ${JSON.stringify(statements)}`,
    );
    await cpuOf(`roster of ${sizes.get(region.id)} residents (${target}), through the gateway`, job, curveRequests);
  }
  const first = JSON.stringify(points[0]?.statements);
  const latencyExponent = exponent(points);

  log('gateway overhead: the gateway against the subgraphs asked directly (one client for both), interleaved');
  const direct: Job = async (l) => ({
    kind: 'direct-360',
    subgraphUrls: hub.subgraphUrls,
    signing: signingMaterial(auth),
    ids: residentIds,
    ...l,
  });
  const overhead = await pairs(
    'resident-360',
    ['gateway', 'direct'],
    async (l) => ({
      kind: 'fetch',
      url: hub.gatewayUrl,
      headers: await gatewayHeaders(auth),
      bodies: residentBodies,
      ...l,
    }),
    direct,
  );
  await cpuOf('resident-360 straight from the subgraphs', direct);

  log('peer gateway: Hive Gateway on the same supergraph, interleaved with ours');
  let peer: PeerGateway;
  let hive: HiveGateway | undefined;
  try {
    hive = await startHiveGateway({
      supergraphFile: join(ROOT, 'schema', 'supergraph.graphql'),
      subgraphUrls: {
        ...hub.subgraphUrls,
        // the two subgraphs the gateway's own process serves (lib/cohort, gateway/resident-desk)
        ...Object.fromEntries(
          [PLANNER, RESIDENT_DESK].map((name) => [
            name,
            hub.gatewayUrl.replace(/\/graphql$/, `/subgraphs/${name}/graphql`),
          ]),
        ),
      },
      port: hivePort,
      workDir: work,
      signing: signingMaterial(auth),
      distDir: DIST,
    });
    stopping.unshift(() => hive!.stop());
    const hiveHeaders = {};
    await answerOf(hive.url, hiveHeaders, residentBodies[0]);
    await answerOf(hive.url, hiveHeaders, rosterBodies[0]);
    const hive360 = http(hive.url, 'hive-gateway', residentBodies);
    const hiveRoster = http(hive.url, 'hive-gateway', rosterBodies);
    const versus = ['ours', 'Hive'] as [string, string];
    // Resident 360 also with no gateway at all, in the same rounds: what no gateway could beat (bench/report.ts hiveCeiling)
    const viaOurs: Pair[] = [];
    const viaNone: Pair[] = [];
    for (const c of options.concurrencies) {
      const [ours, none] = await againstOneReference(c, resident360.gateway, hive360, direct);
      logPair('resident-360', versus, ours);
      logPair('resident-360', ['direct', 'Hive'], none);
      viaOurs.push(ours);
      viaNone.push(none);
    }
    peer = {
      available: true,
      versions: hive.versions,
      'resident-360': viaOurs,
      roster: await pairs('roster', versus, roster.gateway, hiveRoster),
      'direct-360': viaNone,
    };
    await cpuOf('resident-360 through Hive Gateway', hive360);
    await cpuOf('roster through Hive Gateway', hiveRoster);
    memory.sample();
  } catch (error) {
    peer = { available: false, reason: error instanceof Error ? error.message : String(error) };
    log(`  unavailable: ${peer.reason}`);
  } finally {
    await hive?.stop();
  }

  log(
    'cohort search: the planner through the gateway, and the same question as one SQL query over the monolith, interleaved',
  );
  const cohort: CohortResult[] = [];
  const sign = await signerFor(signingMaterial(auth));
  for (const scenario of cohortScenarios(world, (items, count) => sample(rng, items, count))) {
    const plan = await planOf(hub.gatewayUrl, sign, scenario.bodies[0]);
    const monolithTotal = Number((await queryOnce(monolith.url, scenario.sql, scenario.params[0])).total);
    const { pairs: list } = await versusMonolith(
      `cohort (${scenario.name})`,
      scenario.bodies,
      sql(scenario.sql, scenario.params),
      options.concurrencies.filter((c) => c <= 8),
    );
    cohort.push({
      name: scenario.name,
      description: scenario.description,
      total: plan.total,
      monolithTotal,
      firstAsked: plan.order[0] ?? '—',
      order: plan.order,
      keyBytes: plan.keyBytes,
      pairs: list,
    });
    log(
      `  ${scenario.name}: ${plan.total} matches (monolith ${monolithTotal}), asked ${plan.order.join(' → ')}, ${plan.keyBytes} key bytes`,
    );
  }

  log(
    "points users feel: the figures of the district and of a street, the events list of the largest grid, the busiest department's inbox",
  );
  const felt: FeltPoint[] = [];
  const district = world.regions.find((r) => r.level === 'DISTRICT')!;
  const streets = sample(
    rng,
    world.regions.filter((r) => r.level === 'STREET').map((r) => r.id),
    5,
  );
  const largestGrid = world.regions
    .filter((r) => r.level === 'GRID')
    .reduce((best, r) => ((sizes.get(r.id) ?? 0) > (sizes.get(best.id) ?? 0) ? r : best));
  const inbox = await busiestInbox(hub.ownerUrls.grid);
  /** The district's figures against the monolith's count of them (bench/region-stats.ts): the same figures first, then interleaved at concurrency 1. */
  const districtVersusMonolith = async (gateway: Job, body: string): Promise<FeltPoint['monolith']> => {
    const statement = await monolithRegionStats(monolith.url, { id: district.id, code: district.code });
    const answer = (await answerOf(hub.gatewayUrl, await gatewayHeaders(auth), body)) as {
      regionStats: Parameters<typeof compareFigures>[0];
    };
    const counted = (await queryOnce(monolith.url, statement, district.id)) as unknown as MonolithFigures;
    const { figures, differs } = compareFigures(answer.regionStats, district.id, counted);
    log(`  the same figures over the monolith: ${differs.length ? `DIFFER: ${differs.join('; ')}` : 'equal'}`);
    const reference = sql(statement, [district.id]);
    const [pair] = await pairs('regionStats of the district', ['gateway', 'monolith'], gateway, reference, [1]);
    await cpuOf('regionStats of the district as one SQL query (monolith)', reference, 5);
    return { pair, figures, differs };
  };
  const regionBodies = (query: string, ids: string[]) =>
    ids.map((regionId) => JSON.stringify({ query, variables: { regionId } }));
  for (const point of [
    {
      name: 'regionStats of the district',
      bodies: regionBodies(REGION_STATS, [district.id]),
      goalMs: FELT_GOAL_MS,
      versusMonolith: true,
    },
    { name: 'regionStats of a street', bodies: regionBodies(REGION_STATS, streets) },
    {
      name: `events of the largest grid (${sizes.get(largestGrid.id)} residents), first 20`,
      bodies: regionBodies(EVENTS_OF_GRID, [largestGrid.id]),
    },
    {
      name: `inbox of ${inbox.department} (${inbox.open} open events), first 20`,
      bodies: [JSON.stringify({ query: EVENT_INBOX })],
      person: { department: inbox.department, role: INBOX_ROLE[inbox.department] },
    },
  ] as { name: string; bodies: string[]; goalMs?: number; person?: BenchPerson; versusMonolith?: boolean }[]) {
    const job: Job = async (l) => ({
      kind: 'http',
      url: hub.gatewayUrl,
      headers: await gatewayHeaders(auth, point.person),
      bodies: point.bodies,
      ...l,
    });
    const latency = await worker.run(options.warmupSeconds, () => job(limits(1)));
    log(
      `  ${point.name}: p50 ${latency.p50} ms, p95 ${latency.p95} ms${latency.errors ? `, ${latency.errors} ERRORS` : ''}`,
    );
    // the district's figures take seconds each: a tenth of the requests
    await cpuOf(`${point.name}, through the gateway`, job, Math.max(5, Math.round(options.cpuRequests / 10)));
    felt.push({
      name: point.name,
      latency,
      ...(point.goalMs ? { goalMs: point.goalMs } : {}),
      ...(point.versusMonolith ? { monolith: await districtVersusMonolith(job, point.bodies[0]) } : {}),
    });
  }

  const gridSizes = grids.map((id) => sizes.get(id)!);
  return {
    felt,
    'resident-360': resident360.pairs.map((p) => p.ours),
    roster: {
      rosterResidents: {
        min: Math.min(...gridSizes),
        mean: Math.round(gridSizes.reduce((a, b) => a + b, 0) / gridSizes.length),
        max: Math.max(...gridSizes),
      },
      runs: roster.pairs.map((p) => p.ours),
    },
    'roster-curve': {
      points,
      statementsFlat: points.every((p) => JSON.stringify(p.statements) === first),
      latencyExponent,
      linearOrBetter: latencyExponent <= 1,
    },
    'gateway-overhead': overhead,
    'peer-gateway': peer,
    monolith: { 'resident-360': resident360.pairs, roster: roster.pairs },
    cohort,
    cpu,
  };
}

/** The bench's rosters: up to 200 general grids (not special ones such as a school's), drawn with `rng`. */
const rosterGrids = (rng: Rng, world: World): string[] =>
  sample(
    rng,
    world.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL').map((r) => r.id),
    200,
  );

/**
 * `--cpu-only`: after a warm-up, three readings of the CPU per Resident 360 (or, `--cpu-query roster`, per roster) per
 * process through the gateway, and the median of each process's figure (the steps of docs/performance.md's "CPU per
 * resident-360, step by step").
 */
async function measureCpuOnly(
  options: BenchOptions,
  hub: RunningHub,
  world: World,
  worker: LoadWorker,
  auth: BenchAuth,
  log: (line: string) => void,
): Promise<void> {
  const rng = new Rng(4);
  const bodies =
    options.cpuQuery === 'roster'
      ? rosterGrids(rng, world).map((id) => graphqlBody(ROSTER, id))
      : sample(
          rng,
          world.residents.map((r) => r.id),
          2000,
        ).map((id) => graphqlBody(RESIDENT_360, id));
  const job = async (l: LoadLimits): Promise<LoadJob> => ({
    kind: 'http',
    url: hub.gatewayUrl,
    headers: await gatewayHeaders(auth),
    bodies,
    ...l,
  });
  // a fixed count, not a time: on a busy machine a few seconds leave the processes' code unoptimised
  const warmup = options.cpuQuery === 'roster' ? 300 : 1500;
  log(`warming up the hub (${warmup} requests)`);
  await worker.run(0, async () => job({ concurrency: 4, seconds: CPU_RUN_CAP_SECONDS, maxRequests: warmup }));
  const byDatabase = options.pgStatements;
  if (byDatabase) await resetStatements(hub.adminUrl!('postgres'));
  const readings: ReturnType<typeof cpuResult>[] = [];
  for (let i = 0; i < 3; i++) {
    const before = cpuByProcess(process.pid, byDatabase);
    const stats = await worker.run(0, async () =>
      job({ concurrency: options.cpuConcurrency, seconds: CPU_RUN_CAP_SECONDS, maxRequests: options.cpuRequests }),
    );
    const result = cpuResult(
      `${options.cpuQuery} through the gateway`,
      stats,
      before,
      cpuByProcess(process.pid, byDatabase),
    );
    readings.push(result);
    log(
      `  reading ${i + 1}: ${result.total} ms ${JSON.stringify(result.perProcess)}${result.errors ? `, ${result.errors} ERRORS` : ''}`,
    );
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  const names = Object.keys(readings[0].perProcess);
  const perProcess = Object.fromEntries(names.map((n) => [n, median(readings.map((r) => r.perProcess[n] ?? 0))]));
  log(
    `CPU ms per ${options.cpuQuery}, median of 3: ${median(readings.map((r) => r.total))} ${JSON.stringify(perProcess)}`,
  );
  if (byDatabase) {
    const requests = readings.reduce((sum, r) => sum + r.requests, 0);
    log(`PostgreSQL's statements per ${options.cpuQuery} over the three readings (pg_stat_statements):`);
    for (const line of statementLines(await statementsPerRequest(hub.adminUrl!('postgres'), requests)))
      log(`  ${line}`);
  }
}

/**
 * The write soak: a plan of who does what on which records, the rows counted in every owner's database before, the
 * load process's run, and what it acknowledged looked for in those databases after.
 */
async function measureSoak({
  options,
  hub,
  world,
  worker,
  auth,
  log,
}: Pick<ReadBench, 'options' | 'hub' | 'world' | 'worker' | 'auth' | 'log'>): Promise<SoakResult> {
  const settings = options.soak!;
  log(
    `soak: ${settings.clients} clients for ${settings.seconds} s, a burst of ${settings.burstSize} event reports every ${settings.burstEverySeconds} s`,
  );
  const rng = new Rng(18);
  const take = <T>(items: T[], count: number) => sample(rng, items, count);
  const resident360 = take(
    world.residents.map((r) => r.id),
    2000,
  ).map((id) => graphqlBody(RESIDENT_360, id));
  const cohort = cohortScenarios(world, take)[0].bodies;
  const plan = await soakPlan(world, auth, settings, hub, take, { resident360, cohort });
  const before = await snapshot(hub.ownerUrls, plan.editable);
  const run = await worker.soak(plan);
  const rows = await persisted(hub.ownerUrls, plan.editable, before, run.acknowledged);
  const saved = await savedDespiteError(hub.ownerUrls, run.refused);
  const result: SoakResult = {
    settings,
    seconds: run.seconds,
    bursts: run.bursts,
    warmUpErrors: run.warmUpErrors,
    mix: run.mix,
    requests: run.operations.reduce(
      (sum, o) => sum + o.ok + o.expectedConflicts + Object.values(o.errors).reduce((a, b) => a + b, 0),
      0,
    ),
    operations: run.operations,
    availability: run.availability,
    persisted: rows,
    savedDespiteError: saved,
    goals: soakGoals(run.operations, run.warmUpErrors, run.availability, rows, saved),
  };
  if (Object.keys(run.warmUpErrors).length) log(`  warm-up ERRORS ${JSON.stringify(run.warmUpErrors)}`);
  for (const o of result.operations)
    log(
      `  ${o.operation}: ${o.ok} answered, p50 ${o.p50} ms, p95 ${o.p95} ms${o.expectedConflicts ? `, ${o.expectedConflicts} expected CONFLICT` : ''}${Object.keys(o.errors).length ? `, ERRORS ${JSON.stringify(o.errors)}` : ''}`,
    );
  for (const a of result.availability)
    log(
      `  ${a.department}: available ${a.available} of ${a.samples} seconds${Object.keys(a.failures).length ? ` (${JSON.stringify(a.failures)})` : ''}`,
    );
  for (const p of result.persisted)
    log(
      `  ${p.record}: acknowledged ${p.acknowledged}, new rows ${p.persisted}${p.found === null ? '' : `, ids found ${p.found}`}${p.equal ? '' : ' — NOT EQUAL'}`,
    );
  for (const s of saved) log(`  ${s.operation}: ${s.count} answered ${s.code} and were SAVED all the same`);
  const g = result.goals;
  log(
    `  goals ${g.met ? 'met' : 'NOT met'}: ${g.unexpectedErrors} unexpected errors, availability ${g.availability}%, acknowledged ${g.acknowledgedEqualsPersisted ? '=' : '≠'} persisted`,
  );
  return result;
}

/**
 * The access report at district scale: the audit rows loaded (COPY), then the report through the gateway and as one
 * SQL query over the monolith, in alternating rounds at concurrency 1 (one resident asking).
 */
async function measureAccessReport(
  options: BenchOptions,
  auditRows: number,
  hub: RunningHub,
  world: World,
  worker: LoadWorker,
  auth: BenchAuth,
  log: (line: string) => void,
): Promise<AccessReportResult> {
  log(`loading ${auditRows.toLocaleString('en')} audit rows by COPY (four departments, and the monolith)…`);
  const { seed, monolithUrl } = await seedAuditRows(hub.ownerUrls, hub.adminUrl!, world, auditRows, log);
  const plan = await explainEntries(hub.ownerUrls.population, seed);
  log(`  population's part, as planned and run:\n    ${plan.join('\n    ')}`);
  const monolithJob =
    (asked: AuditSeed) =>
    async (l: LoadLimits): Promise<LoadJob> => ({
      kind: 'sql',
      url: monolithUrl,
      sql: MONOLITH_REPORT(asked),
      params: [asked.chosen],
      ...l,
    });
  const limits = (seconds: number): LoadLimits => ({ concurrency: 1, seconds, maxRequests: options.maxRequests });
  const round = limits(options.seconds / options.rounds);
  /** The report over `asked`'s period, through the gateway and as the one SQL query, interleaved (after a warm-up). */
  const measured = async (asked: AuditSeed) => {
    const gateway = gatewayReportJob(hub.gatewayUrl, auth, asked);
    const monolith = monolithJob(asked);
    if (options.warmupSeconds > 0)
      for (const side of [gateway, monolith]) await worker.run(0, () => side(limits(options.warmupSeconds)));
    const { a, b } = await alternate(
      options.rounds,
      () => worker.run(0, () => gateway(round)),
      () => worker.run(0, () => monolith(round)),
    );
    return interleavedPair(a, b);
  };
  log('access report: through the gateway and as one SQL query over one database, interleaved');
  const pair = await measured(seed);
  // the /me page asks a month at a time: the last whole month, whose partition alone the statement plans
  const month = addMonthsToMonth(monthOf(seed.to), -1);
  log(`access report of ${month.key} alone, as the resident's page asks it`);
  const monthPair = await measured({ ...seed, from: month.from, to: month.to });
  const result: AccessReportResult = {
    seed,
    gateway: pair.ours,
    monolith: pair.reference,
    pair,
    goals: accessReportGoals(pair),
    month: { key: month.key, pair: monthPair, goals: accessReportGoals(monthPair) },
    asked: REPORT,
    plan,
  };
  log(renderAccessReport(result));
  return result;
}

function writeAccessReport(
  options: BenchOptions,
  result: AccessReportResult,
  log: (line: string) => void,
): { results: AccessReportResult; jsonFile: string; markdownFile: string } {
  mkdirSync(options.resultsDir, { recursive: true });
  const stem = `${new Date().toISOString().slice(0, 16).replace(':', '-')}Z-access-report`;
  const jsonFile = join(options.resultsDir, `${stem}.json`);
  const markdownFile = join(options.resultsDir, `${stem}.md`);
  writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(markdownFile, `# Bench ${stem}\n\n${renderAccessReport(result)}\n`);
  log(`results: ${jsonFile}\n         ${markdownFile}`);
  return { results: result, jsonFile, markdownFile };
}

/** Runs every scenario and writes the results; returns them with the files written (null with `--cpu-only`). */
export async function runBench(
  options: BenchOptions,
  print: (line: string) => void = console.log,
): Promise<{ results: RunResults | AccessReportResult; jsonFile: string; markdownFile: string } | null> {
  let log = print;
  // the bench's hub is its own: no setting of the caller's may point it at other databases, subgraphs or keys
  for (const name of Object.keys(process.env)) {
    if (/^(DATABASE_URL_|DATABASE_OWNER_URL_|SUBGRAPH_URL_|PORT_)/.test(name) || /^HUB_(JWT|GATEWAY)_/.test(name))
      delete process.env[name];
  }
  const modules = Object.values(departments);
  const work = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  chmodSync(work, 0o755); // as root, PostgreSQL runs as its own user and must reach its folder
  const [pgPort, gatewayPort, hivePort, ...subgraphPorts] = await freePorts(3 + DEPARTMENTS.length);
  const stopping: (() => Promise<void> | void)[] = [];
  try {
    const reference = { start: referenceCpuMs(), end: 0 };
    log(`the machine's reference workload (bench/machine.ts): ${reference.start} ms of CPU`);
    const t = performance.now();
    log(`generating a district of ${options.residents.toLocaleString('en')} residents…`);
    const world = generateWorld({ residents: options.residents });
    const generateSeconds = (performance.now() - t) / 1000;

    log('starting the hub (embedded PostgreSQL, four subgraphs, gateway)…');
    const hub = await startHub({
      departments: modules,
      dataDir: join(work, 'data'),
      pgPort,
      persistent: false,
      seedResidents: 0,
      distDir: DIST,
      quiet: true,
      log: () => undefined,
      postgresFlags: options.pgStatements ? PG_STATEMENTS_FLAGS : [],
      env: {
        // an overloaded run (32 grid rosters at once on two cores) is measured as slow, not cut short by time-outs
        HUB_SUBGRAPH_TIMEOUT_MS: '120000',
        HUB_REQUEST_TIMEOUT_MS: '180000',
        [GATEWAY_PORT_ENV]: String(gatewayPort),
        ...Object.fromEntries(DEPARTMENTS.map((d, i) => [departmentInfo(d).portEnv, String(subgraphPorts[i])])),
      },
    });
    stopping.unshift(() => hub.stop());
    const memory = new MemorySampler().start();
    stopping.unshift(() => void memory.stop());
    // each step the bench announces (a line not indented) is a phase of the memory readings: the table says in which
    // one each process reached its peak
    log = (line: string) => {
      if (!/^\s/.test(line)) memory.during(line.replace(/…$/, ''));
      print(line);
    };

    log('loading the district into the four departments…');
    const seeded = await seedDistrict(modules, hub.ownerUrls, () => world);
    log(`  ${seeded.rows.toLocaleString('en')} rows in ${(seeded.loadMs / 1000).toFixed(1)} s`);
    if (options.accessReport) {
      const worker = new LoadWorker();
      stopping.unshift(() => worker.stop());
      const auth = { secretsFile: hub.secretsFile, districtId: world.regions.find((r) => r.level === 'DISTRICT')!.id };
      const result = await measureAccessReport(options, options.accessReport.auditRows, hub, world, worker, auth, log);
      return writeAccessReport(options, result, log);
    }
    if (options.cpuOnly) {
      const worker = new LoadWorker();
      stopping.unshift(() => worker.stop());
      await measureCpuOnly(
        options,
        hub,
        world,
        worker,
        {
          secretsFile: hub.secretsFile,
          districtId: world.regions.find((r) => r.level === 'DISTRICT')!.id,
        },
        log,
      );
      log(
        `the machine's reference workload: ${reference.start} ms of CPU at the start, ${referenceCpuMs()} at the end`,
      );
      return null;
    }
    // the soak alone compares with nothing: no monolith
    let monolith: Awaited<ReturnType<typeof loadMonolith>> | undefined;
    if (!options.soakOnly) {
      log('loading the same district into one database (the monolith)…');
      monolith = await loadMonolith(hub.adminUrl!, modules, world);
    }

    const worker = new LoadWorker();
    stopping.unshift(() => worker.stop());
    const auth: BenchAuth = {
      secretsFile: hub.secretsFile,
      districtId: world.regions.find((r) => r.level === 'DISTRICT')!.id,
    };
    const reads =
      monolith &&
      (await measureReads({ options, hub, world, worker, auth, memory, monolith, log, stopping, work, hivePort }));
    // last: its writes change what the reads would find
    const soak = options.soak ? await measureSoak({ options, hub, world, worker, auth, log }) : undefined;
    const memoryPeaks = memory.stop();
    reference.end = referenceCpuMs();
    log(`the machine's reference workload: ${reference.end} ms of CPU at the end`);
    const date = new Date().toISOString();
    const base = {
      date,
      residents: options.residents,
      quick: options.quick,
      machine: {
        cpus: availableParallelism(),
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
        node: process.version,
        os: `${process.platform} ${release()}`,
        referenceCpuMs: reference,
      },
      seed: {
        rows: seeded.rows,
        generateSeconds: Math.round(generateSeconds * 10) / 10,
        loadSeconds: Math.round(seeded.loadMs / 100) / 10,
        rowsPerSecond: Math.round(seeded.rows / (generateSeconds + seeded.loadMs / 1000)),
      },
    };
    const results: RunResults = reads
      ? {
          ...base,
          settings: {
            seconds: options.seconds,
            warmupSeconds: options.warmupSeconds,
            maxRequests: options.maxRequests,
            concurrencies: options.concurrencies,
            rounds: options.rounds,
            cpuRequests: options.cpuRequests,
            cpuConcurrency: options.cpuConcurrency,
          },
          seed: { ...base.seed, monolithRows: monolith!.rows },
          scenarios: { ...reads, memory: memoryPeaks },
          ...(soak ? { soak } : {}),
        }
      : { ...base, soak: soak! };

    mkdirSync(options.resultsDir, { recursive: true });
    const stem = `${date.slice(0, 16).replace(':', '-')}Z${options.quick ? '-quick' : ''}${reads ? '' : '-soak'}`;
    const jsonFile = join(options.resultsDir, `${stem}.json`);
    const markdownFile = join(options.resultsDir, `${stem}.md`);
    writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
    const written = [jsonFile, markdownFile];
    if ('scenarios' in results) {
      const previous = previousRun(options.resultsDir, results);
      writeFileSync(markdownFile, `# Bench ${stem}\n\n${renderMarkdown(results, previous)}`);
      if (options.page) {
        updatePage(options.page, renderPageSection(results, relative(ROOT, jsonFile), previous));
        written.push(`${options.page} (Latest results)`);
      }
    } else {
      writeFileSync(markdownFile, `# Soak ${stem}\n\n${renderSoakRun(results)}`);
    }
    if (soak && options.page) {
      replaceSection(
        options.page,
        SOAK_SECTION,
        renderSoakSection(soak, options.residents, relative(ROOT, jsonFile), date),
      );
      written.push(`${options.page} (${SOAK_SECTION.slice(3)})`);
    }
    log(`results: ${written.join('\n         ')}`);
    return { results, jsonFile, markdownFile };
  } finally {
    for (const stop of stopping) await stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  runBench(options).then(
    () => process.exit(0),
    (error) => {
      console.error('the bench failed:', error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}

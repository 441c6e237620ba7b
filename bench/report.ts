/**
 * The bench's results: their shape (bench/results/<date>.json), the markdown tables made from them
 * (bench/results/<date>.md) and the "Latest results" section of docs/performance.md, which embeds the same tables —
 * one rendering of one object, so the page, the table and the JSON agree.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_PROCESS, type ProcessPeak } from './memory';
import { renderSoak, type SoakResult } from './soak-report';
import type { RunStats } from './stats';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** CPU ms of a fixed workload at the start and the end of the run (bench/machine.ts); runs before it have none */
  referenceCpuMs?: { start: number; end: number };
}

export interface CurvePoint {
  targetResidents: number;
  residents: number;
  region: { id: string; level: string; name: string };
  latency: RunStats;
  /** SQL statements each department sent for one roster request */
  statements: Record<string, number>;
}

export interface Ratio {
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
}

export interface Range {
  min: number;
  max: number;
}

export interface Pair {
  concurrency: number;
  /** our gateway / federated (measured in rounds: counts summed, each other figure the median over rounds) */
  ours: RunStats;
  /** the reference: direct from subgraphs, Hive Gateway, or the monolith */
  reference: RunStats;
  /** ours ÷ reference, for latencies and throughput alike (measured in rounds: the median of the per-round ratios) */
  ratio: Ratio;
  /** the lowest and highest per-round ratio (runs before interleaving have none) */
  spread?: Record<keyof Ratio, Range>;
  /** each round's ratio, in the order run (bench/rounds.ts) */
  rounds?: Ratio[];
}

/** CPU per request of every process of the hub over a fixed number of requests of one scenario (bench/cpu.ts). */
export interface CpuResult {
  scenario: string;
  concurrency: number;
  /** requests sent (the fixed number, unless the time cap came first), of which `errors` failed */
  requests: number;
  errors: number;
  /** CPU milliseconds per request of each process (PostgreSQL: all its processes) */
  perProcess: Record<string, number>;
  total: number;
}

export interface CohortResult {
  name: string;
  description: string;
  /** matches of the first parameter value, through the planner and from the monolith (they must agree) */
  total: number;
  monolithTotal: number;
  /** the department asked for keys first, and all in order */
  firstAsked: string;
  order: string[];
  /** packed key bytes moved between the planner and the departments for that answer */
  keyBytes: number;
  /** federated (through the gateway) ÷ monolith, per concurrency */
  pairs: Pair[];
}

/** A point users feel that has no monolith beside it: through the gateway at concurrency 1 (issue 25). */
export interface FeltPoint {
  name: string;
  latency: RunStats;
  /** the p50 it should stay under */
  goalMs?: number;
  /**
   * The district's figures against the monolith's count of them (bench/region-stats.ts): interleaved at concurrency 1,
   * the monolith's figures by name, and where the two answers' figures differ (empty when they agree).
   */
  monolith?: { pair: Pair; figures: Record<string, number>; differs: string[] };
}

/** The district's regionStats through the gateway, p50 (issue 25). */
export const FELT_GOAL_MS = 500;

export type PeerGateway =
  | {
      available: true;
      versions: Record<string, string>;
      'resident-360': Pair[];
      roster: Pair[];
      /**
       * Resident 360 from the subgraphs asked directly (no gateway) ÷ Hive Gateway: the most any gateway could read
       * against Hive on these subgraphs (runs before it have none)
       */
      'direct-360'?: Pair[];
    }
  | { available: false; reason: string };

/** What a run writes: every scenario, or with `--soak` the soak alone. */
export type RunResults = BenchResults | SoakOnlyResults;
export type SoakOnlyResults = Omit<BenchResults, 'scenarios' | 'soak' | 'settings' | 'seed'> & {
  seed: Omit<BenchResults['seed'], 'monolithRows'>;
  soak: SoakResult;
};

export interface BenchResults {
  date: string;
  residents: number;
  quick: boolean;
  settings: {
    seconds: number;
    warmupSeconds: number;
    maxRequests: number;
    concurrencies: number[];
    /** rounds per side of each compared pair (runs before interleaving have none) */
    rounds?: number;
    /** requests, and at which concurrency, of each scenario's CPU reading */
    cpuRequests?: number;
    cpuConcurrency?: number;
  };
  machine: Machine;
  seed: { rows: number; generateSeconds: number; loadSeconds: number; rowsPerSecond: number; monolithRows: number };
  /** the write soak (bench/soak.ts), when it ran */
  soak?: SoakResult;
  scenarios: {
    'resident-360': RunStats[];
    roster: { rosterResidents: { min: number; mean: number; max: number }; runs: RunStats[] };
    'roster-curve': { points: CurvePoint[]; statementsFlat: boolean; latencyExponent: number; linearOrBetter: boolean };
    'gateway-overhead': Pair[];
    'peer-gateway': PeerGateway;
    monolith: { 'resident-360': Pair[]; roster: Pair[] };
    cohort: CohortResult[];
    /** points users feel (regionStats, an events list, a department's inbox): runs before them have none */
    felt?: FeltPoint[];
    memory: ProcessPeak[];
    /** CPU per request of every scenario (runs before it have none) */
    cpu?: CpuResult[];
  };
}

export const ratio = (ours: RunStats, reference: RunStats): Ratio => {
  const r = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    p50: r(ours.p50, reference.p50),
    p95: r(ours.p95, reference.p95),
    p99: r(ours.p99, reference.p99),
    throughput: r(ours.throughput, reference.throughput),
  };
};

const n = (value: number, digits = 1) =>
  Number.isFinite(value)
    ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];
const stats = (s: RunStats) => [n(s.throughput), n(s.p50, 2), n(s.p95, 2), n(s.p99, 2)];

/** How the figures are made, under every table. */
const NOTES = [
  'How: load comes from a separate process — autocannon for the gateway and Hive Gateway runs, one fetch client for both sides of the',
  'gateway-overhead pair, a pool of PostgreSQL connections for the monolith. Resident ids and grids vary from request to request.',
  "When a run's time is up, each connection still waits for its answer in flight, so no request is abandoned. The bench raises the",
  "gateway's time-outs (HUB_SUBGRAPH_TIMEOUT_MS, HUB_REQUEST_TIMEOUT_MS) so that an overloaded run is measured as slow instead of failing.",
  'Hive Gateway passes on the subgraph identity that the bench signs (bench/auth.ts). Our gateway does more on every request: it',
  "verifies the user's token, resolves the data scope (cached), signs the identity it forwards and checks the operation limits.",
  'Peak memory is VmHWM for each Node process, and the peak of the summed Pss of all PostgreSQL processes, sampled every second;',
  '"reached while" is the first step of the bench whose readings came within 1 MiB of that peak.',
];
/** How the figures of an interleaved run with CPU readings are made, besides NOTES. */
const ROUND_NOTES = [
  'Each compared pair (gateway and monolith, gateway and direct, ours and Hive Gateway, cohort and its SQL) runs in alternating',
  "short rounds, A, B, A, B …, after one warm-up of each side, so the machine's noise lands on both sides alike; round i of one",
  'side is divided by round i of the other and the median of those ratios is shown, with the lowest and highest round in brackets.',
  'Resident 360 against Hive Gateway runs three sides in turn (ours, Hive Gateway, no gateway), both ratios over the same Hive rounds.',
  'CPU per request: utime + stime of each process (all its threads, GC and compiler included) and of the children it has waited',
  'for (PostgreSQL backends that ended), from /proc/<pid>/stat before and after a fixed number of requests of the scenario; what',
  'a process does meanwhile on its own (timers, autovacuum) is included, the load process is not.',
];

interface Goal {
  name: string;
  target: string;
  value: (r: BenchResults) => number | undefined;
  met: (v: number) => boolean;
  digits?: number;
}

const at = (pairs: Pair[] | undefined, concurrency: number) => pairs?.find((p) => p.concurrency === concurrency);
/** the hub's own Node processes (not the peer gateway the bench runs beside them) */
const nodePeak = (r: BenchResults) =>
  Math.max(...r.scenarios.memory.filter((p) => p.measure === 'VmHWM' && p.name !== PEER_PROCESS).map((p) => p.peakMiB));

/** every pair of a list of pairs, for the goals that hold "at every point" */
const everyPair = (lists: (Pair[] | undefined)[]) => lists.flatMap((l) => l ?? []);
const worst = (values: number[], pick: (...v: number[]) => number) => (values.length ? pick(...values) : undefined);
const cpuOf = (r: BenchResults, scenario: string) => r.scenarios.cpu?.find((c) => c.scenario === scenario)?.total;

/** The second speed issue's goals (issue 25), each a ratio measured within one run, a CPU figure or a peak. */
const GOALS: Goal[] = [
  {
    name: 'resident-360 CPU ms per request, all processes',
    target: '≤ 8',
    value: (r) => cpuOf(r, 'resident-360 through the gateway'),
    met: (v) => v <= 8,
    digits: 2,
  },
  {
    name: 'resident-360 p50 ÷ monolith, concurrency 1 (long-run goal ≤ 3)',
    target: '≤ 5',
    value: (r) => at(r.scenarios.monolith['resident-360'], 1)?.ratio.p50,
    met: (v) => v <= 5,
    digits: 2,
  },
  {
    name: 'resident-360 req/s ÷ monolith, concurrency 8',
    target: '≥ 0.2',
    value: (r) => at(r.scenarios.monolith['resident-360'], 8)?.ratio.throughput,
    met: (v) => v >= 0.2,
    digits: 2,
  },
  {
    name: 'roster p50 ÷ monolith, concurrency 1',
    target: '≤ 5',
    value: (r) => at(r.scenarios.monolith.roster, 1)?.ratio.p50,
    met: (v) => v <= 5,
    digits: 2,
  },
  {
    name: 'req/s, our gateway ÷ Hive Gateway, lowest of every query and concurrency',
    target: '≥ 1.3',
    value: (r) => {
      const peer = r.scenarios['peer-gateway'];
      return peer.available
        ? worst(
            everyPair([peer['resident-360'], peer.roster]).map((p) => p.ratio.throughput),
            Math.min,
          )
        : undefined;
    },
    met: (v) => v >= 1.3,
    digits: 2,
  },
  {
    name: 'cohort p50 ÷ monolith, highest of every scenario and concurrency',
    target: '≤ 2',
    value: (r) =>
      worst(
        everyPair(r.scenarios.cohort.map((c) => c.pairs)).map((p) => p.ratio.p50),
        Math.max,
      ),
    met: (v) => v <= 2,
    digits: 2,
  },
  {
    name: 'regionStats of the district through the gateway, p50 ms',
    target: `≤ ${FELT_GOAL_MS}`,
    value: (r) => r.scenarios.felt?.find((f) => f.goalMs !== undefined)?.latency.p50,
    met: (v) => v <= FELT_GOAL_MS,
    digits: 0,
  },
  {
    name: 'SQL statements per roster request flat as it grows',
    target: 'yes',
    value: (r) => (r.scenarios['roster-curve'].statementsFlat ? 1 : 0),
    met: (v) => v === 1,
  },
  {
    name: 'largest Node process of the hub, peak (VmHWM), MiB',
    target: '≤ 400',
    value: nodePeak,
    met: (v) => v <= 400,
    digits: 0,
  },
  {
    name: 'seeding the district, s',
    target: '≤ 60',
    value: (r) => r.seed.generateSeconds + r.seed.loadSeconds,
    met: (v) => v <= 60,
    digits: 1,
  },
];

function goalCell(goal: Goal, r: BenchResults | undefined): string {
  const v = r && goal.value(r);
  if (v === undefined || !Number.isFinite(v)) return '—';
  return goal.target === 'yes' ? (v === 1 ? 'yes' : 'no') : n(v, goal.digits ?? 2);
}

/** The goals, this run beside the previous full run at the same size (bench/results). */
function renderGoals(results: BenchResults, previous: BenchResults | undefined): string[] {
  const lines = [
    '**Goals** of the speed issue, this run beside the previous one' +
      (previous ? ` (${previous.date.slice(0, 16)}Z)` : ' (none at this size)') +
      ':',
    '',
  ];
  lines.push(...header(['goal', 'target', 'this run', 'previous run', 'met']));
  for (const goal of GOALS) {
    const v = goal.value(results);
    lines.push(
      row([
        goal.name,
        goal.target,
        goalCell(goal, results),
        goalCell(goal, previous),
        v === undefined ? '—' : goal.met(v) ? 'yes' : '**no**',
      ]),
    );
  }
  return [...lines, ...hiveCeiling(results), ''];
}

/**
 * What the Hive goal can reach on these subgraphs: Resident 360 with no gateway process, the bench's client asking the
 * subgraphs our plan's requests in its order and signing each (the least a gateway must do), against Hive Gateway, in
 * the same rounds as ours against Hive.
 */
function hiveCeiling(results: BenchResults): string[] {
  const peer = results.scenarios['peer-gateway'];
  const pairs = peer.available ? peer['direct-360'] : undefined;
  if (!pairs?.length) return [];
  const readings = pairs.map((p) => `${n(p.ratio.throughput, 2)} at concurrency ${p.concurrency}`).join(', ');
  return [
    '',
    "The Hive goal's ceiling on these subgraphs: Resident 360 with no gateway process (the bench's client asks the subgraphs " +
      `our plan's requests in its order, signing each: the least a gateway must do) reads ${readings} × Hive Gateway's ` +
      'req/s, in the same rounds as ours ÷ Hive ("No gateway ÷ Hive Gateway" below).',
  ];
}

/** The tables of one run, in markdown; `previous` (the last full run at the same size) is shown beside the goals. */
export function renderMarkdown(results: BenchResults, previous?: BenchResults): string {
  const { scenarios: s, settings } = results;
  const lines: string[] = [];
  const interleaved = settings.rounds
    ? ` Compared pairs run interleaved: ${settings.rounds} rounds of ${n(settings.seconds / settings.rounds, 2)} s per side, ` +
      'A, B, A, B …; a ratio is the median of the per-round ratios (lowest–highest round), a side’s figure the median of its rounds.'
    : '';
  lines.push(
    `${runLine(results)} Each figure: ${settings.seconds} s of load after ${settings.warmupSeconds} s of warm-up ` +
      `(at most ${settings.maxRequests.toLocaleString('en')} requests), from a separate process; latencies in ms.${interleaved}`,
    '',
    ...renderGoals(results, previous),
  );

  lines.push(
    '**Through the gateway** (throughput in requests/s):',
    '',
    ...header(['scenario', 'concurrency', 'req/s', 'p50', 'p95', 'p99', 'errors']),
  );
  for (const [name, runs] of [
    ['resident-360', s['resident-360']],
    [
      `roster (first page of a grid, ${s.roster.rosterResidents.min}–${s.roster.rosterResidents.max} residents)`,
      s.roster.runs,
    ],
  ] as const) {
    for (const r of runs) lines.push(row([name, r.concurrency, ...stats(r), r.errors]));
  }

  const curve = s['roster-curve'];
  const departments = Object.keys(curve.points[0]?.statements ?? {});
  lines.push(
    '',
    `**Roster size curve** (concurrency 1): SQL statements per request are ${curve.statementsFlat ? 'flat' : '**not flat**'}; ` +
      `latency grows as residents^${n(curve.latencyExponent, 2)} (${curve.linearOrBetter ? 'linear or better' : '**worse than linear**'}).`,
    '',
    ...header(['roster residents (target)', 'region', 'p50', 'p95', 'p99', ...departments.map((d) => `SQL ${d}`)]),
  );
  for (const p of curve.points) {
    lines.push(
      row([
        `${p.residents} (${p.targetResidents})`,
        p.region.level,
        ...stats(p.latency).slice(1),
        ...departments.map((d) => p.statements[d]),
      ]),
    );
  }

  const pairTable = (title: string, oursName: string, refName: string, pairs: [string, Pair[]][]) => {
    lines.push(
      '',
      title,
      '',
      ...header([
        'query',
        'concurrency',
        `${oursName} req/s`,
        `${refName} req/s`,
        `${oursName} p50`,
        `${refName} p50`,
        'p50 ratio',
        'p95 ratio',
        'p99 ratio',
        'req/s ratio',
      ]),
    );
    for (const [query, list] of pairs) {
      for (const p of list) {
        lines.push(
          row([
            query,
            p.concurrency,
            n(p.ours.throughput),
            n(p.reference.throughput),
            n(p.ours.p50, 2),
            n(p.reference.p50, 2),
            ratioCell(p, 'p50'),
            ratioCell(p, 'p95'),
            ratioCell(p, 'p99'),
            ratioCell(p, 'throughput'),
          ]),
        );
      }
    }
  };
  pairTable(
    "**Gateway overhead**: our gateway ÷ the same Resident 360 fetched straight from the subgraphs in the query plan's order (one client for both)",
    'gateway',
    'direct',
    [['resident-360', s['gateway-overhead']]],
  );
  const peer = s['peer-gateway'];
  if (peer.available) {
    pairTable(
      `**Peer gateway**: ours ÷ Hive Gateway ${peer.versions['@graphql-hive/gateway']} with the Rust planner (router-runtime ${peer.versions['@graphql-hive/router-runtime']}), request deduplication off, same supergraph and subgraphs`,
      'ours',
      'Hive',
      [
        ['resident-360', peer['resident-360']],
        ['roster', peer.roster],
      ],
    );
    if (peer['direct-360']?.length)
      pairTable(
        "**No gateway ÷ Hive Gateway**: the same Resident 360 fetched straight from the subgraphs in the query plan's order (the gateway-overhead client) ÷ Hive Gateway, in the same rounds as ours ÷ Hive (ours, Hive, no gateway, in turn)",
        'direct',
        'Hive',
        [['resident-360', peer['direct-360']]],
      );
  } else {
    lines.push('', `**Peer gateway**: unavailable — ${peer.reason}`);
  }
  pairTable(
    '**Monolith baseline**: federated (through the gateway) ÷ the same question as one SQL query over one database',
    'federated',
    'monolith',
    [
      ['resident-360', s.monolith['resident-360']],
      ['roster', s.monolith.roster],
    ],
  );

  lines.push(
    '',
    '**Cohort search**: the planner through the gateway ÷ the same question as one SQL query over one database (count and first page of 20); ' +
      'matches and key bytes for the first parameter value of each scenario',
    '',
    ...header([
      'scenario',
      'matches (monolith)',
      'asked for keys, in order',
      'key bytes',
      'concurrency',
      'federated p50',
      'monolith p50',
      'p50 ratio',
      'p95 ratio',
      'req/s ratio',
    ]),
  );
  for (const c of s.cohort ?? []) {
    for (const p of c.pairs) {
      lines.push(
        row([
          c.name,
          `${c.total} (${c.monolithTotal})`,
          c.order.join(' → '),
          c.keyBytes.toLocaleString('en'),
          p.concurrency,
          n(p.ours.p50, 2),
          n(p.reference.p50, 2),
          ratioCell(p, 'p50'),
          ratioCell(p, 'p95'),
          ratioCell(p, 'throughput'),
        ]),
      );
    }
  }
  if (s.felt?.length) {
    lines.push(
      '',
      '**Points users feel** (through the gateway, concurrency 1):',
      '',
      ...header(['point', 'requests', 'p50', 'p95', 'p99', 'errors', 'goal']),
    );
    for (const f of s.felt)
      lines.push(
        row([
          f.name,
          f.latency.requests,
          n(f.latency.p50, 2),
          n(f.latency.p95, 2),
          n(f.latency.p99, 2),
          f.latency.errors,
          f.goalMs === undefined ? '—' : `p50 ≤ ${f.goalMs} ms: ${f.latency.p50 <= f.goalMs ? 'met' : '**not met**'}`,
        ]),
      );
    for (const f of s.felt.filter((f) => f.monolith)) {
      const { pair: p, differs } = f.monolith!;
      lines.push(
        '',
        `${f.name} against one SQL query over the monolith that counts the same figures from its tables (bench/region-stats.ts; the hub answers from the figures it keeps per community and day), interleaved at concurrency 1: gateway p50 ${n(p.ours.p50, 2)} ms, monolith p50 ${n(p.reference.p50, 2)} ms, ratio p50 ${ratioCell(p, 'p50')}. The two answers’ figures: ${differs.length ? `**differ**: ${differs.join('; ')}` : 'equal'}.`,
      );
    }
  }
  if (s.cpu?.length) lines.push('', ...renderCpu(s.cpu, settings));

  lines.push(
    '',
    `**Peak memory** at ${results.residents.toLocaleString('en')} residents:`,
    '',
    ...header(['process', 'peak MiB', 'measured as', 'reached while']),
  );
  for (const p of s.memory)
    lines.push(
      row([
        p.processes > 1 ? `${p.name} (up to ${p.processes} processes)` : p.name,
        p.peakMiB.toLocaleString('en'),
        p.measure,
        p.reachedDuring ?? '—',
      ]),
    );
  lines.push('', ...NOTES, ...(settings.rounds ? ROUND_NOTES : []));
  if (results.soak) lines.push('', renderSoak(results.soak).trimEnd());
  return lines.join('\n') + '\n';
}

/** A median ratio, with the lowest and highest round's when it was measured in rounds. */
function ratioCell(p: Pair, figure: keyof Ratio): string {
  const spread = p.spread?.[figure];
  return spread ? `${n(p.ratio[figure], 2)} (${n(spread.min, 2)}–${n(spread.max, 2)})` : n(p.ratio[figure], 2);
}

/** the gateway first, then the subgraphs, the peer gateway and PostgreSQL */
const processRank = (name: string) => ({ gateway: 0, [PEER_PROCESS]: 2, postgres: 3 })[name] ?? 1;

/** The CPU table: one row per scenario, one column per process. */
function renderCpu(cpu: CpuResult[], settings: BenchResults['settings']): string[] {
  const processes = [...new Set(cpu.flatMap((c) => Object.keys(c.perProcess)))].sort(
    (a, b) => processRank(a) - processRank(b),
  );
  const lines = [
    `**CPU per request** (ms of CPU per request of each process, read from /proc/<pid>/stat before and after ` +
      `${settings.cpuRequests ?? '—'} requests at concurrency ${settings.cpuConcurrency ?? '—'}; fewer where a scenario says so):`,
    '',
    ...header(['scenario', 'requests', 'total', ...processes]),
  ];
  for (const c of cpu)
    lines.push(
      row([
        c.scenario,
        `${c.requests}${c.errors ? ` (${c.errors} errors)` : ''}`,
        n(c.total, 2),
        ...processes.map((p) => n(c.perProcess[p] ?? NaN, 2)),
      ]),
    );
  return lines;
}

/** The machine's speed during the run, for comparing absolute figures (CPU ms, p50) with another run's. */
const reference = (m: Machine) =>
  m.referenceCpuMs
    ? `; its reference workload (bench/machine.ts: the same on every run, compare runs by it) took ${n(m.referenceCpuMs.start, 0)} ms of CPU at the start and ${n(m.referenceCpuMs.end, 0)} at the end`
    : '';

/** When and where a run was made, and how long its district took to load. */
function runLine(results: RunResults): string {
  const m = results.machine;
  return (
    `Run of ${results.date} with **${results.residents.toLocaleString('en')} residents**${results.quick ? ' (quick)' : ''}; machine: ${m.cpus} cores (${m.cpuModel}), ` +
    `${n(m.memoryGiB)} GiB memory, Node ${m.node}, ${m.os}${reference(m)}. The district was loaded in ${n(results.seed.generateSeconds + results.seed.loadSeconds)} s ` +
    `(${results.seed.rows.toLocaleString('en')} rows, ${Math.round(results.seed.rowsPerSecond).toLocaleString('en')} rows/s).`
  );
}

/** A soak-only run (`--soak`), in markdown. */
export const renderSoakRun = (results: SoakOnlyResults): string => `${runLine(results)}\n\n${renderSoak(results.soak)}`;

const SECTION = '## Latest results';

/** The "Latest results" section of docs/performance.md: the tables of the run, and which file they come from. */
export function renderPageSection(results: BenchResults, resultsFile: string, previous?: BenchResults): string {
  return [
    SECTION,
    '',
    `From \`${resultsFile}\`:`,
    '',
    renderMarkdown({ ...results, soak: undefined }, previous).trimEnd(),
    '',
  ].join('\n');
}

/** The newest full (not quick) run in `dir` with as many residents as `results`, other than `results` itself. */
export function previousRun(dir: string, results: BenchResults): BenchResults | undefined {
  if (!existsSync(dir)) return undefined;
  const runs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RunResults)
    .filter((r): r is BenchResults => 'scenarios' in r)
    .filter((r) => !r.quick && r.residents === results.residents && r.date < results.date)
    .sort((a, b) => a.date.localeCompare(b.date));
  return runs.at(-1);
}

/** Replaces the page's "Latest results" section (or appends it at the end), leaving every other section alone. */
export function updatePage(pageFile: string, section: string): void {
  replaceSection(pageFile, SECTION, section);
}

/** Replaces the `## ` section headed `heading` in a markdown file (or appends it at the end), leaving every other section alone. */
export function replaceSection(file: string, heading: string, section: string): void {
  const text = readFileSync(file, 'utf8');
  const at = text.search(new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'));
  if (at < 0) {
    writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.slice(at + heading.length).search(/^## /m);
  const after = next < 0 ? '' : `\n${text.slice(at + heading.length + next)}`;
  writeFileSync(file, `${text.slice(0, at)}${section}${after}`);
}

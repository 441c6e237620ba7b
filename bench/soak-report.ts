/**
 * The soak's results (bench/soak.ts, bench/soak-count.ts): their shape in bench/results/<date>.json, the goals of
 * issue 18 judged on them, and their tables — in bench/results/<date>.md and in docs/performance.md's soak section,
 * one rendering of one object.
 */
import type { Availability, OperationStats, SoakRun } from './soak';
import type { Persisted, SavedDespiteError } from './soak-count';
import type { SoakSettings } from './soak-plan';

export interface SoakGoals {
  /** errors other than CONFLICT on a change someone else made first */
  unexpectedErrors: number;
  /** the least available department, in % of its samples */
  availability: number;
  acknowledgedEqualsPersisted: boolean;
  met: boolean;
}

/** What the run measured (its `seconds`: how long the clients ran, until the last answer), and what it was judged on. */
export interface SoakResult
  extends Pick<SoakRun, 'seconds' | 'bursts' | 'warmUpErrors' | 'mix' | 'operations' | 'availability'> {
  settings: SoakSettings;
  requests: number;
  persisted: Persisted[];
  /** creates answered with an error and saved all the same, found by their idempotency keys */
  savedDespiteError: SavedDespiteError[];
  goals: SoakGoals;
}

const total = (byCode: Record<string, number>) => Object.values(byCode).reduce((a, b) => a + b, 0);

export function soakGoals(
  operations: OperationStats[],
  warmUpErrors: Record<string, number>,
  availability: Availability[],
  persisted: Persisted[],
  saved: SavedDespiteError[],
): SoakGoals {
  const unexpectedErrors = operations.reduce((sum, o) => sum + total(o.errors), total(warmUpErrors));
  const least = Math.min(...availability.map((a) => (a.samples ? (100 * a.available) / a.samples : 0)));
  const equal = persisted.every((p) => p.equal) && saved.length === 0;
  return {
    unexpectedErrors,
    availability: Math.floor(least * 100) / 100,
    acknowledgedEqualsPersisted: equal,
    met: unexpectedErrors === 0 && least === 100 && equal,
  };
}

const n = (value: number | null, digits = 0) =>
  value !== null && Number.isFinite(value)
    ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => [row(cells), row(cells.map(() => '---'))];
const codes = (byCode: Record<string, number>) =>
  Object.entries(byCode)
    .map(([code, count]) => `${code} ${count}`)
    .join(', ') || '—';
const yes = (met: boolean) => (met ? 'yes' : '**no**');

/** The soak's tables: goals, each operation, each department's availability, acknowledged against persisted. */
export function renderSoak(soak: SoakResult): string {
  const { settings: s, goals: g } = soak;
  const lines = [
    `**Soak** (writes under load): ${s.clients} clients for ${s.seconds} s (the last answers in by ${n(soak.seconds, 1)} s), ${soak.requests.toLocaleString('en')} requests, ` +
      `and ${soak.bursts} burst${soak.bursts === 1 ? '' : 's'} of ${s.burstSize} event reports sent at once (one every ${s.burstEverySeconds} s); latencies in ms.`,
    '',
    ...header(['goal', 'target', 'this run', 'met']),
    row(['errors other than an expected CONFLICT', '0', g.unexpectedErrors, yes(g.unexpectedErrors === 0)]),
    row([
      'availability of every department, sampled each second',
      '100%',
      `${n(g.availability, 2)}%`,
      yes(g.availability === 100),
    ]),
    row([
      'acknowledged = persisted, for every kind of record',
      'equal',
      g.acknowledgedEqualsPersisted ? 'equal' : 'not equal',
      yes(g.acknowledgedEqualsPersisted),
    ]),
    '',
    ...header(['operation', 'kind', 'answered', 'p50', 'p95', 'p99', 'expected CONFLICT', 'errors by code']),
  ];
  for (const o of soak.operations)
    lines.push(
      row([
        o.operation,
        o.kind,
        o.ok.toLocaleString('en'),
        n(o.p50, 1),
        n(o.p95, 1),
        n(o.p99, 1),
        o.expectedConflicts,
        codes(o.errors),
      ]),
    );
  if (total(soak.warmUpErrors))
    lines.push(
      row(['warm-up (every operation twice, before the clock)', '', '', '', '', '', '', codes(soak.warmUpErrors)]),
    );
  lines.push('', ...header(['department', 'samples', 'available', 'availability', 'probe p95', 'failures']));
  for (const a of soak.availability)
    lines.push(
      row([
        a.department,
        a.samples,
        a.available,
        `${n(a.samples ? (100 * a.available) / a.samples : 0, 2)}%`,
        n(a.p95, 1),
        codes(a.failures),
      ]),
    );
  lines.push('', ...header(['record', 'owner', 'acknowledged', 'new rows', 'acknowledged ids found', 'equal']));
  for (const p of soak.persisted)
    lines.push(row([p.record, p.department, p.acknowledged, p.persisted, p.found ?? '—', yes(p.equal)]));
  if (soak.savedDespiteError.length) {
    lines.push(
      '',
      `**Answered an error, saved all the same** (found by idempotency key): ${soak.savedDespiteError.map((s) => `${s.operation} ${s.code} × ${s.count}`).join(', ')}.`,
    );
  }
  lines.push(
    '',
    "How: the clients are closed loops in the bench's load process, each request drawn by weight from the mix, each as the role that",
    'does it (grid workers of their grid report and visit; the dispatch desk, civil affairs and the grid worker take an event along',
    'its workflow; caseworkers hand in service applications; officers register and end tenancies; registrars change residents',
    'against the version they saw, so two registrars on one record make the expected CONFLICT).',
    ...(soak.mix
      ? [`The mix, in % of a client's requests: ${soak.mix.map((m) => `${m.operation} ${m.weight}`).join(', ')}.`]
      : []),
    'An error is counted by its `extensions.code`, or HTTP_<status>, CLIENT_TIMEOUT or NETWORK_ERROR without one.',
    'Availability: once a second, each department is read through the gateway with a one-row query of its own and its /health',
    `asked; a sample counts when both answer within ${soak.settings.probeTimeoutSeconds} s.`,
    'Before the clock starts, every operation runs twice, one at a time (a fresh hub compiles code paths and plans queries on its',
    'first requests): its writes count as acknowledged, its errors against the goal, its latencies nowhere.',
    "Persisted: rows counted as the owner in each department's database before and after, and every acknowledged id looked up.",
  );
  return lines.join('\n') + '\n';
}

export const SOAK_SECTION = '## Writes under load: the soak';

/** docs/performance.md's soak section: how to run it, then the latest tables. */
export function renderSoakSection(soak: SoakResult, residents: number, resultsFile: string, date: string): string {
  return [
    SOAK_SECTION,
    '',
    'Issue 18 asked that a burst of reports never take a department down nor lie about what was saved. The soak checks it with',
    'a working day compressed into a minute: people reading and writing through the gateway at once, and every ten seconds',
    "thirty event reports in the same instant, the storm-morning case that used to starve grid's connection pool.",
    '',
    '```bash',
    'npm run bench -- --soak                          # the soak alone: 16 clients, 60 s, at 1,000,000 residents',
    'npm run bench -- --soak --residents 20000 --quick # a small district: 8 clients, 10 s',
    '                                                 # also: --soak-seconds S, --soak-clients N, --soak-probe-timeout S;',
    '                                                 # `npm run bench` runs it last, after the read scenarios',
    '```',
    '',
    `Latest run (${date.slice(0, 16)}Z, ${residents.toLocaleString('en')} residents, \`${resultsFile}\`):`,
    '',
    renderSoak(soak).trimEnd(),
    '',
  ].join('\n');
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResults, renderMarkdown, replaceSection, updatePage } from '../bench/report';
import { renderSoakSection, SOAK_SECTION } from '../bench/soak-report';
import type { RunStats } from '../bench/stats';
import { DEPARTMENTS } from '../lib/departments';
import { ROOT } from './support/launch';

/**
 * `npm run bench` at a tiny size and with very short runs, so every scenario keeps working. Nothing here asserts a
 * time: only that each scenario ran, answered without errors and produced figures, and that the roster's SQL
 * statements stay flat as it grows. The write soak runs at its quick size (8 clients, 10 s, one burst of 30 reports) and
 * must meet its goals: no error but an expected CONFLICT, every department answering every second, and every
 * acknowledged write in its owner's database and nothing else.
 */
const RESIDENTS = 300;
const CONCURRENCIES = [1, 8];
const SOAK = { seconds: 10, clients: 8 };

function runBench(resultsDir: string): Promise<string> {
  const args = [
    '--residents',
    String(RESIDENTS),
    '--seconds',
    '0.5',
    '--warmup',
    '0.1',
    // two rounds a side and a few requests for the CPU figures: the test checks the report's shape, not the figures
    '--rounds',
    '2',
    '--cpu-requests',
    '20',
    '--concurrency',
    CONCURRENCIES.join(','),
    '--results',
    resultsDir,
    '--no-page',
    // the probe's time-out only guards against a hang here: availability is judged on answers, not on the shared machine's speed
    '--soak-seconds',
    String(SOAK.seconds),
    '--soak-clients',
    String(SOAK.clients),
    '--soak-probe-timeout',
    '60',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'bench', 'run.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`the bench exited with ${code}:\n${output}`)),
    );
  });
}

const measured = (r: RunStats) => {
  expect(r.errors).toBe(0);
  expect(r.requests).toBeGreaterThan(0);
  for (const figure of [r.throughput, r.p50, r.p95, r.p99]) expect(Number.isFinite(figure) && figure > 0).toBe(true);
};

describe('npm run bench (tiny)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let results: BenchResults;
  let markdown: string;

  beforeAll(async () => {
    await runBench(dir);
    const files = readdirSync(dir);
    results = JSON.parse(readFileSync(join(dir, files.find((f) => f.endsWith('.json'))!), 'utf8')) as BenchResults;
    markdown = readFileSync(join(dir, files.find((f) => f.endsWith('.md'))!), 'utf8');
  }, 400_000);

  it('measures Resident 360 and grid rosters through the gateway at each concurrency', () => {
    expect(results.residents).toBe(RESIDENTS);
    for (const runs of [results.scenarios['resident-360'], results.scenarios.roster.runs]) {
      expect(runs.map((r) => r.concurrency)).toEqual(CONCURRENCIES);
      runs.forEach(measured);
    }
    expect(results.seed.rows).toBeGreaterThan(RESIDENTS);
    expect(results.seed.monolithRows).toBe(results.seed.rows);
  });

  it('draws the roster size curve with the same SQL statements per department at every size', () => {
    const { points, statementsFlat } = results.scenarios['roster-curve'];
    expect(points.map((p) => p.targetResidents)).toEqual([50, 100, 200, 400, 800]);
    for (const p of points) {
      measured(p.latency);
      expect(Object.keys(p.statements).sort()).toEqual([...DEPARTMENTS].sort());
      expect(p.statements).toEqual(points[0].statements);
      for (const n of Object.values(p.statements)) expect(n).toBeGreaterThan(0);
    }
    expect(new Set(points.map((p) => p.residents)).size).toBeGreaterThan(1);
    expect(statementsFlat).toBe(true);
  });

  it('compares the gateway with the subgraphs asked directly, with Hive Gateway and with one SQL query over one database', () => {
    const { scenarios: s } = results;
    const peer = s['peer-gateway'];
    if (!peer.available) throw new Error(`Hive Gateway was unavailable: ${peer.reason}`);
    for (const pairs of [
      s['gateway-overhead'],
      peer['resident-360'],
      peer.roster,
      peer['direct-360'] ?? [],
      s.monolith['resident-360'],
      s.monolith.roster,
    ]) {
      expect(pairs.map((p) => p.concurrency)).toEqual(CONCURRENCIES);
      for (const p of pairs) {
        measured(p.ours);
        measured(p.reference);
        for (const r of Object.values(p.ratio)) expect(Number.isFinite(r) && r > 0).toBe(true);
      }
    }
  });

  it("states the Hive goal's ceiling: the subgraphs asked directly, with no gateway, against Hive Gateway", () => {
    const peer = results.scenarios['peer-gateway'];
    if (!peer.available) throw new Error(`Hive Gateway was unavailable: ${peer.reason}`);
    const readings = peer['direct-360']!.map((p) => `${p.ratio.throughput.toFixed(2)} at concurrency ${p.concurrency}`);
    expect(markdown).toContain(`reads ${readings.join(', ')} × Hive Gateway's req/s`);
    expect(markdown).toContain('**No gateway ÷ Hive Gateway**');
  });

  it('compares cohort search with the monolith, both answering the same question', () => {
    const cohort = results.scenarios.cohort;
    expect(cohort.map((c) => c.name)).toEqual([
      'community 80+ alone, no assistance',
      'district 80+ alone, no assistance',
      'selective public-security condition',
      'OR across departments',
    ]);
    for (const c of cohort) {
      expect(c.total).toBe(c.monolithTotal);
      expect(c.order.length).toBeGreaterThan(0);
      expect(c.firstAsked).toBe(c.order[0]);
      expect(c.keyBytes).toBeGreaterThanOrEqual(0);
      expect(c.pairs.map((p) => p.concurrency)).toEqual(CONCURRENCIES);
      for (const p of c.pairs) {
        measured(p.ours);
        measured(p.reference);
      }
    }
    expect(cohort.some((c) => c.total > 0 && c.keyBytes > 0)).toBe(true);
  });

  it('measures the points users feel: the district’s and a street’s figures, the events list of the largest grid, the busiest department’s inbox', () => {
    const felt = results.scenarios.felt!;
    expect(
      felt.map((f) =>
        f.name
          .replace(/\(\d+ residents\)/, '(N residents)')
          .replace(
            /^inbox of (CIVIL_AFFAIRS|PUBLIC_SECURITY|POPULATION) \(\d+ open events\)/,
            'inbox of D (N open events)',
          ),
      ),
    ).toEqual([
      'regionStats of the district',
      'regionStats of a street',
      'events of the largest grid (N residents), first 20',
      'inbox of D (N open events), first 20',
    ]);
    for (const f of felt) measured(f.latency);
    expect(felt.map((f) => f.goalMs)).toEqual([500, undefined, undefined, undefined]);
    // the district's figures beside the monolith's count of them, which gives the same figures
    const [district, ...others] = felt;
    expect(district.monolith!.differs).toEqual([]);
    const figures = district.monolith!.figures;
    expect(Object.keys(figures)).toHaveLength(18);
    for (const counted of ['population.residents', 'population.households', 'publicSecurity.rentals'])
      expect(figures[counted]).toBeGreaterThan(0);
    measured(district.monolith!.pair.ours);
    measured(district.monolith!.pair.reference);
    expect(others.map((f) => f.monolith)).toEqual([undefined, undefined, undefined]);
    expect(markdown).toContain('The two answers’ figures: equal.');
    expect(markdown).toMatch(/\| regionStats of the district through the gateway, p50 ms \| ≤ 500 \| \d/);
  });

  it('says how fast the machine was at the start and the end, by a fixed workload, so runs can be compared', () => {
    const reference = results.machine.referenceCpuMs!;
    expect(reference.start).toBeGreaterThan(0);
    expect(reference.end).toBeGreaterThan(0);
    expect(markdown).toContain(
      `its reference workload (bench/machine.ts: the same on every run, compare runs by it) took ${reference.start.toLocaleString('en')} ms`,
    );
  });

  it('reports the peak memory of the gateway, each subgraph, Hive Gateway and PostgreSQL', () => {
    const names = results.scenarios.memory.map((m) => m.name).sort();
    expect(names).toEqual(['gateway', 'hive-gateway', 'postgres', ...DEPARTMENTS].sort());
    for (const m of results.scenarios.memory) expect(m.peakMiB).toBeGreaterThan(0);
  });

  it('soaks the hub with reads and writes as the roles that make them: no error but expected CONFLICTs, every department answering every second, every acknowledged write persisted and nothing more', () => {
    const soak = results.soak!;
    expect(soak.settings).toMatchObject({ ...SOAK, burstSize: 30, burstEverySeconds: 10 });
    expect(soak.bursts).toBe(1);
    expect(soak.warmUpErrors).toEqual({});
    for (const o of soak.operations)
      expect({ operation: o.operation, errors: o.errors }).toEqual({ operation: o.operation, errors: {} });
    expect(soak.operations.find((o) => o.operation === 'reportEvent (burst)')!.ok).toBe(30);
    expect(soak.availability.map((a) => a.department).sort()).toEqual([...DEPARTMENTS].sort());
    for (const a of soak.availability) {
      expect(a.samples).toBeGreaterThan(0);
      expect(a).toMatchObject({ available: a.samples, failures: {} });
    }
    expect(soak.persisted.map((p) => p.record)).toEqual([
      'events (reports, bursts, visits that raise one)',
      'event timeline entries (a report, then each move)',
      'visits',
      'service applications',
      'tenancies registered',
      'tenancies ended',
      'resident updates (versions of the residents changed)',
    ]);
    for (const p of soak.persisted) {
      expect(p.acknowledged).toBeGreaterThan(0);
      expect(p).toMatchObject({
        persisted: p.acknowledged,
        found: p.found === null ? null : p.acknowledged,
        equal: true,
      });
    }
    expect(soak.savedDespiteError).toEqual([]);
    expect(soak.goals).toEqual({
      unexpectedErrors: 0,
      availability: 100,
      acknowledgedEqualsPersisted: true,
      met: true,
    });
  });

  it('writes a markdown table made from the same figures as the JSON', () => {
    expect(markdown).toContain(renderMarkdown(results));
  });

  it('replaces only the Latest results section of the performance page', () => {
    const page = join(dir, 'performance.md');
    writeFileSync(page, '# Performance\n\nintro\n\n## Latest results\n\nold table\n\n## After\n\nkept\n');
    updatePage(page, '## Latest results\n\nnew table\n');
    expect(readFileSync(page, 'utf8')).toBe(
      '# Performance\n\nintro\n\n## Latest results\n\nnew table\n\n## After\n\nkept\n',
    );
    writeFileSync(page, '# Performance\n\nintro\n');
    updatePage(page, '## Latest results\n\nnew table\n');
    expect(readFileSync(page, 'utf8')).toBe('# Performance\n\nintro\n\n## Latest results\n\nnew table\n');
  });

  it('puts the soak’s tables into its own section of the performance notes, and only there', () => {
    const notes = join(dir, 'performance.md');
    const section = renderSoakSection(results.soak!, results.residents, 'bench/results/x.json', results.date);
    expect(section.startsWith(`${SOAK_SECTION}\n`)).toBe(true);
    writeFileSync(notes, `# Notes\n\n## Profile\n\nkept\n\n${SOAK_SECTION}\n\nold\n\n## Later\n\nkept too\n`);
    replaceSection(notes, SOAK_SECTION, section);
    expect(readFileSync(notes, 'utf8')).toBe(`# Notes\n\n## Profile\n\nkept\n\n${section}\n## Later\n\nkept too\n`);
  });
});

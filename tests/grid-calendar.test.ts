import { randomUUID } from 'node:crypto';
/**
 * Months and days are the district's (Asia/Shanghai), through the gateway: a visit at 05:00 on 1 December Beijing time
 * counts in December, one at 23:30 on 30 November in November; the not-visited list, the coverage and the cohort's
 * "not visited since" agree; timestamps in answers carry the district's offset. The visits are a year back (December
 * 2025), so this month's figures, which other files compute from the seed, stay as seeded.
 */
import { formatInstant, monthOf } from '../lib/calendar';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { as, gridWorkerOf } from './support/callers';
import { gridLeaderOf, gridSql, nthGrid } from './support/grid';
import { ownerSql } from './support/hub';
import { testWorld } from './support/world';

const world = testWorld();
const { grid, community, buildings, households } = nthGrid(2);
const leader = gridLeaderOf(community.id);
const worker = { ...gridWorkerOf(grid.id), purpose: '入户走访 2026-12' };
const staffId = workerOfGrid(staffRows(world).staff, staffRows(world).links).get(grid.id)!;
const householdOf = new Map(world.residents.map((r) => [r.id, r.householdId]));

const RECORD = `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visitedAt household { id } } }`;
const COVERAGE = `query ($grid: ID!, $month: String) { region(id: $grid) { visitCoverage(month: $month) { month households visitedHouseholds notVisitedHouseholds } } }`;
const NOT_VISITED = `query ($grid: ID!, $month: String) { region(id: $grid) { buildings(first: 100) { totalCount nodes { householdsNotVisited(month: $month) { id } } } } }`;
const COHORT = `query ($where: CohortFilter!, $after: String) { cohort(where: $where, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`;

const coverage = async (month?: string) =>
  (await as(leader).data(COVERAGE, { grid: grid.id, month })).region.visitCoverage;

/** The households of the grid on the not-visited list of a month, every building. */
async function notVisited(month?: string): Promise<string[]> {
  const { region } = await as(leader).data(NOT_VISITED, { grid: grid.id, month });
  expect(region.buildings.totalCount).toBe(buildings.length);
  return region.buildings.nodes.flatMap((b: { householdsNotVisited: { id: string }[] }) =>
    b.householdsNotVisited.map((h) => h.id),
  );
}

/** The households of the residents a cohort of the grid finds, every page. */
async function cohortHouseholds(gridVisits: object): Promise<Set<string>> {
  const found = new Set<string>();
  let after: string | null = null;
  do {
    const { cohort }: any = await as(leader).data(COHORT, {
      where: { grid: { regionId: grid.id }, gridVisits },
      after,
    });
    for (const n of cohort.nodes) found.add(householdOf.get(n.id)!);
    after = cohort.pageInfo.hasNextPage ? cohort.pageInfo.endCursor : null;
  } while (after);
  return found;
}

describe('the district’s months, at the month boundary, through the gateway', () => {
  const dec1 = '2025-12-01T05:00:00+08:00';
  const nov30 = '2025-11-30T23:30:00+08:00';
  let withResidents: Set<string>;
  let quiet: string[];

  beforeAll(async () => {
    // households of the grid with a resident on the register and no visit in November or December (Beijing time)
    const active = await ownerSql<{ h: string }>(
      'population',
      `select distinct household_id as h from resident where status = 'ACTIVE' and household_id = any($1::uuid[])`,
      [households.map((h) => h.id)],
    );
    withResidents = new Set(active.map((r) => r.h));
    const visited = new Set(
      (
        await gridSql<{ h: string }>(
          `select distinct household_id as h from visit where visited_at >= '2025-11-01T00:00:00+08:00' and visited_at < '2026-01-01T00:00:00+08:00'`,
        )
      ).map((r) => r.h),
    );
    quiet = households.map((h) => h.id).filter((h) => withResidents.has(h) && !visited.has(h));
    expect(quiet.length).toBeGreaterThanOrEqual(2);
  });

  it('counts a visit at 05:00 on 1 December in December and one at 23:30 on 30 November in November', async () => {
    const [dec, nov] = quiet;
    const before = { december: await coverage('2025-12'), november: await coverage('2025-11') };
    const visit = (householdId: string, visitedAt: string) =>
      as(worker).data(RECORD, {
        input: { idempotencyKey: randomUUID(), householdId, staffId, kind: 'ROUTINE', findings: '一切正常', visitedAt },
      });
    // answers carry the district's offset
    expect([await visit(dec, dec1), await visit(nov, nov30)]).toEqual([
      { recordVisit: { visitedAt: '2025-12-01T05:00:00.000+08:00', household: { id: dec } } },
      { recordVisit: { visitedAt: '2025-11-30T23:30:00.000+08:00', household: { id: nov } } },
    ]);
    const after = { december: await coverage('2025-12'), november: await coverage('2025-11') };
    expect(after).toEqual({
      december: {
        ...before.december,
        visitedHouseholds: before.december.visitedHouseholds + 1,
        notVisitedHouseholds: before.december.notVisitedHouseholds - 1,
      },
      november: {
        ...before.november,
        visitedHouseholds: before.november.visitedHouseholds + 1,
        notVisitedHouseholds: before.november.notVisitedHouseholds - 1,
      },
    });
    // the not-visited lists of each month agree with its coverage, and each visit left the list of its own month
    const lists = { december: await notVisited('2025-12'), november: await notVisited('2025-11') };
    expect({
      december: [lists.december.length, lists.december.includes(dec), lists.december.includes(nov)],
      november: [lists.november.length, lists.november.includes(dec), lists.november.includes(nov)],
    }).toEqual({
      december: [after.december.notVisitedHouseholds, false, true],
      november: [after.november.notVisitedHouseholds, true, false],
    });
  });

  it('agrees with the cohort: not visited since this month began (Beijing time) is this month’s not-visited list', async () => {
    const since = formatInstant(monthOf(new Date()).from);
    expect(since).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000\+08:00$/);
    const list = await notVisited();
    const [notSince, visitedSince] = [
      await cohortHouseholds({ visitedSince: since, not: true }),
      await cohortHouseholds({ visitedSince: since }),
    ];
    // the cohort finds residents, so it sees the households with someone on the register
    expect([...notSince].sort()).toEqual(list.filter((h) => withResidents.has(h)).sort());
    expect([...visitedSince].filter((h) => notSince.has(h))).toEqual([]);
    expect(visitedSince.size + notSince.size).toBe(withResidents.size);
    const current = await coverage();
    expect(list.length).toBe(current.notVisitedHouseholds);
  });
});

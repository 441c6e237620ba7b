/**
 * Grid's visits section of a cohort (gridVisits): grid answers with the households visited since a time, population
 * turns them into their residents; with not: true, the residents of the households not visited since, never visited
 * included. The expected answers come from plain SQL over grid's and population's databases.
 */
import { addMonthsToMonth, formatInstant, monthOf, startOfDay } from '../lib/calendar';
import { as, analyst, auditorOf, type Caller, districtId, gridWorkerOf } from './support/callers';
import { ownerSql, sqlStatementsDuring } from './support/hub';
import { dispatcher, gridLeaderOf, gridSql } from './support/grid';
import { testWorld } from './support/world';

const world = testWorld();
const now = new Date();
/** the middle of last month: later than some of last month's visits, earlier than all of this month's */
const since = formatInstant(startOfDay(`${addMonthsToMonth(monthOf(now), -1).key}-15`));
const COHORT = `query($where: CohortFilter!, $first: Int, $after: String) { cohort(where: $where, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;

interface Resident {
  id: string;
  householdId: string;
  livingArrangement: string;
}

/** The active residents of the buildings now assigned to a grid's micro-grids. */
async function residentsOfGrid(gridId: string): Promise<Resident[]> {
  const buildings = (
    await gridSql<{ id: string }>(
      `select a.building_id as id from building_assignment a join region m on m.id = a.micro_grid_id where m.parent_id = $1`,
      [gridId],
    )
  ).map((b) => b.id);
  return ownerSql<Resident>(
    'population',
    `select r.id, r.household_id as "householdId", r.living_arrangement as "livingArrangement" from resident r join household h on h.id = r.household_id
      where r.status = 'ACTIVE' and h.building_id = any($1::uuid[]) order by r.id`,
    [buildings],
  );
}

interface Pages {
  ids: string[];
  totals: number[];
  pages: number;
}

/** Every page of a cohort, as the caller: the ids in order, the totals the pages reported (each once), how many pages. */
async function allPages(caller: Caller, where: object, first = 100): Promise<Pages> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const { cohort }: any = await as(caller).data(COHORT, { where, first, after });
    ids.push(...cohort.nodes.map((n: { id: string }) => n.id));
    totals.push(cohort.totalCount);
    after = cohort.pageInfo.hasNextPage ? cohort.pageInfo.endCursor : null;
    pages++;
  } while (after);
  return { ids, totals: [...new Set(totals)], pages };
}

/** What allPages answers for these residents, in pages of `first`. */
const paged = (list: { id: string }[], first = 100): Pages => ({
  ids: list.map((r) => r.id),
  totals: [list.length],
  pages: Math.max(1, Math.ceil(list.length / first)),
});

describe('cohort: visited / not visited since a time (gridVisits)', () => {
  let grid: (typeof world.regions)[number];
  let leader: Caller;
  let residents: Resident[];
  let visited: Set<string>;
  let ever: Set<string>;

  beforeAll(async () => {
    visited = new Set(
      (
        await gridSql<{ h: string }>(`select distinct household_id as h from visit where visited_at >= $1`, [since])
      ).map((r) => r.h),
    );
    ever = new Set((await gridSql<{ h: string }>(`select distinct household_id as h from visit`)).map((r) => r.h));
    // a general grid with a household never visited, so "not visited since" is seen to include it
    for (const candidate of world.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL')) {
      const inGrid = await residentsOfGrid(candidate.id);
      if (inGrid.some((r) => !ever.has(r.householdId))) {
        [grid, residents] = [candidate, inGrid];
        break;
      }
    }
    expect(grid).toBeDefined();
    leader = gridLeaderOf(grid.parentId!);
  });

  it('finds the residents of the households visited since the time, a page at a time, with the total', async () => {
    const expected = residents.filter((r) => visited.has(r.householdId));
    expect(expected.length).toBeGreaterThan(100);
    expect(await allPages(leader, { grid: { regionId: grid.id }, gridVisits: { visitedSince: since } }, 40)).toEqual(
      paged(expected, 40),
    );
  });

  it('finds, with not: true, the residents of the households not visited since, never visited included', async () => {
    const expected = residents.filter((r) => !visited.has(r.householdId));
    expect(expected.some((r) => !ever.has(r.householdId))).toBe(true);
    expect(
      await allPages(leader, { grid: { regionId: grid.id }, gridVisits: { visitedSince: since, not: true } }),
    ).toEqual(paged(expected));
  });

  it('combines with population’s conditions, and inside anyOf', async () => {
    const alone = residents.filter((r) => r.livingArrangement === 'ALONE');
    const aloneNotVisited = alone.filter((r) => !visited.has(r.householdId));
    expect(aloneNotVisited.length).toBeGreaterThan(0);
    expect(
      await allPages(leader, {
        grid: { regionId: grid.id },
        population: { livingArrangement: 'ALONE' },
        gridVisits: { visitedSince: since, not: true },
      }),
    ).toEqual(paged(aloneNotVisited));
    const either = residents.filter((r) => r.livingArrangement === 'ALONE' || !visited.has(r.householdId));
    expect(
      await allPages(leader, {
        grid: { regionId: grid.id },
        anyOf: [{ population: { livingArrangement: 'ALONE' } }, { gridVisits: { visitedSince: since, not: true } }],
      }),
    ).toEqual(paged(either));
  });

  it('stays inside the caller’s scope: a grid worker of another grid finds none of this grid’s residents', async () => {
    const other = world.regions.find((r) => r.level === 'GRID' && r.gridType === 'GENERAL' && r.id !== grid.id)!;
    const worker = gridWorkerOf(other.id);
    const expected = (await residentsOfGrid(other.id)).filter((r) => visited.has(r.householdId));
    const answer = await allPages(worker, { gridVisits: { visitedSince: since } });
    expect(answer).toEqual(paged(expected));
    expect(answer.ids.filter((id) => residents.some((r) => r.id === id))).toEqual([]);
  });

  it('sends as many SQL statements for the whole district as for one grid: the households travel as one packed set', async () => {
    const statements = (regionId: string) =>
      sqlStatementsDuring(() =>
        as(dispatcher).data(COHORT, {
          where: { grid: { regionId }, gridVisits: { visitedSince: since, not: true } },
          first: 10,
        }),
      );
    await statements(grid.id); // the dispatcher's data scope, resolved once and then cached
    const [grid1, district] = [await statements(grid.id), await statements(districtId())];
    expect({ grid: district.grid, population: district.population }).toEqual({
      grid: grid1.grid,
      population: grid1.population,
    });
  });

  it('is audited in grid: the condition and how many households matched', async () => {
    const subject = `visits-audit-${Date.now()}`;
    await as({ ...leader, subject }).data(COHORT, { where: { gridVisits: { visitedSince: since } }, first: 1 });
    const community = world.regions.find((r) => r.id === grid.parentId)!;
    const [{ n }] = await gridSql<{ n: number }>(
      `select count(distinct household_id)::int as n from visit where visited_at >= $1 and community_code like $2`,
      [since, `${community.code}%`],
    );
    const { gridAuditTrail } = await as(auditorOf('GRID')).data(
      `query($s: String!) { gridAuditTrail(first: 10, filter: { subject: $s }) { nodes { kind recordType fields outcome } } }`,
      { s: subject },
    );
    expect(gridAuditTrail.nodes).toEqual([
      {
        kind: 'READ',
        recordType: 'Household',
        outcome: 'ALLOWED',
        fields: expect.arrayContaining(['cohort', 'cohort.visitedSince', `cohort.matched=${n}`]),
      },
    ]);
  });

  it.each([
    ['an analyst', analyst, 'ANALYTICS:ANALYST may not read it'],
    [
      'a civil-affairs caseworker who states no purpose',
      { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' } as Caller,
      'state the purpose of the request',
    ],
  ])(
    'refuses the condition to %s, as it refuses visits, before any keys are sought, and audits the refusal',
    async (_who, caller, reason) => {
      const subject = `visits-probe-${Date.now()}-${Math.random()}`;
      const res = await as({ ...caller, subject }).graphql(COHORT, {
        where: { population: { minAge: 18 }, gridVisits: { visitedSince: since } },
        first: 10,
      });
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('gridVisits.visitedSince'),
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ]);
      expect(res.errors![0].message).toContain(reason);
      const trail = async (field: string, department: 'GRID' | 'POPULATION') =>
        (
          await as(auditorOf(department)).data(
            `query($s: String!) { ${field}(first: 10, filter: { subject: $s }) { nodes { fields outcome } } }`,
            { s: subject },
          )
        )[field].nodes;
      expect(await trail('gridAuditTrail', 'GRID')).toEqual([{ fields: ['cohort.visitedSince'], outcome: 'DENIED' }]);
      expect(await trail('populationAuditTrail', 'POPULATION')).toEqual([]);
    },
  );

  it('lets a department granted visits ask, with its purpose', async () => {
    const caseworker: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', purpose: '走访核查 2026-12' };
    const expected = residents.filter((r) => !visited.has(r.householdId));
    expect(
      await allPages(caseworker, { grid: { regionId: grid.id }, gridVisits: { visitedSince: since, not: true } }),
    ).toEqual(paged(expected));
  });
});

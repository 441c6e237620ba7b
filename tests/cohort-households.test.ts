/**
 * The cohort by household (issue 22 item 6): the same conditions, the households the matching residents live in, each
 * with its matching members, paged, with the total of households. The expected answers come from plain SQL over grid's
 * (which buildings a grid has) and population's (who lives where) databases.
 */
import { addYears, today } from '../lib/calendar';
import { analyst, as, auditorOf, type Caller, gridLeader, gridWorkerOf } from './support/callers';
import { gridSql, nthGrid } from './support/grid';
import { ownerSql, sqlStatementsDuring } from './support/hub';

const { grid, buildings } = nthGrid(1);
const HOUSEHOLDS = `query($where: CohortFilter!, $first: Int, $after: String) {
  cohortHouseholds(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { household { id } members { id } } } }`;

interface Group {
  household: { id: string };
  members: { id: string }[];
}

/** The active residents of the grid's buildings meeting `condition` (SQL over resident r), grouped by household, from the databases. */
async function expectedGroups(condition = 'true', params: unknown[] = []): Promise<Group[]> {
  const inGrid = (
    await gridSql<{ id: string }>(
      'select a.building_id as id from building_assignment a join region m on m.id = a.micro_grid_id where m.parent_id = $1',
      [grid.id],
    )
  ).map((b) => b.id);
  const rows = await ownerSql<{ r: string; h: string }>(
    'population',
    `select r.id as r, r.household_id as h from resident r join household h on h.id = r.household_id
      where r.status = 'ACTIVE' and h.building_id = any($1::uuid[]) and ${condition} order by h.id, r.id`,
    [inGrid, ...params],
  );
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.h, [...(groups.get(row.h) ?? []), row.r]);
  return [...groups].map(([id, members]) => ({ household: { id }, members: members.map((m) => ({ id: m })) }));
}

/** Every page, as the caller: the households in order, the totals the pages reported (each once). */
async function allPages(caller: Caller, where: object, first: number) {
  const nodes: Group[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  do {
    const { cohortHouseholds: page }: any = await as(caller).data(HOUSEHOLDS, { where, first, after });
    nodes.push(...page.nodes);
    totals.add(page.totalCount);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { nodes, totals: [...totals] };
}

describe('the cohort by household (按户)', () => {
  const sixty = addYears(today(), -60);

  it('groups the matching residents by household, only the members who match, paged to the end, with the total of households', async () => {
    const where = { grid: { regionId: grid.id }, population: { minAge: 60 } };
    const want = await expectedGroups('r.birth_date <= $2', [sixty]);
    expect(await allPages(gridLeader, where, 7)).toEqual({ nodes: want, totals: [want.length] });
    // some household is seen to hold members who do not match, and they are left out
    const [{ n }] = await ownerSql<{ n: number }>(
      'population',
      `select count(*)::int as n from resident where status = 'ACTIVE' and household_id = any($1::uuid[])`,
      [`{${want.map((g) => g.household.id).join(',')}}`],
    );
    expect(n).toBeGreaterThan(want.flatMap((g) => g.members).length);
    expect(want.length).toBeGreaterThan(7);
  });

  it('reads the pages after the second from the households kept for them, asking no department', async () => {
    const where = { grid: { regionId: grid.id }, population: { minAge: 60 } };
    const want = await expectedGroups('r.birth_date <= $2', [sixty]);
    expect(want.length).toBeGreaterThan(9);
    const pageAfter = async (after: string | null) =>
      (await as(gridLeader).data(HOUSEHOLDS, { where, first: 3, after })).cohortHouseholds;
    const second = await pageAfter((await pageAfter(null)).pageInfo.endCursor);
    let third: any;
    const statements = await sqlStatementsDuring(async () => {
      third = await pageAfter(second.pageInfo.endCursor);
    });
    expect(statements).toEqual({ population: 0, 'civil-affairs': 0, 'public-security': 0, grid: 0 });
    expect({ nodes: third.nodes, total: third.totalCount }).toEqual({ nodes: want.slice(6, 9), total: want.length });
  });

  it('answers the same filters as cohort: a condition, a negation, an empty answer', async () => {
    const answers = [];
    const truths = [];
    for (const [where, condition, params] of [
      [
        { grid: { regionId: grid.id }, population: { livingArrangement: 'ALONE' } },
        "r.living_arrangement = 'ALONE'",
        [],
      ],
      [{ grid: { regionId: grid.id }, population: { minAge: 60, not: true } }, 'r.birth_date > $2', [sixty]],
      [{ grid: { regionId: grid.id }, population: { minAge: 150 } }, 'r.birth_date <= $2', [addYears(today(), -150)]],
    ] as [object, string, unknown[]][]) {
      const { cohortHouseholds } = await as(gridLeader).data(HOUSEHOLDS, { where, first: 100 });
      answers.push({ total: cohortHouseholds.totalCount, nodes: cohortHouseholds.nodes });
      const want = await expectedGroups(condition, params);
      truths.push({ total: want.length, nodes: want.slice(0, 100) });
    }
    expect(answers).toEqual(truths);
  });

  it('keeps a grid worker’s households inside the grid, and resolves the household and members from population', async () => {
    const want = await expectedGroups();
    const { cohortHouseholds } = await as(gridWorkerOf(grid.id)).data(
      `query($where: CohortFilter!) { cohortHouseholds(where: $where, first: 3) {
        totalCount nodes { household { id building { id } } members { id household { id } } } } }`,
      { where: { population: {} } },
    );
    const inGrid = new Set(buildings.map((b) => b.id));
    expect(cohortHouseholds.totalCount).toBe(want.length);
    expect(cohortHouseholds.nodes.map((n: any) => ({ household: { id: n.household.id }, members: n.members }))).toEqual(
      want.slice(0, 3).map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, household: g.household })) })),
    );
    expect(cohortHouseholds.nodes.every((n: any) => inGrid.has(n.household.building.id))).toBe(true);
  });

  it('refuses what cohort refuses: a key-person condition outside public security, an empty anyOf', async () => {
    const codes = [];
    for (const where of [
      { grid: { regionId: grid.id }, publicSecurity: { keyPerson: {} } },
      { population: { minAge: 18 }, anyOf: [] },
    ])
      codes.push(
        (await as(gridLeader).graphql(HOUSEHOLDS, { where, first: 5 })).errors?.map((e: any) => e.extensions.code),
      );
    expect(codes).toEqual([['FORBIDDEN'], ['BAD_USER_INPUT']]);
  });

  it('is audited in population: the grouping and how many households', async () => {
    const subject = `cohort-households-${Date.now()}`;
    const where = { grid: { regionId: grid.id }, population: { minAge: 60 } };
    const want = await expectedGroups('r.birth_date <= $2', [sixty]);
    await as({ ...gridLeader, subject }).data(HOUSEHOLDS, { where, first: 5 });
    const { populationAuditTrail } = await as(auditorOf('POPULATION')).data(
      `query($s: String!) { populationAuditTrail(first: 10, filter: { subject: $s }) { nodes { kind fields outcome } } }`,
      { s: subject },
    );
    expect(populationAuditTrail.nodes).toContainEqual({
      kind: 'READ',
      outcome: 'ALLOWED',
      fields: expect.arrayContaining(['cohort.households', `cohort.households=${want.length}`]),
    });
  });

  it('gives the statistics office the number of households only', async () => {
    const { cohortHouseholds } = await as(analyst).data(HOUSEHOLDS, {
      where: { grid: { regionId: grid.id }, population: { minAge: 60 } },
      first: 5,
    });
    expect(cohortHouseholds).toEqual({
      totalCount: expect.any(Number),
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [],
    });
  });
});

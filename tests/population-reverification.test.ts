/**
 * Re-verification (每两个月更新一次, issue 22 item 3): the residents of a building (or a region) whose facts nobody
 * confirmed within HUB_REVERIFY_DAYS days, the cohort condition `verifiedBefore`, the regionStats figure, and the
 * confirmation a visit makes. The expected answers come from plain SQL over population's and grid's databases.
 */
import { addDays, startOfDay, today } from '../lib/calendar';
import { defaults } from '../lib/config/settings';
import { as, auditorOf, type Caller, gridWorkerOf, registrar } from './support/callers';
import { gridSql, nthGrid } from './support/grid';
import { ownerSql } from './support/hub';
import { REGION_STATS } from './support/stats';

const { grid, buildings, households } = nthGrid(3);
const DAYS = defaults().HUB_REVERIFY_DAYS;
const worker: Caller = { ...gridWorkerOf(grid.id), purpose: '入户核实 2026-12' };
const DUE = `query($b: ID!, $asOf: LocalDate, $first: Int, $after: String) {
  residentsDueForReverification(buildingId: $b, asOf: $asOf, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
const CONFIRM = `mutation($ids: [ID!]!, $visit: ID) { confirmResidentFacts(residentIds: $ids, visitId: $visit) { id lastVerifiedAt } }`;

/** The buildings grid has assigned to the grid's micro-grids now. */
const buildingsOfGrid = async () =>
  (
    await gridSql<{ id: string }>(
      'select a.building_id as id from building_assignment a join region m on m.id = a.micro_grid_id where m.parent_id = $1',
      [grid.id],
    )
  ).map((b) => b.id);

/** Active residents of these buildings whose facts were last confirmed before `before`, from population's database. */
const verifiedBeforeInDb = async (buildingIds: string[], before: Date) =>
  (
    await ownerSql<{ id: string }>(
      'population',
      `select r.id from resident r join household h on h.id = r.household_id
        where r.status = 'ACTIVE' and h.building_id = any($1::uuid[]) and r.last_verified_at < $2 order by r.id`,
      [buildingIds, before],
    )
  ).map((r) => r.id);

/** Every page of a building's re-verification list. */
async function duePages(caller: Caller, buildingId: string, asOf: string) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  do {
    const { residentsDueForReverification: page }: any = await as(caller).data(DUE, {
      b: buildingId,
      asOf,
      first: 7,
      after,
    });
    ids.push(...page.nodes.map((n: { id: string }) => n.id));
    totals.add(page.totalCount);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { ids, totals: [...totals] };
}

describe('re-verification (每两个月更新一次)', () => {
  const building = buildings[0];

  it('lists a building’s residents due on a day, paged, as the database has them: those the seed confirmed before the period today, all of them once the period has passed', async () => {
    const answers = [];
    const truths = [];
    for (const day of [today(), addDays(today(), DAYS + 1)]) {
      answers.push(await duePages(worker, building.id, day));
      const want = await verifiedBeforeInDb([building.id], startOfDay(addDays(day, -DAYS)));
      truths.push({ ids: want, totals: [want.length] });
    }
    expect(answers).toEqual(truths);
    // the second day is seen to list someone: the building is lived in
    expect(truths[1].ids.length).toBeGreaterThan(7);
  });

  it('answers for a region the same way, from where grid says its households are', async () => {
    const asOf = addDays(today(), DAYS + 1);
    const { region } = await as(worker).data(
      `query($id: ID!, $asOf: LocalDate) { region(id: $id) { residentsDueForReverification(asOf: $asOf, first: 100) { totalCount nodes { id } } } }`,
      { id: grid.id, asOf },
    );
    const want = await verifiedBeforeInDb(await buildingsOfGrid(), startOfDay(addDays(asOf, -DAYS)));
    expect(region.residentsDueForReverification).toEqual({
      totalCount: want.length,
      nodes: want.slice(0, 100).map((id) => ({ id })),
    });
  });

  it('keeps the list inside the caller’s scope: another grid’s worker sees no one of the building', async () => {
    const other = nthGrid(2).grid;
    const asOf = addDays(today(), DAYS + 1);
    expect(await duePages(gridWorkerOf(other.id), building.id, asOf)).toEqual({ ids: [], totals: [0] });
  });

  it('answers the cohort condition verifiedBefore as the database has it', async () => {
    const answers = [];
    const truths = [];
    const inGrid = await buildingsOfGrid();
    for (const day of [addDays(today(), -DAYS), today(), addDays(today(), 1)]) {
      const { cohort } = await as(worker).data(
        `query($where: CohortFilter!) { cohort(where: $where, first: 100) { totalCount nodes { id } } }`,
        { where: { population: { verifiedBefore: day } } },
      );
      answers.push({ total: cohort.totalCount, ids: cohort.nodes.map((n: { id: string }) => n.id) });
      const want = await verifiedBeforeInDb(inGrid, startOfDay(day));
      truths.push({ total: want.length, ids: want.slice(0, 100) });
    }
    expect(answers).toEqual(truths);
    expect(truths[2].total).toBeGreaterThan(0);
  });

  it('counts dueForReverification in regionStats as the database has it', async () => {
    const { regionStats } = await as(worker).data(REGION_STATS, { regionId: grid.id, asOf: today() });
    const want = await verifiedBeforeInDb(await buildingsOfGrid(), startOfDay(addDays(today(), -DAYS)));
    expect(regionStats.figures[0].population.dueForReverification).toBe(want.length);
  });

  it('a visit confirms a household’s facts: lastVerifiedAt moves to now, with a VERIFIED history row naming the worker, and an audit row naming the visit', async () => {
    const members = (
      await ownerSql<{ id: string }>(
        'population',
        `select id from resident where household_id = $1 and status = 'ACTIVE' order by id`,
        [households[1].id],
      )
    ).map((r) => r.id);
    expect(members.length).toBeGreaterThan(0);
    const visit = '00000000-0000-4000-8000-0000000c0f11';
    const before = Date.now();
    const { confirmResidentFacts } = await as(worker).data(CONFIRM, { ids: members, visit });
    expect(confirmResidentFacts.map((r: { id: string }) => r.id)).toEqual(members);
    expect(confirmResidentFacts.every((r: any) => new Date(r.lastVerifiedAt).getTime() >= before - 1000)).toBe(true);
    const history = await ownerSql(
      'population',
      `select resident_id as id, changed_by as by from resident_change where kind = 'VERIFIED' and resident_id = any($1::uuid[]) and at >= $2 order by resident_id`,
      [members, new Date(before - 1000)],
    );
    expect(history).toEqual(members.map((id) => ({ id, by: worker.subject })));
    const { populationAuditTrail } = await as(auditorOf('POPULATION')).data(
      `query($s: String!) { populationAuditTrail(first: 20, filter: { subject: $s }) { nodes { kind fields outcome } } }`,
      { s: worker.subject },
    );
    expect(populationAuditTrail.nodes).toContainEqual(
      expect.objectContaining({
        kind: 'WRITE',
        outcome: 'ALLOWED',
        fields: expect.arrayContaining([`lastVerifiedAt.visit=${visit}`]),
      }),
    );
  });

  it('refuses a confirmation outside the caller’s scope, without a purpose, or by another department, and writes nothing', async () => {
    const outside = nthGrid(2).households[0].id;
    const [inside] = await ownerSql<{ id: string; at: Date }>(
      'population',
      `select id, last_verified_at as at from resident where household_id = $1 and status = 'ACTIVE' order by id limit 1`,
      [households[2].id],
    );
    const [stranger] = await ownerSql<{ id: string }>(
      'population',
      `select id from resident where household_id = $1 and status = 'ACTIVE' limit 1`,
      [outside],
    );
    const codes = [];
    for (const [caller, ids] of [
      [worker, [inside.id, stranger.id]],
      [gridWorkerOf(grid.id), [inside.id]],
      [{ department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', purpose: '核实' } as Caller, [inside.id]],
      [worker, []],
    ] as [Caller, string[]][])
      codes.push((await as(caller).graphql(CONFIRM, { ids })).errors?.map((e: any) => e.extensions.code));
    expect(codes).toEqual([['NOT_FOUND'], ['FORBIDDEN'], ['FORBIDDEN'], ['BAD_USER_INPUT']]);
    const [after] = await ownerSql<{ at: Date }>(
      'population',
      'select last_verified_at as at from resident where id = $1',
      [inside.id],
    );
    expect(after.at).toEqual(inside.at);
    // the registry confirms too
    const { confirmResidentFacts } = await as(registrar).data(CONFIRM, { ids: [inside.id] });
    expect(confirmResidentFacts).toEqual([{ id: inside.id, lastVerifiedAt: expect.any(String) }]);
  });
});

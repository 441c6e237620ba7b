import { randomUUID } from 'node:crypto';
/**
 * Visits (走访) and what a grid leader sees through the gateway: their grid's overdue events with timelines and the
 * residents involved (from population), the month's visit coverage (households from population), the households not
 * yet visited, and a visit whose finding raises an event in the same transaction.
 */
import { eventRows } from '../subgraphs/grid/seed.events';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { visitRows } from '../subgraphs/grid/seed.visits';
import { monthOf } from '../subgraphs/grid/visits/month';
import { as, gridWorkerOf } from './support/callers';
import { graphql, sqlStatementsDuring } from './support/hub';
import { dispatcher, gridLeaderOf, gridSql, move, nthGrid, reportEvent, reportOf } from './support/grid';
import { onRegister, testWorld } from './support/world';

const world = testWorld();
const { staff, links } = staffRows(world);
const names = new Map(world.residents.map((r) => [r.id, r.name]));

/** The households the seed visited in the current month (the same generator, the same day). */
function visitedThisMonth(): Set<string> {
  const month = monthOf(new Date());
  const visited = new Set<string>();
  for (const v of visitRows(world, workerOfGrid(staff, links), new Date()))
    if (v.visitedAt >= month.from) visited.add(v.householdId);
  return visited;
}

describe('a grid leader’s view of their grid, through the gateway', () => {
  const { grid, community, buildings, households } = nthGrid(0);
  const leader = gridLeaderOf(community.id);

  it('lists the grid’s overdue events, newest first, with their timelines and the residents involved (names from population)', async () => {
    const now = new Date();
    const { events, transitions } = eventRows(world, now);
    const microGrids = new Set(world.regions.filter((r) => r.parentId === grid.id).map((r) => r.id));
    const overdue = events
      .filter((e) => microGrids.has(e.regionId) && e.stepDeadline && e.stepDeadline < now)
      .sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime() || b.id.localeCompare(a.id));
    expect(overdue.length).toBeGreaterThan(0);

    const answer = await as(leader).data(
      `query ($grid: ID!) { events(filter: { regionId: $grid, overdue: true }, first: 50) {
         totalCount nodes { id title status overdue departmentName timeline { action toStatus } residents { id name } } } }`,
      { grid: grid.id },
    );
    expect(answer).toEqual({
      events: {
        totalCount: overdue.length,
        nodes: overdue.map((e) => ({
          id: e.id,
          title: e.title,
          status: e.status,
          overdue: true,
          departmentName: e.department ? expect.any(String) : null,
          timeline: transitions
            .filter((t) => t.eventId === e.id)
            .map((t) => ({ action: t.action, toStatus: t.toStatus })),
          residents: e.residentIds.map((id) => ({ id, name: names.get(id) })),
        })),
      },
    });
    // the read of events naming residents is in grid's audit log, under the leader's name
    const [audited] = await gridSql(
      `select record_ids from audit_log where actor = $1 and record_type = 'Event' and outcome = 'ALLOWED' order by id desc limit 1`,
      [leader.subject],
    );
    expect([...audited.record_ids].sort()).toEqual(overdue.map((e) => e.id).sort());
  });

  it('sends as many SQL statements for a page of 2 events as for a page of 12, timelines and residents included (no N+1)', async () => {
    const page = (first: number) =>
      sqlStatementsDuring(() =>
        as(leader).data(
          `query ($c: ID!, $n: Int!) { events(filter: { regionId: $c }, first: $n) { nodes { id timeline { toStatus } residents { name } building { microGrid { name } } } } }`,
          { c: community.id, n: first },
        ),
      );
    // the newest events are the test's own, each naming a resident, so both pages read timelines and residents
    // whatever other files reported in the community before; rejected (不予立案) at once, so no open-event count moves
    const buildingOf = new Map(households.map((h) => [h.id, h.buildingId]));
    const named = world.residents.filter((r) => buildingOf.has(r.householdId) && onRegister(r)).slice(0, 12);
    for (const r of named) {
      const res = await reportEvent(
        leader,
        reportOf(buildingOf.get(r.householdId)!, { residentIds: [r.id] }),
        'id version',
      );
      expect(res.errors).toBeUndefined();
      const rejected = await move(dispatcher, res.data!.reportEvent, 'REJECT', { comment: '重复上报，不予立案' });
      expect(rejected.errors).toBeUndefined();
    }
    const [small, large] = [await page(2), await page(12)];
    expect(small.population).toBeGreaterThan(0);
    expect({ grid: large.grid, population: large.population }).toEqual({
      grid: small.grid,
      population: small.population,
    });
  });

  it('answers the month’s visit coverage: households visited ÷ households on population’s register', async () => {
    const visited = visitedThisMonth();
    const inGrid = households.filter((h) => visited.has(h.id)).length;
    const answer = await as(leader).data(
      `query ($grid: ID!) { region(id: $grid) { visitCoverage { month households visitedHouseholds notVisitedHouseholds ratio } } }`,
      { grid: grid.id },
    );
    expect(answer).toEqual({
      region: {
        visitCoverage: {
          month: monthOf(new Date()).key,
          households: households.length,
          visitedHouseholds: inGrid,
          notVisitedHouseholds: households.length - inGrid,
          ratio: Math.round((inGrid / households.length) * 10_000) / 10_000,
        },
      },
    });
    // realistic: some households visited, never all
    expect(inGrid).toBeGreaterThan(0);
    expect(inGrid).toBeLessThan(households.length);
  });

  it('answers coverage at every level, each from population’s count of the region’s households', async () => {
    const month = monthOf(new Date());
    const communityHouseholds = nthGridsOf(community.id).flatMap((g) => g.households);
    const seeded = communityHouseholds.filter((h) => visitedThisMonth().has(h.id)).length;
    // the community's other grids are visited by test files that may have run before this one on the same hub
    const [{ visited }] = await gridSql<{ visited: number }>(
      `select count(distinct household_id)::int as visited from visit
        where household_id = any($1::uuid[]) and visited_at >= $2 and visited_at < $3`,
      [communityHouseholds.map((h) => h.id), month.from, month.to],
    );
    const answer = await as(leader).data(
      `query ($id: ID!) { region(id: $id) { visitCoverage { households visitedHouseholds } } }`,
      { id: community.id },
    );
    expect(answer).toEqual({
      region: { visitCoverage: { households: communityHouseholds.length, visitedHouseholds: visited } },
    });
    expect(visited).toBeGreaterThanOrEqual(seeded);
    expect(seeded).toBeGreaterThan(0);
  });

  it('pages through the grid’s buildings with the households not yet visited this month (the worker’s to-do list)', async () => {
    const visited = visitedThisMonth();
    const answer = await as(gridWorkerOf(grid.id)).data(
      `query ($grid: ID!) { region(id: $grid) { buildings(first: 3) { totalCount nodes { id householdsNotVisited { id room } } } } }`,
      { grid: grid.id },
    );
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    const nodes = answer.region.buildings.nodes.map((n: any) => ({
      ...n,
      householdsNotVisited: [...n.householdsNotVisited].sort(byId),
    }));
    expect({ totalCount: answer.region.buildings.totalCount, nodes }).toEqual({
      totalCount: buildings.length,
      nodes: buildings.slice(0, 3).map((b) => ({
        id: b.id,
        householdsNotVisited: households
          .filter((h) => h.buildingId === b.id && !visited.has(h.id))
          .map((h) => ({ id: h.id, room: h.room }))
          .sort(byId),
      })),
    });
  });
});

/** The grids of a community, as nthGrid describes them. */
function nthGridsOf(communityId: string) {
  const general = world.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL');
  const all = world.regions.filter((r) => r.level === 'GRID' && r.parentId === communityId);
  return all.map((g) => {
    const i = general.findIndex((x) => x.id === g.id);
    if (i >= 0) return nthGrid(i);
    const micro = new Set(world.regions.filter((r) => r.parentId === g.id).map((r) => r.id));
    const inGrid = new Set(world.buildings.filter((b) => micro.has(b.microGridId)).map((b) => b.id));
    return { households: world.households.filter((h) => inGrid.has(h.buildingId)) };
  });
}

describe('recording a visit', () => {
  const { grid, households } = nthGrid(3);
  const worker = { ...gridWorkerOf(grid.id), purpose: '入户走访 2026-12' };
  const workerId = workerOfGrid(staff, links).get(grid.id)!;
  const notYet = () => households.filter((h) => !visitedThisMonth().has(h.id));
  const RECORD = `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) {
      kind findings followUpNeeded household { id } staff { id } event { status source category residents { id } timeline { action toStatus } } } }`;

  it('records the visit and the event its finding raises in one transaction, and the month’s coverage counts the household', async () => {
    const household = notYet()[0];
    const resident = world.residents.find((r) => r.householdId === household.id)!;
    const coverage = async () =>
      (
        await as(worker).data(`query ($grid: ID!) { region(id: $grid) { visitCoverage { visitedHouseholds } } }`, {
          grid: grid.id,
        })
      ).region.visitCoverage.visitedHouseholds;
    const before = await coverage();
    const input = {
      idempotencyKey: randomUUID(),
      householdId: household.id,
      staffId: workerId,
      kind: 'CARE',
      findings: '老人反映燃气灶漏气',
      followUpNeeded: true,
      residentId: resident.id,
      raiseEvent: {
        category: 'SAFETY_HAZARD',
        title: '燃气灶漏气',
        description: '住户燃气灶疑似漏气，需燃气公司检修',
        residentIds: [resident.id],
      },
    };
    const answer = await as(worker).data(RECORD, { input });
    expect(answer).toEqual({
      recordVisit: {
        kind: 'CARE',
        findings: '老人反映燃气灶漏气',
        followUpNeeded: true,
        household: { id: household.id },
        staff: { id: workerId },
        event: {
          status: 'REPORTED',
          source: 'VISIT',
          category: 'SAFETY_HAZARD',
          residents: [{ id: resident.id }],
          timeline: [{ action: null, toStatus: 'REPORTED' }],
        },
      },
    });
    expect(await coverage()).toBe(before + 1);
    // the same form sent again (a retry after a lost answer) answers the same visit and records nothing more
    expect(await as(worker).data(RECORD, { input })).toEqual(answer);
    expect(
      await gridSql(`select count(*)::int as visits from visit where household_id = $1 and recorded_by = $2`, [
        household.id,
        worker.subject,
      ]),
    ).toEqual([{ visits: 1 }]);
    const seen = await as(worker).data(
      `query ($id: ID!) { household(id: $id) { id lastVisit { findings kind event { title } } visits { findings } } }`,
      { id: household.id },
    );
    const earlier = [...visitRows(world, workerOfGrid(staff, links), new Date())]
      .filter((v) => v.householdId === household.id)
      .sort((a, b) => b.visitedAt.getTime() - a.visitedAt.getTime());
    expect(seen).toEqual({
      household: {
        id: household.id,
        lastVisit: { findings: '老人反映燃气灶漏气', kind: 'CARE', event: { title: '燃气灶漏气' } },
        visits: [{ findings: '老人反映燃气灶漏气' }, ...earlier.map((v) => ({ findings: v.findings }))],
      },
    });
    const mine = await as(worker).data(`query ($id: ID!) { resident(id: $id) { events { title source } } }`, {
      id: resident.id,
    });
    expect(mine.resident.events).toContainEqual({ title: '燃气灶漏气', source: 'VISIT' });
  });

  it('writes nothing when the event the finding raises fails: neither the visit nor the event', async () => {
    const household = notYet()[0];
    const counts = () =>
      gridSql(
        `select (select count(*)::int from visit where household_id = $1) as visits, (select count(*)::int from event where building_id = $2) as events`,
        [household.id, household.buildingId],
      );
    const before = await counts();
    const res = await as(worker).graphql(RECORD, {
      input: {
        idempotencyKey: randomUUID(),
        householdId: household.id,
        staffId: workerId,
        kind: 'ROUTINE',
        findings: '楼道堆物',
        raiseEvent: { category: 'SAFETY_HAZARD', title: '   ', description: '楼道堆物' },
      },
    });
    expect(res).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: 'title must not be empty',
          path: ['recordVisit'],
          extensions: { code: 'BAD_USER_INPUT', field: 'title', serviceName: 'grid' },
        },
      ],
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a visit signed by a staff member of another grid, and writes nothing', async () => {
    const household = households[0];
    const otherWorker = workerOfGrid(staff, links).get(nthGrid(0).grid.id)!;
    const visits = () => gridSql(`select count(*)::int as visits from visit where household_id = $1`, [household.id]);
    const before = await visits();
    const res = await as(worker).graphql(RECORD, {
      input: {
        idempotencyKey: randomUUID(),
        householdId: household.id,
        staffId: otherWorker,
        kind: 'ROUTINE',
        findings: '一切正常',
      },
    });
    expect(res).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: `staff member ${otherWorker} does not serve the grid of household ${household.id}: record the visit under a member of that grid’s workforce`,
          path: ['recordVisit'],
          extensions: { code: 'BAD_USER_INPUT', field: 'staffId', serviceName: 'grid' },
        },
      ],
    });
    expect(await visits()).toEqual(before);
  });

  it('refuses a household outside the worker’s grid like one that does not exist, and writes nothing', async () => {
    const elsewhere = nthGrid(0).households[0];
    const res = await as(worker).graphql(RECORD, {
      input: {
        idempotencyKey: randomUUID(),
        householdId: elsewhere.id,
        staffId: workerId,
        kind: 'ROUTINE',
        findings: '一切正常',
      },
    });
    expect(res.errors?.[0]).toEqual({
      message: `Household ${elsewhere.id} does not exist or is outside your data scope`,
      path: ['recordVisit'],
      extensions: { code: 'NOT_FOUND', id: elsewhere.id, serviceName: 'grid' },
    });
    expect(
      await gridSql(`select count(*)::int as visits from visit where household_id = $1 and recorded_by = $2`, [
        elsewhere.id,
        worker.subject,
      ]),
    ).toEqual([{ visits: 0 }]);
  });
});

describe('the contact card of a grid', () => {
  it('shows the grid’s name, boundary and whom to call: roles and office phones only', async () => {
    const { grid, community, buildings } = nthGrid(0);
    const on = new Set([community.id, grid.id]);
    const roles = ['GRID_LEADER', 'FULL_TIME_WORKER', 'PART_TIME_WORKER', 'GRID_POLICE'];
    const expected = staff
      .filter((s) => links.some((l) => l.staffId === s.id && on.has(l.regionId)) && roles.includes(s.role))
      .map((s) => ({ role: s.role, officePhone: s.officePhone }));
    const answer = await as(gridWorkerOf(grid.id)).data(
      `query ($grid: ID!) { gridContactCard(gridId: $grid) { gridName communityName boundary contacts { role officePhone } } }`,
      { grid: grid.id },
    );
    const order = (a: { role: string; officePhone: string | null }, b: typeof a) =>
      roles.indexOf(a.role) - roles.indexOf(b.role) || String(a.officePhone).localeCompare(String(b.officePhone));
    expect({ ...answer.gridContactCard, contacts: [...answer.gridContactCard.contacts].sort(order) }).toEqual({
      gridName: grid.name,
      communityName: community.name,
      boundary: expect.stringMatching(/^东至.+，西至.+，南至.+，北至.+$/),
      contacts: expected.sort(order),
    });
    // asked by a building, the card is its grid's, with its building leader
    const byBuilding = await as(gridWorkerOf(grid.id)).data(
      `query ($b: ID!) { gridContactCard(buildingId: $b) { gridName contacts { role } } }`,
      { b: buildings[0].id },
    );
    expect(byBuilding.gridContactCard.gridName).toBe(grid.name);
    expect(byBuilding.gridContactCard.contacts.map((c: any) => c.role)).toContain('BUILDING_LEADER');
  });

  it('answers a resident without a token, and opens nothing else to them', async () => {
    const { grid, community } = nthGrid(1);
    const card = await graphql(`query ($grid: ID!) { gridContactCard(gridId: $grid) { gridName communityName } }`, {
      grid: grid.id,
    });
    expect(card).toEqual({
      status: 200,
      data: { gridContactCard: { gridName: grid.name, communityName: community.name } },
    });
    const beside = await graphql(
      `query ($grid: ID!) { gridContactCard(gridId: $grid) { gridName } region(id: $grid) { name } }`,
      { grid: grid.id },
    );
    expect(beside.errors?.[0]).toMatchObject({
      message: 'sign in first: send Authorization: Bearer <token> to ask for region',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('moving a building to another micro-grid', () => {
  it('keeps the history of which micro-grid it was in and who was responsible for it when', async () => {
    const { grid, community, buildings } = nthGrid(3);
    const building = buildings[0];
    const other = world.regions.find((r) => r.parentId === grid.id && r.id !== building.microGridId)!;
    const leader = gridLeaderOf(community.id);
    const MOVE = `mutation ($b: ID!, $m: ID!) { moveBuilding(buildingId: $b, microGridId: $m) { id microGrid { id } } }`;
    expect(await as(leader).data(MOVE, { b: building.id, m: other.id })).toEqual({
      moveBuilding: { id: building.id, microGrid: { id: other.id } },
    });
    const history = await as(leader).data(
      `query ($b: ID!) { building(id: $b) { assignmentHistory { microGrid { id } open: validTo responsible { role } } } }`,
      { b: building.id },
    );
    const roles = (regionIds: string[]) =>
      staff
        .filter((s) => links.some((l) => l.staffId === s.id && regionIds.includes(l.regionId)))
        .map((s) => s.role)
        .sort();
    expect(
      history.building.assignmentHistory.map((h: any) => ({
        microGrid: h.microGrid,
        open: h.open === null,
        roles: h.responsible.map((r: any) => r.role).sort(),
      })),
    ).toEqual([
      { microGrid: { id: other.id }, open: true, roles: roles([other.id, grid.id, community.id]) },
      {
        microGrid: { id: building.microGridId },
        open: false,
        roles: roles([building.microGridId, grid.id, community.id]),
      },
    ]);
    // back where the seed put it, for the other tests
    expect(await as(leader).data(MOVE, { b: building.id, m: building.microGridId })).toEqual({
      moveBuilding: { id: building.id, microGrid: { id: building.microGridId } },
    });
    // a grid worker may not move buildings
    expect(
      (await as(gridWorkerOf(grid.id)).graphql(MOVE, { b: building.id, m: other.id })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

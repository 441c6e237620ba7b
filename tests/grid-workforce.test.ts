import { randomUUID } from 'node:crypto';
/**
 * The grid workforce (网格力量, issue 22 item 8) through the gateway: a member added and assigned by their grid's
 * leader, visits and events recorded under them and the month's figures (考核) equal to what was recorded; the history
 * after a reassignment; building leaders on buildings; the police shown from public security, not copied; refusals
 * for another grid's leader and for a worker, with nothing written.
 */
import { gridPoliceOf } from '../runner/synthetic/world';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { visitRows } from '../subgraphs/grid/seed.visits';
import { monthOf } from '../subgraphs/grid/visits/month';
import { as, type Caller, gridLeader, gridWorkerOf } from './support/callers';
import { dispatcher, gridLeaderOf, gridSql, move, nthGrid, reportEvent, reportOf } from './support/grid';
import { testWorld } from './support/world';

const world = testWorld();
const home = nthGrid(2);
const other = nthGrid(1);
const leader = gridLeaderOf(home.grid.id);
const otherLeader = gridLeaderOf(other.grid.id);
const street = world.regions.find((r) => r.id === home.community.parentId)!;
const streetDesk: Caller = { department: 'GRID', role: 'DISPATCHER', scope: [street.id], subject: 'desk-of-street' };

const ADD = `mutation($input: AddStaffInput!) { addStaff(input: $input) { id name role homeUnit } }`;
const ASSIGN = `mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id status region { id } } }`;
const END = `mutation($id: ID!, $reason: String!) { endStaffAssignment(id: $id, reason: $reason) { id status endReason endedBy validTo } }`;
const WORKFORCE = `query($grid: ID!) { gridWorkforce(gridId: $grid) {
  grid { id policeOfficers { name } }
  groups { role term members { staff { id name } assignments { status reason assignedBy region { id } building { id } } } } } }`;
const HISTORY = `query($id: ID!) { staffAssignments(staffId: $id) { id status reason endReason region { id } validTo } }`;
const FIGURES = `query($grid: ID!, $from: String) { workforceFigures(gridId: $grid, from: $from) {
  grid { id } from to workers { staff { id role } householdsVisited visitsRecorded factsCollected eventsReported eventsClosedOnTime } } }`;

const newWorker = (extra: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  name: `网格员${randomUUID().slice(0, 4)}`,
  role: 'FULL_TIME_WORKER',
  phone: '13800001111',
  gridId: home.grid.id,
  reason: '新聘专职网格员',
  ...extra,
});

const codeOf = (answer: { errors?: { extensions?: { code?: string } }[] }) => answer.errors?.[0]?.extensions?.code;

describe('the grid workforce', () => {
  it('adds a worker to the grid, once per key; their visits and events make their month’s figures', async () => {
    const account = `wf-${randomUUID()}`;
    const input = newWorker({ account });
    const { addStaff } = await as(leader).data(ADD, { input });
    expect(addStaff).toEqual({ id: expect.any(String), name: input.name, role: 'FULL_TIME_WORKER', homeUnit: null });
    expect((await as(leader).data(ADD, { input })).addStaff.id).toBe(addStaff.id);
    expect(await gridSql('select count(*)::int as n from staff where name = $1', [input.name])).toEqual([{ n: 1 }]);

    // the grid's workforce shows them; the police come from public security, beside it, not as grid's members
    const { gridWorkforce } = await as(gridWorkerOf(home.grid.id)).data(WORKFORCE, { grid: home.grid.id });
    const workers = gridWorkforce.groups.find((g: { role: string }) => g.role === 'FULL_TIME_WORKER');
    expect(workers.term).toBe('专职网格员');
    expect(workers.members).toContainEqual({
      staff: { id: addStaff.id, name: input.name },
      assignments: [
        {
          status: 'ACTIVE',
          reason: '新聘专职网格员',
          assignedBy: leader.subject,
          region: { id: home.grid.id },
          building: null,
        },
      ],
    });
    expect(gridWorkforce.groups.map((g: { role: string }) => g.role)).not.toContain('GRID_POLICE');
    const police = gridPoliceOf(world).find((p) => p.gridId === home.grid.id)!;
    expect(gridWorkforce.grid.policeOfficers).toContainEqual({ name: police.name });

    // three visits to two households the seed visited this month already (no coverage another file computes moves),
    // one raising an event; one event reported; both closed on time, a third rejected (不予立案: not counted)
    const worker: Caller = {
      department: 'GRID',
      role: 'GRID_WORKER',
      scope: [home.grid.id],
      subject: account,
      purpose: '入户走访 2026-12',
    };
    const { staff, links } = staffRows(world);
    const seeded = [...visitRows(world, workerOfGrid(staff, links), new Date())].filter(
      (v) => v.visitedAt >= monthOf(new Date()).from,
    );
    const [h0, h1] = home.households.filter((h) => seeded.some((v) => v.householdId === h.id));
    const visit = async (householdId: string, raiseEvent?: Record<string, unknown>, collected?: unknown) =>
      (
        await as(worker).data(
          `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id event { id version } } }`,
          {
            input: {
              idempotencyKey: randomUUID(),
              householdId,
              staffId: addStaff.id,
              kind: 'ROUTINE',
              findings: '一切正常',
              ...(raiseEvent ? { raiseEvent } : {}),
              ...(collected ? { collected } : {}),
            },
          },
        )
      ).recordVisit;
    await visit(h0.id);
    const raised = await visit(h0.id, {
      category: 'ENVIRONMENT',
      title: '楼道堆物',
      description: '二单元楼道堆放杂物',
    });
    // the third collects a member's phone for population (applied at once: one fact collected)
    const member = world.residents.find((r) => r.householdId === h1.id)!;
    await visit(h1.id, undefined, {
      population: { facts: [{ residentId: member.id, field: 'phone', value: '13900001234' }] },
    });
    const reported = (await reportEvent(worker, reportOf(home.buildings[0].id, { category: 'ENVIRONMENT' }))).data;
    for (let event of [raised.event, reported.reportEvent]) {
      for (const action of ['REGISTER', 'DISPATCH', 'ACCEPT', 'START', 'REPORT_BACK', 'VERIFY', 'CLOSE']) {
        const by = action === 'VERIFY' ? worker : dispatcher;
        const extra = action === 'DISPATCH' ? { department: 'ECOLOGY_ENVIRONMENT' } : {};
        event = (await move(by, event, action, extra)).data.transitionEvent;
      }
      expect(event.status).toBe('CLOSED');
    }
    const rejected = (await reportEvent(worker, reportOf(home.buildings[1].id))).data.reportEvent;
    expect((await move(dispatcher, rejected, 'REJECT', { comment: '重复上报，不予立案' })).errors).toBeUndefined();

    const month = monthOf(new Date()).key;
    const mine = (answer: any) =>
      answer.workforceFigures.workers.find((w: { staff: { id: string } }) => w.staff.id === addStaff.id);
    const byLeader = await as(leader).data(FIGURES, { grid: home.grid.id });
    expect({ ...byLeader.workforceFigures, workers: undefined }).toEqual({
      grid: { id: home.grid.id },
      from: month,
      to: month,
      workers: undefined,
    });
    expect(mine(byLeader)).toEqual({
      staff: { id: addStaff.id, role: 'FULL_TIME_WORKER' },
      householdsVisited: 2,
      visitsRecorded: 3,
      factsCollected: 1,
      eventsReported: 2,
      eventsClosedOnTime: 2,
    });
    expect(byLeader.workforceFigures.workers.map((w: { staff: { role: string } }) => w.staff.role)).not.toContain(
      'GRID_POLICE',
    );
    // the street's desk sees the same; last month nothing of theirs
    expect(await as(streetDesk).data(FIGURES, { grid: home.grid.id })).toEqual(byLeader);
    const before = monthOf(new Date(monthOf(new Date()).from.getTime() - 1)).key;
    expect(mine(await as(leader).data(FIGURES, { grid: home.grid.id, from: before }))).toEqual({
      staff: { id: addStaff.id, role: 'FULL_TIME_WORKER' },
      householdsVisited: 0,
      visitsRecorded: 0,
      factsCollected: 0,
      eventsReported: 0,
      eventsClosedOnTime: 0,
    });
  });

  it('keeps the history of a reassignment, and refuses to end an ended assignment', async () => {
    const { addStaff } = await as(gridLeader).data(ADD, { input: newWorker() });
    const [{ id: firstId }] = (await as(gridLeader).data(HISTORY, { id: addStaff.id })).staffAssignments;
    const { assignStaff } = await as(gridLeader).data(ASSIGN, {
      input: { idempotencyKey: randomUUID(), staffId: addStaff.id, gridId: other.grid.id, reason: '网格调整' },
    });
    expect(assignStaff).toEqual({ id: expect.any(String), status: 'ACTIVE', region: { id: other.grid.id } });
    const ended = await as(gridLeader).data(END, { id: firstId, reason: '调往其他网格' });
    expect(ended.endStaffAssignment).toEqual({
      id: firstId,
      status: 'ENDED',
      endReason: '调往其他网格',
      endedBy: 'test-grid-grid_leader',
      validTo: expect.any(String),
    });

    const { staffAssignments } = await as(gridLeader).data(HISTORY, { id: addStaff.id });
    expect(staffAssignments).toEqual([
      {
        id: assignStaff.id,
        status: 'ACTIVE',
        reason: '网格调整',
        endReason: null,
        region: { id: other.grid.id },
        validTo: null,
      },
      {
        id: firstId,
        status: 'ENDED',
        reason: '新聘专职网格员',
        endReason: '调往其他网格',
        region: { id: home.grid.id },
        validTo: ended.endStaffAssignment.validTo,
      },
    ]);
    // each grid's leader sees the part of it in their grid
    expect((await as(otherLeader).data(HISTORY, { id: addStaff.id })).staffAssignments).toEqual([staffAssignments[0]]);
    // the member serves the other grid now, and no longer this one
    const served = async (grid: string) =>
      (await as(gridLeader).data(WORKFORCE, { grid })).gridWorkforce.groups
        .flatMap((g: { members: { staff: { id: string } }[] }) => g.members)
        .some((m: { staff: { id: string } }) => m.staff.id === addStaff.id);
    expect([await served(home.grid.id), await served(other.grid.id)]).toEqual([false, true]);

    const again = await as(gridLeader).graphql(END, { id: firstId, reason: '重复' });
    expect(again.errors?.[0]).toMatchObject({
      extensions: { code: 'INVALID_TRANSITION', status: 'ENDED', action: 'END', allowed: [] },
    });
    expect(await gridSql('select end_reason from staff_assignment where id = $1', [firstId])).toEqual([
      { end_reason: '调往其他网格' },
    ]);
  });

  it('puts a building leader on buildings, and an official sent down with their home unit', async () => {
    const buildings = home.buildings.slice(0, 2).map((b) => b.id);
    const { addStaff: buildingLeader } = await as(leader).data(ADD, {
      input: newWorker({ role: 'BUILDING_LEADER', gridId: undefined, buildingIds: buildings, reason: '居民推选' }),
    });
    const { addStaff: official } = await as(leader).data(ADD, {
      input: newWorker({ role: 'SENT_DOWN_OFFICIAL', homeUnit: '区城市管理委员会', reason: '干部下沉' }),
    });
    expect(official.homeUnit).toBe('区城市管理委员会');
    const { gridWorkforce } = await as(leader).data(WORKFORCE, { grid: home.grid.id });
    const memberOf = (role: string, id: string) =>
      gridWorkforce.groups
        .find((g: { role: string }) => g.role === role)
        .members.find((m: { staff: { id: string } }) => m.staff.id === id);
    expect(
      memberOf('BUILDING_LEADER', buildingLeader.id)
        .assignments.map((a: { building: { id: string } }) => a.building.id)
        .sort(),
    ).toEqual([...buildings].sort());
    expect(memberOf('SENT_DOWN_OFFICIAL', official.id).assignments).toHaveLength(1);
    expect(gridWorkforce.groups.find((g: { role: string }) => g.role === 'SENT_DOWN_OFFICIAL').term).toBe('下沉力量');
  });

  it('refuses another grid’s leader and a worker, and input it cannot take, writing nothing', async () => {
    const input = newWorker();
    const refusals = await Promise.all([
      as(otherLeader).graphql(ADD, { input }),
      as(gridWorkerOf(home.grid.id)).graphql(ADD, { input }),
      as(otherLeader).graphql(FIGURES, { grid: home.grid.id }),
      as(gridWorkerOf(home.grid.id)).graphql(FIGURES, { grid: home.grid.id }),
      as(gridWorkerOf(other.grid.id)).graphql(WORKFORCE, { grid: home.grid.id }),
      as(leader).graphql(ADD, { input: newWorker({ role: 'GRID_POLICE' }) }),
      as(leader).graphql(ADD, { input: newWorker({ role: 'LIAISON_OFFICIAL' }) }),
      as(leader).graphql(ADD, { input: newWorker({ homeUnit: '区民政局' }) }),
      as(leader).graphql(ADD, { input: newWorker({ role: 'BUILDING_LEADER' }) }),
      as(leader).graphql(FIGURES, { grid: home.grid.id, from: '2026-13' }),
    ]);
    expect(refusals.map(codeOf)).toEqual([
      'NOT_FOUND',
      'FORBIDDEN',
      'NOT_FOUND',
      'FORBIDDEN',
      'NOT_FOUND',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect(await gridSql('select count(*)::int as n from staff where name = $1', [input.name])).toEqual([{ n: 0 }]);
    // the refusal of the other grid's leader is audited
    const audited = await gridSql(
      `select record_type, outcome from audit_log where actor = $1 and record_type = 'Grid' order by id desc limit 1`,
      [otherLeader.subject],
    );
    expect(audited).toEqual([{ record_type: 'Grid', outcome: 'DENIED' }]);
  });
});

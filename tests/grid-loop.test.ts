import { randomUUID } from 'node:crypto';
/**
 * Closing the loop (issue 21 item 8) through the gateway: supervision (督办) of overdue events by street and district
 * officials and its list, follow-ups (回访) after closing with a dissatisfied answer reopening the event through the
 * workflow (REDO), and the assessment figures (响应率, 解决率, 满意率, on-time closure, supervision) per department
 * and per grid — the demo's from the seed's own rows, with late steps so on-time closure differs from resolution.
 */
import { ASSESSMENT } from '../queries';
import { eventRows, seedClock } from '../subgraphs/grid/seed.events';
import { analyst, as, type Caller, districtId, gridWorkerOf } from './support/callers';
import { dispatcher, gridLeaderOf, gridSql, move, nthGrid, reportEvent, reportOf } from './support/grid';
import { testWorld } from './support/world';
import { formatInstant } from '../lib/calendar';

const world = testWorld();
const { grid, community, buildings } = nthGrid(2);
const building = buildings[buildings.length - 1];
const worker = gridWorkerOf(grid.id);
/** a street official: a grid leader whose scope is the street */
const street = world.regions.find((r) => r.id === community.parentId)!;
const streetOfficial: Caller = {
  department: 'GRID',
  role: 'GRID_LEADER',
  scope: [street.id],
  subject: 'street-official',
};
/** a department outside the hub no other test file dispatches to: the desk records its answers */
const DEPARTMENT = 'HUMAN_RESOURCES';

const key = () => `loop-${randomUUID()}`;

const SUPERVISE = `mutation ($id: ID!, $reason: String!, $key: String!) {
  superviseEvent(eventId: $id, reason: $reason, idempotencyKey: $key) {
    id version supervisions { reason supervisorName supervisorRole department departmentName overdueSince } } }`;
const FOLLOW_UP = `mutation ($input: RecordFollowUpInput!) {
  recordFollowUp(input: $input) {
    id status version department timeline { action fromStatus toStatus comment department }
    followUps { satisfaction comment reopened recorderName } } }`;

/** Reports an event in the grid and walks it by the desk (for the outside department) to `until` actions. */
async function walked(actions: string[]) {
  const reported = await reportEvent(worker, reportOf(building.id));
  expect(reported.errors).toBeUndefined();
  let event = reported.data.reportEvent;
  for (const action of actions) {
    const by = action === 'VERIFY' ? worker : dispatcher;
    const res = await move(by, event, action, action === 'DISPATCH' ? { department: DEPARTMENT } : {});
    expect({ action, errors: res.errors }).toEqual({ action, errors: undefined });
    event = res.data.transitionEvent;
  }
  return event;
}
const CLOSE = ['REGISTER', 'DISPATCH', 'ACCEPT', 'START', 'REPORT_BACK', 'VERIFY', 'CLOSE'];

describe('supervision (督办)', () => {
  const now = new Date();
  const { events } = eventRows(world, now);
  // an overdue seeded event being handled, which no test file moves (a flag never changes the event itself)
  const overdue = events.find((e) => e.status === 'IN_PROGRESS' && e.stepDeadline && e.stepDeadline < now)!;
  const itsGrid = world.regions.find((r) => r.id === overdue.regionId)!.parentId!;
  const otherGrid = [0, 1, 2, 3].map((n) => nthGrid(n).grid.id).find((id) => id !== itsGrid)!;

  it('is for street and district officials: a community’s grid leader and a grid worker are refused, and nothing is written', async () => {
    const before = await gridSql('select count(*)::int as n from event_supervision where event_id = $1', [overdue.id]);
    const answers = await Promise.all(
      [gridLeaderOf(community.id), worker].map((c) =>
        as(c).graphql(SUPERVISE, { id: overdue.id, reason: '请加快办理', key: key() }),
      ),
    );
    expect(answers.map((a) => a.errors?.map((e) => e.extensions?.code))).toEqual([['FORBIDDEN'], ['FORBIDDEN']]);
    expect(await gridSql('select count(*)::int as n from event_supervision where event_id = $1', [overdue.id])).toEqual(
      before,
    );
  });

  it('flags an overdue event with who, why and the department responsible; a retry answers the same flag', async () => {
    const variables = { id: overdue.id, reason: '超期未签收，请加快办理', key: key() };
    const first = await as(streetOfficial).data(SUPERVISE, variables);
    const again = await as(streetOfficial).data(SUPERVISE, variables);
    const flag = {
      reason: '超期未签收，请加快办理',
      supervisorName: 'street-official',
      supervisorRole: 'GRID:GRID_LEADER',
      department: overdue.department,
      departmentName: overdue.department ? expect.any(String) : null,
      overdueSince: formatInstant(overdue.stepDeadline!),
    };
    expect(first.superviseEvent).toEqual({
      id: overdue.id,
      version: overdue.version,
      supervisions: expect.arrayContaining([flag]),
    });
    expect(again).toEqual(first);
    const mine = await gridSql(
      `select count(*)::int as n from event_supervision where event_id = $1 and supervisor_subject = 'street-official'`,
      [overdue.id],
    );
    expect(mine).toEqual([{ n: 1 }]);

    // the supervision list: the flag with its event and department, for whoever may see the event
    const LIST = `query ($r: ID!) { supervisedEvents(regionId: $r, first: 50) {
      totalCount nodes { reason supervisorName department event { id status } } } }`;
    const listed = await as(dispatcher).data(LIST, { r: itsGrid });
    expect(listed.supervisedEvents.nodes).toContainEqual({
      reason: flag.reason,
      supervisorName: 'street-official',
      department: overdue.department,
      event: { id: overdue.id, status: overdue.status },
    });
    expect(listed.supervisedEvents.totalCount).toBe(listed.supervisedEvents.nodes.length);
    const elsewhere = await as(gridWorkerOf(otherGrid)).data(LIST, { r: itsGrid });
    expect(elsewhere.supervisedEvents).toEqual({ totalCount: 0, nodes: [] });
  });

  it('refuses an event that is not overdue (INVALID_TRANSITION), writing nothing', async () => {
    const fresh = await walked([]);
    const answer = await as(dispatcher).graphql(SUPERVISE, { id: fresh.id, reason: '请加快办理', key: key() });
    expect(answer.errors?.map((e) => e.extensions)).toEqual([
      {
        code: 'INVALID_TRANSITION',
        status: 'REPORTED',
        action: 'SUPERVISE',
        allowed: ['REGISTER', 'REJECT'],
        serviceName: 'grid',
      },
    ]);
    expect(await gridSql('select count(*)::int as n from event_supervision where event_id = $1', [fresh.id])).toEqual([
      { n: 0 },
    ]);
  });
});

describe('follow-up (回访) and the assessment figures of the events it closes', () => {
  const since = new Date(Date.now() - 1000);
  const made: Record<string, any> = {};

  it('is recorded only after closing; a dissatisfied answer reopens the event to its department by REDO', async () => {
    const open = await walked(['REGISTER', 'DISPATCH', 'ACCEPT']);
    made.accepted = open;
    const early = await as(dispatcher).graphql(FOLLOW_UP, {
      input: { idempotencyKey: key(), eventId: open.id, satisfaction: 'SATISFIED' },
    });
    expect(early.errors?.map((e) => [e.extensions?.code, e.extensions?.status])).toEqual([
      ['INVALID_TRANSITION', 'ACCEPTED'],
    ]);

    const closed = await walked(CLOSE);
    made.reopened = closed;
    // REDO is the follow-up's, not transitionEvent's
    const direct = await move(dispatcher, closed, 'REDO', { comment: '重办' });
    expect(direct.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_TRANSITION']);
    const satisfiedReopen = await as(dispatcher).graphql(FOLLOW_UP, {
      input: { idempotencyKey: key(), eventId: closed.id, satisfaction: 'SATISFIED', reopen: true },
    });
    expect(satisfiedReopen.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'reopen'],
    ]);
    const byWorker = await as(worker).graphql(FOLLOW_UP, {
      input: { idempotencyKey: key(), eventId: closed.id, satisfaction: 'SATISFIED' },
    });
    expect(byWorker.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const input = {
      idempotencyKey: key(),
      eventId: closed.id,
      satisfaction: 'DISSATISFIED',
      comment: '噪音仍未解决',
      reopen: true,
    };
    const answer = await as(dispatcher).data(FOLLOW_UP, { input });
    expect(answer.recordFollowUp).toEqual({
      id: closed.id,
      status: 'DISPATCHED',
      version: closed.version + 1,
      department: DEPARTMENT,
      timeline: expect.arrayContaining([
        {
          action: 'REDO',
          fromStatus: 'CLOSED',
          toStatus: 'DISPATCHED',
          comment: '噪音仍未解决',
          department: DEPARTMENT,
        },
      ]),
      followUps: [
        { satisfaction: 'DISSATISFIED', comment: '噪音仍未解决', reopened: true, recorderName: 'dispatcher-1' },
      ],
    });
    expect(answer.recordFollowUp.timeline.at(-1).action).toBe('REDO');
    // a retry answers the same; the reopened event takes no second follow-up until it is closed again
    expect(await as(dispatcher).data(FOLLOW_UP, { input })).toEqual(answer);
    const twice = await as(dispatcher).graphql(FOLLOW_UP, {
      input: { idempotencyKey: key(), eventId: closed.id, satisfaction: 'SATISFIED' },
    });
    expect(twice.errors?.map((e) => [e.extensions?.code, e.extensions?.status])).toEqual([
      ['INVALID_TRANSITION', 'DISPATCHED'],
    ]);
    expect(await gridSql('select count(*)::int as n from event_follow_up where event_id = $1', [closed.id])).toEqual([
      { n: 1 },
    ]);
  });

  it('count per department: received, responded in time, closed (on time), followed up and satisfied, with the rates', async () => {
    made.satisfied = await walked(CLOSE);
    await as(dispatcher).data(FOLLOW_UP, {
      input: { idempotencyKey: key(), eventId: made.satisfied.id, satisfaction: 'BASICALLY_SATISFIED' },
    });
    made.dispatched = await walked(['REGISTER', 'DISPATCH']);
    const answer = await as(dispatcher).data(ASSESSMENT, {
      regionId: districtId(),
      from: since.toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    const row = answer.byDepartment.find((r: any) => r.unit === DEPARTMENT);
    // accepted, reopened (dissatisfied), satisfied-closed, dispatched only
    expect(row).toEqual({
      unit: DEPARTMENT,
      name: '人力资源和社会保障',
      received: 4,
      responded: 3,
      closed: 1,
      closedOnTime: 1,
      supervised: 0,
      followedUp: 2,
      satisfied: 1,
      responseRate: 0.75,
      resolutionRate: 0.25,
      onTimeClosureRate: 0.25,
      satisfactionRate: 0.5,
    });
    expect(answer.byGrid.map((r: any) => r.unit)).toContain(grid.id);
  });

  it('appear in eventFigures too: each department’s supervised count and satisfaction rate as assessmentFigures counts them', async () => {
    const period = { from: since.toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const answer = await as(dispatcher).data(
      `query ($r: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
        eventFigures(regionId: $r, from: $from, to: $to) { department supervised satisfactionRate }
        assessmentFigures(regionId: $r, from: $from, to: $to, groupBy: DEPARTMENT) { unit supervised satisfactionRate } }`,
      { r: districtId(), ...period },
    );
    expect(answer.eventFigures.find((f: any) => f.department === DEPARTMENT)).toEqual({
      department: DEPARTMENT,
      supervised: 0,
      satisfactionRate: 0.5,
    });
    const byDepartment = (rows: { department: string }[]) =>
      Object.fromEntries(rows.map(({ department, ...figures }) => [department, figures]));
    expect(byDepartment(answer.eventFigures)).toEqual(
      byDepartment(
        answer.assessmentFigures.map((a: any) => ({
          department: a.unit,
          supervised: a.supervised,
          satisfactionRate: a.satisfactionRate,
        })),
      ),
    );
  });
});

describe('the demo’s assessment figures', () => {
  it('per grid equal the seed’s own rows, and on-time closure differs from resolution (late steps)', async () => {
    const now = new Date();
    const { events, transitions, supervisions, followUps } = eventRows(world, now);
    const closedGrid = (() => {
      const e = events.find((x) => x.status === 'CLOSED' && x.lateSteps > 0)!;
      return world.regions.find((r) => r.id === e.regionId)!.parentId!;
    })();
    const inGrid = events.filter(
      (e) => world.regions.find((r) => r.id === e.regionId)!.parentId === closedGrid && e.status !== 'REJECTED',
    );
    const latest = new Map(followUps.map((f) => [f.eventId, f.satisfaction]));
    const count = (p: (e: (typeof inGrid)[number]) => boolean) => inGrid.filter(p).length;
    const received = inGrid.length;
    const closed = count((e) => e.status === 'CLOSED');
    const closedOnTime = count((e) => e.status === 'CLOSED' && e.lateSteps === 0);
    const followedUp = count((e) => latest.has(e.id));
    const satisfied = count((e) => ['SATISFIED', 'BASICALLY_SATISFIED'].includes(latest.get(e.id) ?? ''));
    const responded = count((e) =>
      transitions.some((t) => t.eventId === e.id && t.fromStatus === 'REPORTED' && t.action === 'REGISTER' && !t.late),
    );
    const rate = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : null);
    const answer = await as(dispatcher).data(
      `query ($r: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { assessmentFigures(regionId: $r, from: $from, to: $to, groupBy: GRID) {
        unit received responded closed closedOnTime supervised followedUp satisfied responseRate resolutionRate onTimeClosureRate satisfactionRate } }`,
      // up to the seed's clock: the events other test files report come after it
      { r: closedGrid, from: '2000-01-01T00:00:00Z', to: seedClock(now).toISOString() },
    );
    expect(answer.assessmentFigures).toEqual([
      {
        unit: closedGrid,
        received,
        responded,
        closed,
        closedOnTime,
        supervised: count((e) => supervisions.some((s) => s.eventId === e.id)),
        followedUp,
        satisfied,
        responseRate: rate(responded, received),
        resolutionRate: rate(closed, received),
        onTimeClosureRate: rate(closedOnTime, received),
        satisfactionRate: rate(satisfied, followedUp),
      },
    ]);
    expect(closedOnTime).toBeLessThan(closed);
    expect(answer.assessmentFigures[0].onTimeClosureRate).toBeLessThan(answer.assessmentFigures[0].resolutionRate);
  });
});

describe('the assessment figures for the statistics office', () => {
  it('are counted over whole days and never show a count from 1 to 4 as itself', async () => {
    const QUERY = `query ($r: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { assessmentFigures(regionId: $r, from: $from, to: $to, groupBy: GRID) {
      unit received responded closed closedOnTime supervised followedUp satisfied } }`;
    // whole days before today in Beijing: the seeded events, not the ones test files report today
    const today = new Date(Math.floor((Date.now() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000);
    const variables = { r: districtId(), from: '2000-01-01T00:00:00+08:00', to: today.toISOString() };
    const [seen, exact] = await Promise.all(
      [analyst, dispatcher].map(async (c) => (await as(c).data(QUERY, variables)).assessmentFigures as any[]),
    );
    const small = exact.flatMap((row, i) =>
      Object.entries(row)
        .filter(([, n]) => typeof n === 'number' && n > 0 && n < 5)
        .map(([figure, n]) => ({ figure, n, shown: seen[i][figure] })),
    );
    expect(seen.map((r) => r.unit)).toEqual(exact.map((r) => r.unit));
    expect(small.length).toBeGreaterThan(0);
    expect(small.filter(({ n, shown }) => shown === n)).toEqual([]);
  });
});

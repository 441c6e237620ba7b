/**
 * The event workflow (事件流转) through the gateway: every legal path, every illegal move, two moves at once, a retried
 * report, and who may take which move.
 */
import { EventAction, EventStatus, WORKFLOW } from '../subgraphs/grid/events/workflow';
import { as, type Caller, caseworker, gridWorkerOf, officer } from './support/callers';
import { eventRows } from '../subgraphs/grid/seed.events';
import { dispatcher, gridSql, move, nthGrid, reportEvent, reportOf } from './support/grid';
import { testWorld } from './support/world';

const { grid, community, buildings } = nthGrid(1);
const building = buildings[0];
const worker = gridWorkerOf(grid.id);
const civilAffairs: Caller = { ...caseworker, purpose: '事件处置' };
const police: Caller = { ...officer, purpose: '事件处置' };

type Step = [Caller, EventAction, EventStatus, { comment?: string; department?: string }?];

interface Walked {
  event: any;
  /** (action, from) of every move made */
  moves: [EventAction, EventStatus][];
}

/** Reports an event in the grid and takes the steps, each from the state the previous one left. */
async function walk(steps: Step[], at = building): Promise<Walked> {
  const reported = await reportEvent(worker, reportOf(at.id));
  expect(reported.errors).toBeUndefined();
  let event = reported.data.reportEvent;
  const moves: [EventAction, EventStatus][] = [];
  for (const [caller, action, to, extra] of steps) {
    const res = await move(caller, event, action, extra);
    expect({ action, errors: res.errors }).toEqual({ action, errors: undefined });
    moves.push([action, event.status]);
    expect(res.data.transitionEvent.status).toBe(to);
    event = res.data.transitionEvent;
  }
  return { event, moves };
}

/** The timeline a walk must leave; `department` is the one responsible at each move (dispatched to, or returning it). */
function timelineOf(steps: Step[]) {
  let department: string | null = null;
  return [
    {
      action: null,
      fromStatus: null,
      toStatus: 'REPORTED',
      actorRole: 'GRID:GRID_WORKER',
      comment: null,
      department: null,
      late: false,
    },
    ...steps.map(([caller, action, to, extra], i) => {
      if (action === A.DISPATCH) department = extra!.department!;
      const entry = {
        action,
        fromStatus: i === 0 ? 'REPORTED' : steps[i - 1][2],
        toStatus: to,
        actorRole: `${caller.department}:${caller.role}`,
        comment: extra?.comment ?? null,
        department,
        late: false,
      };
      if (action === A.RETURN) department = null;
      return entry;
    }),
  ];
}

const S = EventStatus;
const A = EventAction;

/** Paths that, between them, take every move of the workflow table. */
const PATHS: Record<string, Step[]> = {
  'the closed loop, handled by civil affairs': [
    [dispatcher, A.REGISTER, S.REGISTERED],
    [dispatcher, A.DISPATCH, S.DISPATCHED, { department: 'CIVIL_AFFAIRS' }],
    [civilAffairs, A.ACCEPT, S.ACCEPTED],
    [civilAffairs, A.START, S.IN_PROGRESS],
    [civilAffairs, A.REPORT_BACK, S.RESOLVED],
    [worker, A.VERIFY, S.VERIFIED],
    [dispatcher, A.CLOSE, S.CLOSED],
  ],
  'not a case': [[dispatcher, A.REJECT, S.REJECTED, { comment: '非本辖区事项' }]],
  'returned by public security, re-dispatched to housing (the desk records an outside department’s answers), suspended, reopened on site':
    [
      [dispatcher, A.REGISTER, S.REGISTERED],
      [dispatcher, A.DISPATCH, S.DISPATCHED, { department: 'PUBLIC_SECURITY' }],
      [police, A.RETURN, S.RETURNED, { comment: '不属于公安职责' }],
      [dispatcher, A.DISPATCH, S.DISPATCHED, { department: 'HOUSING' }],
      [dispatcher, A.ACCEPT, S.ACCEPTED],
      [dispatcher, A.SUSPEND, S.SUSPENDED, { comment: '需业主大会表决' }],
      [dispatcher, A.RESUME, S.IN_PROGRESS],
      [dispatcher, A.REPORT_BACK, S.RESOLVED],
      [worker, A.REOPEN, S.IN_PROGRESS, { comment: '现场仍有杂物' }],
      [dispatcher, A.REPORT_BACK, S.RESOLVED],
      [worker, A.VERIFY, S.VERIFIED],
      [dispatcher, A.CLOSE, S.CLOSED],
    ],
  'escalated twice, returned after signing for it, escalated again from the return': [
    [dispatcher, A.REGISTER, S.REGISTERED],
    [dispatcher, A.ESCALATE, S.REGISTERED, { comment: '需社区协调' }],
    [dispatcher, A.DISPATCH, S.DISPATCHED, { department: 'CIVIL_AFFAIRS' }],
    [civilAffairs, A.ACCEPT, S.ACCEPTED],
    [civilAffairs, A.RETURN, S.RETURNED, { comment: '应由街道处理' }],
    [dispatcher, A.ESCALATE, S.REGISTERED, { comment: '上报街道' }],
    [dispatcher, A.DISPATCH, S.DISPATCHED, { department: 'STREET_OFFICE' }],
    [dispatcher, A.ACCEPT, S.ACCEPTED],
    [dispatcher, A.START, S.IN_PROGRESS],
    [dispatcher, A.SUSPEND, S.SUSPENDED, { comment: '等待施工' }],
  ],
};

describe('the event workflow: every legal path', () => {
  const taken = new Set<string>();

  for (const [name, steps] of Object.entries(PATHS)) {
    it(`walks ${name}, one timeline entry per move, one version per move`, async () => {
      const { event, moves } = await walk(steps);
      for (const [action, from] of moves) taken.add(`${action} ${from}`);
      expect(event.version).toBe(steps.length + 1);
      expect(event.timeline).toEqual(timelineOf(steps));
    });
  }

  it('took every move of the workflow table between them', () => {
    // REDO (回访不满意重办) is recordFollowUp's, walked in tests/grid-loop.test.ts
    const table = Object.entries(WORKFLOW)
      .filter(([, t]) => !t.byFollowUp)
      .flatMap(([action, t]) => t.from.map((from) => `${action} ${from}`));
    expect([...taken].sort()).toEqual(table.sort());
  });

  it('escalates to the next region level each time, and a department signs for an event only once dispatched to it', async () => {
    const reported = (await reportEvent(worker, reportOf(building.id))).data.reportEvent;
    const registered = (await move(dispatcher, reported, A.REGISTER)).data.transitionEvent;
    expect(registered.handlingRegion).toEqual({ id: grid.id });
    const escalated = (await move(dispatcher, registered, A.ESCALATE, { comment: '需社区协调' })).data.transitionEvent;
    expect(escalated.handlingRegion).toEqual({ id: community.id });
    // not dispatched to civil affairs: for civil affairs it does not exist
    expect(await move(civilAffairs, escalated, A.ACCEPT)).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: `Event ${reported.id} does not exist or is outside your data scope`,
          path: ['transitionEvent'],
          extensions: { code: 'NOT_FOUND', id: reported.id, serviceName: 'grid' },
        },
      ],
    });
    const dispatched = (await move(dispatcher, escalated, A.DISPATCH, { department: 'CIVIL_AFFAIRS' })).data
      .transitionEvent;
    expect((await move(civilAffairs, dispatched, A.ACCEPT)).data.transitionEvent.status).toBe('ACCEPTED');
  });
});

describe('the event workflow: every illegal move', () => {
  /** one event in each state, by the shortest legal path there */
  const WAYS: Record<EventStatus, Step[]> = {
    REPORTED: [],
    REGISTERED: PATHS['the closed loop, handled by civil affairs'].slice(0, 1),
    REJECTED: PATHS['not a case'],
    DISPATCHED: PATHS['the closed loop, handled by civil affairs'].slice(0, 2),
    RETURNED: PATHS[
      'returned by public security, re-dispatched to housing (the desk records an outside department’s answers), suspended, reopened on site'
    ].slice(0, 3),
    ACCEPTED: PATHS['the closed loop, handled by civil affairs'].slice(0, 3),
    IN_PROGRESS: PATHS['the closed loop, handled by civil affairs'].slice(0, 4),
    SUSPENDED: PATHS[
      'returned by public security, re-dispatched to housing (the desk records an outside department’s answers), suspended, reopened on site'
    ].slice(0, 6),
    RESOLVED: PATHS['the closed loop, handled by civil affairs'].slice(0, 5),
    VERIFIED: PATHS['the closed loop, handled by civil affairs'].slice(0, 6),
    CLOSED: PATHS['the closed loop, handled by civil affairs'],
  };

  it('refuses every action the table does not allow from each state with INVALID_TRANSITION, and changes nothing', async () => {
    const refused: string[] = [];
    const expected: string[] = [];
    for (const [status, steps] of Object.entries(WAYS) as [EventStatus, Step[]][]) {
      const { event } = await walk(steps);
      expect(event.status).toBe(status);
      for (const action of Object.values(EventAction)) {
        if (WORKFLOW[action].from.includes(status)) continue;
        expected.push(`${status} ${action} INVALID_TRANSITION`);
        const res = await move(dispatcher, event, action, {
          comment: '试一试',
          ...(action === A.DISPATCH ? { department: 'HOUSING' } : {}),
        });
        refused.push(`${status} ${action} ${res.errors?.[0]?.extensions?.code}`);
      }
      const [row] = await gridSql('select status, version from event where id = $1', [event.id]);
      expect(row).toEqual({ status, version: event.version });
    }
    expect(refused).toEqual(expected);
    expect(expected).toHaveLength(11 * 14 - 18);
  });

  it('says what the state is, where the action moves from and what is possible instead', async () => {
    const { event } = await walk([]);
    expect(await move(dispatcher, event, A.CLOSE)).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: `event ${event.id} is REPORTED: CLOSE is possible only from VERIFIED (possible from REPORTED: REGISTER, REJECT)`,
          path: ['transitionEvent'],
          extensions: {
            code: 'INVALID_TRANSITION',
            status: 'REPORTED',
            action: 'CLOSE',
            allowed: ['REGISTER', 'REJECT'],
            serviceName: 'grid',
          },
        },
      ],
    });
  });

  it('lets only the party the table names take a move (FORBIDDEN otherwise), and needs the reason where the table asks for one', async () => {
    const { event } = await walk(PATHS['the closed loop, handled by civil affairs'].slice(0, 2));
    expect((await move(worker, event, A.ACCEPT)).errors?.[0]).toEqual({
      message: 'ACCEPT (签收) is for the department the event is dispatched to; GRID:GRID_WORKER may not take it',
      path: ['transitionEvent'],
      extensions: { code: 'FORBIDDEN', serviceName: 'grid' },
    });
    expect((await move(civilAffairs, event, A.RETURN)).errors?.[0]).toEqual({
      message: 'RETURN (退回) needs a comment saying why',
      path: ['transitionEvent'],
      extensions: { code: 'BAD_USER_INPUT', field: 'comment', serviceName: 'grid' },
    });
    const { event: registered } = await walk(PATHS['the closed loop, handled by civil affairs'].slice(0, 1));
    expect((await move(dispatcher, registered, A.DISPATCH, { department: 'NOWHERE' })).errors?.[0]?.extensions).toEqual(
      { code: 'BAD_USER_INPUT', field: 'department', serviceName: 'grid' },
    );
  });
});

describe('two people moving one event at once', () => {
  it('applies exactly one move; the other gets CONFLICT; the timeline holds one entry', async () => {
    const { event } = await walk([]);
    const answers = await Promise.all([
      move(dispatcher, event, A.REGISTER),
      move({ ...dispatcher, subject: 'dispatcher-2' }, event, A.REJECT, { comment: '重复上报' }),
    ]);
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? a.data.transitionEvent.status).sort();
    expect([
      ['CONFLICT', 'REGISTERED'],
      ['CONFLICT', 'REJECTED'],
    ]).toContainEqual(codes);
    const rows = await gridSql(
      'select count(*)::int as moves from event_transition where event_id = $1 and action is not null',
      [event.id],
    );
    expect(rows).toEqual([{ moves: 1 }]);
    expect(await gridSql('select version from event where id = $1', [event.id])).toEqual([{ version: 2 }]);
  });

  it('refuses a move from a version the event has left (CONFLICT)', async () => {
    const { event } = await walk(PATHS['the closed loop, handled by civil affairs'].slice(0, 1));
    const stale = { id: event.id, version: 1 };
    expect((await move(dispatcher, stale, A.DISPATCH, { department: 'HOUSING' })).errors?.[0]).toEqual({
      message: `event ${event.id} was changed meanwhile: it is at version 2 (REGISTERED), you sent 1; reload it and try again`,
      path: ['transitionEvent'],
      extensions: { code: 'CONFLICT', serviceName: 'grid' },
    });
  });
});

describe('reporting an event', () => {
  it('answers a retry with the same idempotency key with the same event, also when both arrive at once', async () => {
    const input = reportOf(building.id);
    const [first, second] = await Promise.all([reportEvent(worker, input, 'id'), reportEvent(worker, input, 'id')]);
    const third = await reportEvent(worker, input, 'id');
    expect(second.data).toEqual(first.data);
    expect(third.data).toEqual(first.data);
    expect(
      await gridSql('select count(*)::int as events from event where idempotency_key = $1', [input.idempotencyKey]),
    ).toEqual([{ events: 1 }]);
  });

  it('refuses the same key for a different report (CONFLICT)', async () => {
    const input = reportOf(building.id);
    const first = (await reportEvent(worker, input, 'id')).data.reportEvent;
    expect((await reportEvent(worker, { ...input, title: '另一件事' }, 'id')).errors?.[0]).toEqual({
      message: `idempotencyKey "${input.idempotencyKey}" was used for another report (event ${first.id}); use a new key for a new report`,
      path: ['reportEvent'],
      extensions: { code: 'CONFLICT', serviceName: 'grid' },
    });
  });

  it('refuses a report outside the reporter’s grid like a region that does not exist', async () => {
    const elsewhere = nthGrid(2).buildings[0];
    const res = await reportEvent(worker, reportOf(elsewhere.id), 'id');
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(
      await gridSql('select count(*)::int as events from event where building_id = $1 and reporter_subject = $2', [
        elsewhere.id,
        worker.subject,
      ]),
    ).toEqual([{ events: 0 }]);
  });

  it('lets no department but grid report (FORBIDDEN)', async () => {
    expect((await reportEvent(civilAffairs, reportOf(building.id), 'id')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the timeline', () => {
  it('is append-only: the database refuses to change or remove an entry', async () => {
    const { event } = await walk(PATHS['not a case']);
    await expect(
      gridSql(`update event_transition set comment = 'rewritten' where event_id = $1`, [event.id]),
    ).rejects.toThrow(/append-only: UPDATE is not allowed/);
    await expect(gridSql('delete from event_transition where event_id = $1', [event.id])).rejects.toThrow(
      /append-only: DELETE is not allowed/,
    );
  });

  it('is what a department’s inbox shows of the events dispatched to it', async () => {
    const { event } = await walk(PATHS['the closed loop, handled by civil affairs'].slice(0, 2));
    const inbox = await as(civilAffairs).data(
      `{ eventInbox(first: 100) { totalCount nodes { id department status } } }`,
    );
    expect(inbox.eventInbox.nodes).toContainEqual({ id: event.id, department: 'CIVIL_AFFAIRS', status: 'DISPATCHED' });
    expect(inbox.eventInbox.nodes.every((n: any) => n.department === 'CIVIL_AFFAIRS')).toBe(true);
  });
});

describe('the assessment figures (考核)', () => {
  it('count per department the events received, closed (on time), returned in a period, and those overdue now', async () => {
    // a micro-grid no other test reports in
    const last = buildings.find((b) => b.microGridId !== building.microGridId)!;
    const since = new Date(Date.now() - 1000);
    await walk(PATHS['the closed loop, handled by civil affairs'], last);
    await walk(
      PATHS[
        'returned by public security, re-dispatched to housing (the desk records an outside department’s answers), suspended, reopened on site'
      ],
      last,
    );
    const now = new Date();
    const overdueSeeded = (code: string) =>
      eventRows(testWorld(), now).events.filter(
        (e) => e.regionId === last.microGridId && e.department === code && e.stepDeadline && e.stepDeadline < now,
      ).length;
    const answer = await as(dispatcher).data(
      `query ($r: ID!, $from: DateTimeISO!, $to: DateTimeISO!) { eventFigures(regionId: $r, from: $from, to: $to) { department received closed closedOnTime overdue returned } }`,
      {
        r: last.microGridId,
        from: since.toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      },
    );
    const figures = Object.fromEntries(answer.eventFigures.map(({ department, ...f }: any) => [department, f]));
    expect({
      CIVIL_AFFAIRS: figures.CIVIL_AFFAIRS,
      PUBLIC_SECURITY: figures.PUBLIC_SECURITY,
      HOUSING: figures.HOUSING,
    }).toEqual({
      CIVIL_AFFAIRS: { received: 1, closed: 1, closedOnTime: 1, overdue: overdueSeeded('CIVIL_AFFAIRS'), returned: 0 },
      PUBLIC_SECURITY: {
        received: 1,
        closed: 0,
        closedOnTime: 0,
        overdue: overdueSeeded('PUBLIC_SECURITY'),
        returned: 1,
      },
      HOUSING: { received: 1, closed: 1, closedOnTime: 1, overdue: overdueSeeded('HOUSING'), returned: 0 },
    });
  });
});

describe('who sees which events', () => {
  /** a resident of the building the tests report in */
  const resident = () => {
    const household = testWorld().households.find((h) => h.buildingId === building.id)!;
    return testWorld().residents.find((r) => r.householdId === household.id)!.id;
  };

  it('shows a department, on a resident, only the events dispatched to it; grid staff see them all', async () => {
    const id = resident();
    const kept = (await reportEvent(worker, reportOf(building.id, { residentIds: [id] }), 'id status version')).data
      .reportEvent;
    const sent = (await reportEvent(worker, reportOf(building.id, { residentIds: [id] }), 'id status version')).data
      .reportEvent;
    const registered = (await move(dispatcher, sent, A.REGISTER)).data.transitionEvent;
    await move(dispatcher, registered, A.DISPATCH, { department: 'CIVIL_AFFAIRS' });
    const seededNaming = eventRows(testWorld(), new Date())
      .events.filter((e) => e.residentIds.includes(id))
      .map((e) => e.id);
    const EVENTS = `query ($id: ID!) { resident(id: $id) { events { id } } }`;
    expect(await as(civilAffairs).data(EVENTS, { id })).toEqual({ resident: { events: [{ id: sent.id }] } });
    const all = (await as(dispatcher).data(EVENTS, { id })).resident.events.map((e: { id: string }) => e.id);
    expect([...all].sort()).toEqual([kept.id, sent.id, ...seededNaming].sort());
  });

  it('answers an event a department is no party to like one that does not exist, and audits the refusal', async () => {
    const other = (await reportEvent(worker, reportOf(building.id), 'id')).data.reportEvent;
    expect(
      await as(civilAffairs).graphql(`query ($id: ID!) { event(id: $id) { id title } }`, { id: other.id }),
    ).toEqual({
      status: 200,
      data: { event: null },
      errors: [
        {
          message: `Event ${other.id} does not exist or is outside your data scope`,
          path: ['event'],
          extensions: { code: 'NOT_FOUND', id: other.id, serviceName: 'grid' },
        },
      ],
    });
    const refusals = await gridSql(
      `select count(*)::int as n from audit_log where actor = $1 and record_type = 'Event' and outcome = 'DENIED' and $2 = any(record_ids)`,
      ['test-civil_affairs-caseworker', other.id],
    );
    expect(refusals).toEqual([{ n: 1 }]);
  });

  it('gives the statistics office no event at all', async () => {
    const analyst: Caller = { department: 'ANALYTICS', role: 'ANALYST' };
    expect(await as(analyst).data(`{ events(first: 5) { totalCount nodes { id } } }`)).toEqual({
      events: { totalCount: 0, nodes: [] },
    });
  });
});

describe('time limits', () => {
  it('marks the step a move ends late when it was past its deadline, and counts it on the event', async () => {
    const now = new Date();
    const first = new Set(
      testWorld()
        .regions.filter((r) => r.parentId === nthGrid(0).grid.id)
        .map((r) => r.id),
    );
    const late = eventRows(testWorld(), now).events.find(
      (e) => e.status === 'DISPATCHED' && e.stepDeadline! < now && !first.has(e.regionId),
    )!;
    const byDepartment: Record<string, Caller> = {
      CIVIL_AFFAIRS: civilAffairs,
      PUBLIC_SECURITY: police,
      POPULATION: { department: 'POPULATION', role: 'CLERK', purpose: '事件处置' },
    };
    const answer = await as(byDepartment[late.department!] ?? dispatcher).data(
      `mutation ($input: TransitionEventInput!) { transitionEvent(input: $input) { status lateSteps overdue timeline { action late } } }`,
      { input: { id: late.id, version: late.version, action: 'ACCEPT' } },
    );
    expect(answer.transitionEvent).toEqual({
      status: 'ACCEPTED',
      lateSteps: 1,
      overdue: false,
      timeline: [
        { action: null, late: false },
        { action: 'REGISTER', late: false },
        { action: 'DISPATCH', late: false },
        { action: 'ACCEPT', late: true },
      ],
    });
  });
});

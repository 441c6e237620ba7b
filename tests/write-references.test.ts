import { randomUUID } from 'node:crypto';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { as, gridWorkerOf } from './support/callers';
import { gridSql, nthGrid, reportEvent, reportOf } from './support/grid';
import { testWorld } from './support/world';

/**
 * References in a write are checked against the caller's scope and against their owner before anything is committed
 * (issue 20, item 3): a grid worker cannot link a resident of another grid, or an id nobody issued, to an event.
 */
const world = testWorld();
const mine = nthGrid(2);
const theirs = nthGrid(3);
const worker = { ...gridWorkerOf(mine.grid.id), subject: `references-${process.pid}`, purpose: '入户走访 2026-12' };
const building = mine.buildings[0];
const neighbour = mine.households.map((h) => mine.residentsOf(h.id)[0]).find(Boolean)!;
const stranger = theirs.households.map((h) => theirs.residentsOf(h.id)[0]).find(Boolean)!;

const eventsNaming = (residentId: string) =>
  gridSql<{ n: number }>(
    'select count(*)::int as n from event where $1 = any(resident_ids) and reporter_subject = $2',
    [residentId, worker.subject],
  );
const deniedRows = (residentId: string) =>
  gridSql<{ n: number }>(
    `select count(*)::int as n from audit_log where actor = $1 and record_type = 'Resident' and outcome = 'DENIED' and $2 = any(record_ids)`,
    [worker.subject, residentId],
  );

describe('a report names only residents its reporter may see', () => {
  it.each([
    ['a resident of another grid', () => stranger.id],
    ['an id no department issued', () => randomUUID()],
  ])('refuses %s like a missing record, commits nothing and audits the refusal', async (_what, residentOf) => {
    const residentId = residentOf();
    const res = await reportEvent(worker, reportOf(building.id, { residentIds: [neighbour.id, residentId] }), 'id');
    expect(res).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: `Resident ${residentId} does not exist or is outside your data scope`,
          path: ['reportEvent'],
          extensions: { code: 'NOT_FOUND', id: residentId, serviceName: 'grid' },
        },
      ],
    });
    expect(await eventsNaming(residentId)).toEqual([{ n: 0 }]);
    expect(await deniedRows(residentId)).toEqual([{ n: 1 }]);
  });

  it('takes a resident of the reporter’s own grid, and answers the committed event (never null)', async () => {
    const res = await reportEvent(
      worker,
      reportOf(building.id, { residentIds: [neighbour.id] }),
      'id residents { id }',
    );
    expect(res).toEqual({
      status: 200,
      data: { reportEvent: { id: expect.any(String), residents: [{ id: neighbour.id }] } },
    });
    expect(await eventsNaming(neighbour.id)).toEqual([{ n: 1 }]);
  });
});

describe('a visit names only residents of the visited household and the caller’s scope', () => {
  const { staff, links } = staffRows(world);
  const staffId = workerOfGrid(staff, links).get(mine.grid.id)!;
  const household = mine.households.find(
    (h) => mine.residentsOf(h.id).length > 0 && !mine.residentsOf(h.id).some((r) => r.id === neighbour.id),
  )!;
  const RECORD = 'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { id } }';
  const visit = (extra: Record<string, unknown>) => ({
    idempotencyKey: randomUUID(),
    householdId: household.id,
    staffId,
    kind: 'ROUTINE',
    findings: '一切正常',
    ...extra,
  });
  const visits = () =>
    gridSql<{ n: number }>('select count(*)::int as n from visit where household_id = $1 and recorded_by = $2', [
      household.id,
      worker.subject,
    ]);

  it('refuses a resident met who is not a member of the household, and writes nothing', async () => {
    const res = await as(worker).graphql(RECORD, { input: visit({ residentId: neighbour.id }) });
    expect(res.errors).toEqual([
      {
        message: `resident ${neighbour.id} is not a member of household ${household.id}`,
        path: ['recordVisit'],
        extensions: { code: 'BAD_USER_INPUT', field: 'residentId', serviceName: 'grid' },
      },
    ]);
    expect(await visits()).toEqual([{ n: 0 }]);
  });

  it('refuses an event raised about a resident of another grid like a missing record, and writes neither the visit nor the event', async () => {
    const raiseEvent = {
      category: 'DISPUTE',
      title: '邻里纠纷',
      description: '与邻居发生争执',
      residentIds: [stranger.id],
    };
    const res = await as(worker).graphql(RECORD, { input: visit({ raiseEvent }) });
    expect(res.errors).toEqual([
      {
        message: `Resident ${stranger.id} does not exist or is outside your data scope`,
        path: ['recordVisit'],
        extensions: { code: 'NOT_FOUND', id: stranger.id, serviceName: 'grid' },
      },
    ]);
    expect(await visits()).toEqual([{ n: 0 }]);
    expect(await eventsNaming(stranger.id)).toEqual([{ n: 0 }]);
  });
});

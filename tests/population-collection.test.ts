/**
 * 一次采集, population's side (issue 22 items 1 and 3): collectAtHousehold decides each collected item under the
 * collection rules (DIRECT applied with a history row naming the collector and the visit, PROPOSE queued in the
 * worklist, NONE and bad values refused with a reason), idempotently; the registry's worklist verifies (applies) or
 * rejects (the collector reads why), with counts per grid. Expected answers come from population's database.
 */
import { randomUUID } from 'node:crypto';
import { addDays, startOfDay, today } from '../lib/calendar';
import { idNumberFor, registerOwnResident } from './support/residents';
import { visitIdFor } from '../lib/collection/visit-id';
import { as, type Caller, gridWorkerOf, registrar } from './support/callers';
import { nthGrid } from './support/grid';
import { ownerSql } from './support/hub';

const { grid, households } = nthGrid(1);
const other = nthGrid(2);
const worker: Caller = { ...gridWorkerOf(grid.id), purpose: '入户采集 2026-12' };
const clerk: Caller = { department: 'POPULATION', role: 'CLERK' };
// the grid's last household: other files visit and count its first ones
const household = households[households.length - 1];
/** a resident of another grid */
const stranger = other.households.flatMap((h) => other.residentsOf(h.id))[0].id;

const COLLECT = `mutation($h: ID!, $key: String!, $at: DateTimeISO, $c: PopulationCollectionInput!, $named: [ID!]) {
  collectAtHousehold(householdId: $h, idempotencyKey: $key, visitedAt: $at, collected: $c, namedResidentIds: $named) {
    visitId household { id building { id communityCode } members { id } } visibleResidentIds
    parts { department part outcome reason worklistItemId recordId } } }`;
const CHANGE = `query($id: ID!) { collectedChange(id: $id) {
  id kind field proposedValue status reason collectedBy visitId decidedBy overdue dueOn
  resident { id } household { id } arrival { name idNumber movedInOn } departure { kind on } } }`;
const VERIFY = `mutation($id: ID!, $key: String, $reg: ArrivalRegistrationInput) {
  verifyCollectedChange(id: $id, idempotencyKey: $key, registration: $reg) { id status decidedBy resident { id } } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectCollectedChange(id: $id, reason: $reason) { id status reason } }`;
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id } }';

const mine: string[] = [];
/** A resident of our own, registered into the household (taken off the register again at the end). */
async function newMember(i: number): Promise<string> {
  const id = await registerOwnResident(household.id, {
    name: `采集测试${i}`,
    birthDate: `196${i}-0${1 + i}-1${i}`,
    gender: i % 2 ? 'MALE' : 'FEMALE',
    collectedBy: 'collection-test',
  });
  mine.push(id);
  return id;
}

const collect = (caller: Caller, variables: Record<string, unknown>) => as(caller).graphql(COLLECT, variables);
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
const historyOf = (residentId: string) =>
  ownerSql(
    'population',
    `select kind, field, to_value, changed_by, collected_by, visit_id from resident_change
      where resident_id = $1 and kind <> 'REGISTERED' order by field`,
    [residentId],
  );

describe('collectAtHousehold (一次采集, population’s part)', () => {
  let members: string[];
  let visitedAt: Date;
  const key = randomUUID();
  const arrivalIdNumber = idNumberFor('1990-01-01', 'MALE');
  let first: any;
  const collected = () => ({
    facts: [
      { residentId: members[0], field: 'phone', value: '13912345678' },
      { residentId: members[0], field: 'maritalStatus', value: 'MARRIED' },
      { residentId: members[0], field: 'politicalStatus', value: 'CPC_MEMBER' },
      { residentId: members[1], field: 'employmentStatus', value: 'WORKING_HARD' },
      {
        residentId: stranger,
        field: 'phone',
        value: '13900000000',
      },
      { residentId: members[1], field: 'livingArrangement', value: 'ALONE' },
    ],
    arrivals: [
      { name: '新住户', idNumber: '110108199001011234', movedInOn: '2026-11-01' },
      { name: '新住户', idNumber: arrivalIdNumber, relationCode: '99', movedInOn: '2026-11-01' },
    ],
    departures: [
      { residentId: members[2], kind: 'MOVED_OUT', on: '2026-09-01' },
      { residentId: members[2], kind: 'MOVED_OUT', on: today() },
    ],
    confirmFacts: true,
  });

  beforeAll(async () => {
    members = [await newMember(1), await newMember(2), await newMember(3)];
    // after the registrations: a visit confirms facts registered before it
    visitedAt = new Date();
  });

  afterAll(async () => {
    for (const id of mine)
      await as(registrar).graphql(MOVE_OUT, { id, input: { movedOutOn: today(), deceased: true } });
  });

  it('decides each part under the collection rules, in input order: DIRECT applied, PROPOSE pending, NONE and bad values refused', async () => {
    const res = await collect(worker, {
      h: household.id,
      key,
      at: visitedAt.toISOString(),
      c: collected(),
      named: [members[0], stranger],
    });
    expect(res.errors).toBeUndefined();
    first = res.data!.collectAtHousehold;
    const pending = (part: string, recordId: string | null) => ({
      department: 'POPULATION',
      part,
      outcome: 'PENDING_VERIFICATION',
      reason: null,
      worklistItemId: expect.any(String),
      recordId,
    });
    const applied = (part: string, recordId: string) => ({
      department: 'POPULATION',
      part,
      outcome: 'APPLIED',
      reason: null,
      worklistItemId: null,
      recordId,
    });
    const refused = (part: string, reason: string) => ({
      department: 'POPULATION',
      part,
      outcome: 'REFUSED',
      reason: expect.stringContaining(reason),
      worklistItemId: null,
      recordId: null,
    });
    const dbMembers = await ownerSql<{ id: string }>(
      'population',
      `select id from resident where household_id = $1 and status = 'ACTIVE' order by id`,
      [household.id],
    );
    expect({ ...first, household: { ...first.household, members: [...first.household.members].sort(byId) } }).toEqual({
      visitId: visitIdFor(worker.subject!, key),
      household: {
        id: household.id,
        building: { id: household.buildingId, communityCode: expect.any(String) },
        members: dbMembers,
      },
      visibleResidentIds: [members[0]],
      parts: [
        applied('facts[0] phone', members[0]),
        pending('facts[1] maritalStatus', members[0]),
        refused('facts[2] politicalStatus', 'not collected on visits'),
        refused('facts[3] employmentStatus', 'is not one of'),
        refused('facts[4] phone', 'is not an active member of this household'),
        applied('facts[5] livingArrangement', members[1]),
        refused('arrivals[0]', 'check character'),
        pending('arrivals[1]', null),
        refused('departures[0]', 'before the day the resident moved in'),
        pending('departures[1]', members[2]),
        applied('confirmFacts', household.id),
      ],
    });
  });

  it('writes the DIRECT facts with history rows naming the collector and the visit, and moves the members’ verification to the visit', async () => {
    const [resident] = await ownerSql(
      'population',
      'select phone, marital_status, political_status, last_verified_at from resident where id = $1',
      [members[0]],
    );
    expect(resident).toEqual({
      phone: '13912345678',
      marital_status: null,
      political_status: null,
      last_verified_at: visitedAt,
    });
    const via = { changed_by: worker.subject, collected_by: worker.subject, visit_id: first.visitId };
    expect(await historyOf(members[0])).toEqual([
      { kind: 'VERIFIED', field: 'lastVerifiedAt', to_value: visitedAt.toISOString(), ...via },
      { kind: 'FACT', field: 'phone', to_value: '13912345678', ...via },
    ]);
  });

  it('answers a retry with the same key and content the same, applying nothing twice; other content under the key is CONFLICT', async () => {
    const rows = async () =>
      (
        await ownerSql(
          'population',
          `select (select count(*)::int from resident_change where visit_id = $1) as history,
                  (select count(*)::int from collected_change where visit_id = $1) as worklist`,
          [first.visitId],
        )
      )[0];
    const before = await rows();
    const again = await collect(worker, {
      h: household.id,
      key,
      at: visitedAt.toISOString(),
      c: collected(),
      named: [members[0], stranger],
    });
    expect({ errors: again.errors, parts: again.data?.collectAtHousehold.parts }).toEqual({
      errors: undefined,
      parts: first.parts,
    });
    expect(await rows()).toEqual(before);
    expect(before).toEqual({ history: 2 + dbMemberCount(first), worklist: 3 });
    const other_ = await collect(worker, {
      h: household.id,
      key,
      at: visitedAt.toISOString(),
      c: { confirmFacts: true },
    });
    expect(codes(other_)).toEqual(['CONFLICT']);
  });

  it('answers an empty collection with the household (grid records every visit through it)', async () => {
    const res = await collect(worker, { h: household.id, key: randomUUID(), c: {} });
    expect(res.data?.collectAtHousehold).toMatchObject({ household: { id: household.id }, parts: [] });
  });

  it('is grid staff’s, for a household in their scope: outside it and missing alike NOT_FOUND; the registry FORBIDDEN', async () => {
    const outside = await collect(worker, { h: other.households[0].id, key: randomUUID(), c: {} });
    const missing = await collect(worker, { h: randomUUID(), key: randomUUID(), c: {} });
    const registry = await collect({ ...registrar, purpose: 'x' }, { h: household.id, key: randomUUID(), c: {} });
    expect([codes(outside), codes(missing), codes(registry)]).toEqual([['NOT_FOUND'], ['NOT_FOUND'], ['FORBIDDEN']]);
    expect(outside.errors![0].message.replace(other.households[0].id, 'X')).toBe(
      missing.errors![0].message.replace(/[0-9a-f-]{36}/, 'X'),
    );
  });

  describe('the registry’s worklist (待核实事项)', () => {
    const partOf = (name: string) => first.parts.find((p: { part: string }) => p.part === name).worklistItemId;

    it('lists the pending changes of the building for registry staff, paged with a total', async () => {
      const { collectedChanges } = await as(clerk).data(
        `query($f: CollectedChangeFilter) { collectedChanges(filter: $f, first: 100) { totalCount nodes { id kind status } } }`,
        { f: { status: 'PENDING', buildingId: household.buildingId } },
      );
      const want = await ownerSql(
        'population',
        `select id, kind, status from collected_change where building_id = $1 and status = 'PENDING' order by id`,
        [household.buildingId],
      );
      expect(collectedChanges).toEqual({ totalCount: want.length, nodes: want });
      expect(want.length).toBeGreaterThanOrEqual(3);
      const denied = await as(worker).graphql('{ collectedChanges(first: 1) { totalCount } }');
      expect(codes(denied)).toEqual(['FORBIDDEN']);
    });

    it('verifies a fact: applied, with a history row naming the collector, the visit and the verifier; a second verify is INVALID_TRANSITION', async () => {
      const id = partOf('facts[1] maritalStatus');
      const verifyKey = randomUUID();
      const verified = await as(registrar).data(VERIFY, { id, key: verifyKey });
      expect(verified.verifyCollectedChange).toEqual({
        id,
        status: 'APPLIED',
        decidedBy: 'test-population-registrar',
        resident: { id: members[0] },
      });
      // the registrar's own retry answers the decision
      expect((await as(registrar).data(VERIFY, { id, key: verifyKey })).verifyCollectedChange.status).toBe('APPLIED');
      const again = await as(clerk).graphql(VERIFY, { id });
      expect({ codes: codes(again), ext: again.errors?.[0].extensions?.status }).toEqual({
        codes: ['INVALID_TRANSITION'],
        ext: 'APPLIED',
      });
      const rows = await historyOf(members[0]);
      expect(rows.filter((r) => r.field === 'maritalStatus')).toEqual([
        {
          kind: 'FACT',
          field: 'maritalStatus',
          to_value: 'MARRIED',
          changed_by: 'test-population-registrar',
          collected_by: worker.subject,
          visit_id: first.visitId,
        },
      ]);
    });

    it('verifies an arrival: the registrar registers the person into the household', async () => {
      const id = partOf('arrivals[1]');
      const missing = await as(registrar).graphql(VERIFY, { id });
      expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
      const { verifyCollectedChange } = await as(registrar).data(VERIFY, {
        id,
        reg: { ethnicityCode: '01', residenceStatus: 'FLOATING' },
      });
      mine.push(verifyCollectedChange.resident.id);
      const [row] = await ownerSql(
        'population',
        'select name, household_id, residence_status, collected_by from resident where id = $1',
        [verifyCollectedChange.resident.id],
      );
      expect(row).toEqual({
        name: '新住户',
        household_id: household.id,
        residence_status: 'FLOATING',
        collected_by: worker.subject,
      });
    });

    it('rejects a departure with a reason the collector reads; another grid’s worker cannot read it', async () => {
      const id = partOf('departures[1]');
      const rejected = await as(clerk).data(REJECT, { id, reason: '经核实该居民仍在此居住' });
      expect(rejected.rejectCollectedChange).toEqual({ id, status: 'REJECTED', reason: '经核实该居民仍在此居住' });
      const seen = await as(worker).data(CHANGE, { id });
      expect(seen.collectedChange).toMatchObject({
        kind: 'DEPARTURE',
        status: 'REJECTED',
        reason: '经核实该居民仍在此居住',
        collectedBy: worker.subject,
        visitId: first.visitId,
        decidedBy: 'test-population-clerk',
        departure: { kind: 'MOVED_OUT', on: today() },
      });
      const [status] = await ownerSql('population', 'select status from resident where id = $1', [members[2]]);
      expect(status).toEqual({ status: 'ACTIVE' });
      const outsider = await as({ ...gridWorkerOf(other.grid.id), purpose: '入户采集' }).graphql(CHANGE, { id });
      expect(codes(outsider)).toEqual(['NOT_FOUND']);
      expect(codes(await as(clerk).graphql(REJECT, { id, reason: ' ' }))).toEqual(['BAD_USER_INPUT']);
    });

    it('counts pending and overdue changes per grid: a change collected weeks ago is overdue', async () => {
      const longAgo = new Date(startOfDay(addDays(today(), -30)).getTime() + 10 * 3600_000);
      const old = await collect(worker, {
        h: household.id,
        key: randomUUID(),
        at: longAgo.toISOString(),
        c: { facts: [{ residentId: members[1], field: 'name', value: '采集测试二' }] },
      });
      const oldId = old.data!.collectAtHousehold.parts[0].worklistItemId;
      expect((await as(registrar).data(CHANGE, { id: oldId })).collectedChange).toMatchObject({
        overdue: true,
        proposedValue: '采集测试二',
      });
      const { region } = await as(registrar).data(
        'query($id: ID!) { region(id: $id) { collectedChangeCounts { pending overdue } } }',
        { id: grid.id },
      );
      const buildings = [...new Set(households.map((h) => h.buildingId))];
      const [want] = await ownerSql(
        'population',
        `select count(*)::int as pending, count(*) filter (where due_on < $2::date)::int as overdue
           from collected_change where status = 'PENDING' and building_id = any($1::uuid[])`,
        [buildings, today()],
      );
      expect(region.collectedChangeCounts).toEqual(want);
      expect(want.overdue).toBeGreaterThanOrEqual(1);
    });
  });
});

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
const dbMemberCount = (answer: { household: { members: unknown[] } }) => answer.household.members.length;

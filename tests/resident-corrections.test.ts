/**
 * Corrections (申请更正, PIPL art. 46; issue 23 item 3) through the gateway: a resident of the test's own files a
 * correction of their register entry, it waits in population's worklist with its due date, a registrar accepts it
 * (applied with its history row, the entry's version bumped) or rejects it with a reason the resident reads.
 */
import { randomUUID } from 'node:crypto';
import { addWorkingDays, today } from '../lib/calendar';
import { as, caseworker, registrar } from './support/callers';
import { asResident, filedCorrection } from './support/residents';
import { nthGrid } from './support/grid';
import { ownerSql } from './support/hub';
import { registerOwnResident } from './support/residents';

const { households } = nthGrid(2);
// the grid's last household: other files count its first ones
const household = households[households.length - 1];

const FIELDS = `id trackingCode department fact label residentId currentValue requestedValue reason status
  dueOn overdue decisionReason decidedAt version`;
const FILE = `mutation($input: FileCorrectionInput!) { populationFileCorrection(input: $input) { ${FIELDS} } }`;
const MINE = `query { populationCorrections { ${FIELDS} } }`;
const WORKLIST = `query($status: CorrectionStatus, $after: String) {
  populationCorrectionWorklist(status: $status, first: 100, after: $after) {
    nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`;
const DECIDE = `mutation($input: DecideCorrectionInput!) { decidePopulationCorrection(input: $input) { ${FIELDS} } }`;
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id } }';

const mine: string[] = [];
async function newResident(i: number): Promise<string> {
  const id = await registerOwnResident(household.id, {
    name: `更正测试${i}`,
    birthDate: `1970-0${1 + i}-15`,
    gender: 'FEMALE',
    collectedBy: 'corrections-test',
  });
  mine.push(id);
  return id;
}

/** Every pending request of the worklist, paged to the end. */
async function worklist(caller = registrar): Promise<{ id: string }[]> {
  const all: { id: string }[] = [];
  for (let after: string | null = null; ; ) {
    const { populationCorrectionWorklist: page }: { populationCorrectionWorklist: any } = await as(caller).data(
      WORKLIST,
      { status: 'PENDING', after },
    );
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

const requestsOf = async (residentId: string) =>
  (
    await ownerSql<{ n: number }>(
      'population',
      'select count(*)::int as n from correction_request where resident_id = $1',
      [residentId],
    )
  )[0].n;

describe('corrections of a resident’s own record (申请更正)', () => {
  let me: string;
  let someoneElse: string;
  beforeAll(async () => {
    [me, someoneElse] = [await newResident(0), await newResident(1)];
    await as(registrar).data(
      'mutation($id: ID!, $input: UpdateResidentInput!) { updateResident(id: $id, input: $input) { id } }',
      {
        id: me,
        input: { phone: '13800138000' },
      },
    );
  });
  afterAll(async () => {
    for (const id of mine)
      await as(registrar).graphql(MOVE_OUT, { id, input: { movedOutOn: today(), deceased: true } });
  });

  const file = (residentId: string, input: Record<string, unknown>) =>
    asResident(residentId).graphql(FILE, { input: { idempotencyKey: randomUUID(), ...input } });

  it('is filed by the resident, listed in population’s worklist due in 15 working days, and applied on accept', async () => {
    const input = { idempotencyKey: randomUUID(), fact: 'phone', correctValue: '13911112222', reason: '号码已更换' };
    const filed = await asResident(me).graphql(FILE, { input });
    const request = filed.data?.populationFileCorrection;
    expect(filed).toEqual({
      status: 200,
      data: {
        populationFileCorrection: {
          id: request.id,
          trackingCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/),
          department: 'POPULATION',
          fact: 'phone',
          label: '联系电话 (phone)',
          residentId: me,
          currentValue: '13800138000',
          requestedValue: '13911112222',
          reason: '号码已更换',
          status: 'PENDING',
          dueOn: addWorkingDays(today(), 15),
          overdue: false,
          decisionReason: null,
          decidedAt: null,
          version: 1,
        },
      },
    });
    // the same form again answers the same request; the same key with other content is refused
    expect((await asResident(me).graphql(FILE, { input })).data?.populationFileCorrection).toEqual(request);
    const reused = await asResident(me).graphql(FILE, { input: { ...input, correctValue: '13911113333' } });
    expect(reused.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await requestsOf(me)).toBe(1);

    // in the registrar's worklist, masked as the registrar sees phones (whole), with its due day
    const listed = (await worklist()).find((r) => r.id === request.id);
    expect(listed).toEqual({ ...request, overdue: false });
    const [before] = await ownerSql<{ version: number }>('population', 'select version from resident where id = $1', [
      me,
    ]);

    const accepted = await as(registrar).data(DECIDE, {
      input: { id: request.id, version: request.version, decision: 'ACCEPT' },
    });
    expect(accepted.decidePopulationCorrection).toEqual({
      ...request,
      status: 'ACCEPTED',
      decidedAt: expect.any(String),
      version: 2,
    });
    const [after] = await ownerSql<{ version: number; phone: string }>(
      'population',
      'select version, phone from resident where id = $1',
      [me],
    );
    expect(after).toEqual({ version: before.version + 1, phone: '13911112222' });
    const history = await ownerSql(
      'population',
      "select field, from_value, to_value, changed_by from resident_change where resident_id = $1 and field = 'phone' order by at",
      [me],
    );
    expect(history.at(-1)).toEqual({
      field: 'phone',
      from_value: '13800138000',
      to_value: '13911112222',
      changed_by: 'test-population-registrar',
    });
    // the resident follows it to its end; deciding it again is refused
    const { data } = await asResident(me).graphql(MINE);
    expect(data.populationCorrections).toEqual([accepted.decidePopulationCorrection]);
    const again = await as(registrar).graphql(DECIDE, {
      input: { id: request.id, version: 2, decision: 'REJECT', reason: 'x' },
    });
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_TRANSITION']);
  });

  it('is rejected with a reason the resident reads; nobody else sees or decides it', async () => {
    const { data } = await file(me, { fact: 'education', correctValue: 'BACHELOR', reason: '已取得学位' });
    const request = data.populationFileCorrection;
    expect(request).toMatchObject({ status: 'PENDING', fact: 'education', requestedValue: 'BACHELOR' });

    // another resident: not in their list, and deciding it is not theirs (answered like a missing record)
    expect((await asResident(someoneElse).graphql(MINE)).data).toEqual({ populationCorrections: [] });
    const byResident = await asResident(someoneElse).graphql(DECIDE, {
      input: { id: request.id, version: 1, decision: 'ACCEPT' },
    });
    expect(byResident.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    // an official of another department may not decide population’s
    const byCaseworker = await as(caseworker).graphql(DECIDE, {
      input: { id: request.id, version: 1, decision: 'ACCEPT' },
    });
    expect(byCaseworker.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // a rejection needs its reason; a stale version is CONFLICT
    const noReason = await as(registrar).graphql(DECIDE, { input: { id: request.id, version: 1, decision: 'REJECT' } });
    expect(noReason.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.reason' }),
    ]);
    const stale = await as(registrar).graphql(DECIDE, {
      input: { id: request.id, version: 7, decision: 'REJECT', reason: '无学历证明' },
    });
    expect(stale.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);

    await as(registrar).data(DECIDE, {
      input: { id: request.id, version: 1, decision: 'REJECT', reason: '请携带学位证书到社区办理' },
    });
    const seen = (await asResident(me).graphql(MINE)).data.populationCorrections.find(
      (r: { id: string }) => r.id === request.id,
    );
    expect(seen).toEqual({
      ...request,
      status: 'REJECTED',
      decisionReason: '请携带学位证书到社区办理',
      decidedAt: expect.any(String),
      version: 2,
    });
    const [entry] = await ownerSql('population', 'select education from resident where id = $1', [me]);
    expect(entry).toEqual({ education: null });
  });

  it('refuses bad input with a stable code and writes nothing', async () => {
    const before = await requestsOf(someoneElse);
    const codes = async (input: Record<string, unknown>) =>
      (await file(someoneElse, input)).errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
    expect({
      unknownFact: await codes({ fact: 'shoeSize', correctValue: '42', reason: '错了' }),
      emptyReason: await codes({ fact: 'phone', correctValue: '13911112222', reason: '  ' }),
      badPhone: await codes({ fact: 'phone', correctValue: '12345', reason: '错了' }),
      badDate: await codes({ fact: 'birthDate', correctValue: '1970-02-30', reason: '错了' }),
      sameValue: await codes({ fact: 'name', correctValue: '更正测试1', reason: '错了' }),
    }).toEqual({
      unknownFact: [['BAD_USER_INPUT', 'input.fact']],
      emptyReason: [['BAD_USER_INPUT', 'input.reason']],
      badPhone: [['BAD_USER_INPUT', 'input.correctValue']],
      badDate: [['BAD_USER_INPUT', 'input.correctValue']],
      sameValue: [['BAD_USER_INPUT', 'input.correctValue']],
    });
    // an official cannot file on a resident's behalf
    const byOfficial = await as(registrar).graphql(FILE, {
      input: { idempotencyKey: randomUUID(), fact: 'phone', correctValue: '13911112222', reason: '错了' },
    });
    expect(byOfficial.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await requestsOf(someoneElse)).toBe(before);
  });

  it('is filed and followed at the resident desk, one entry point for every department', async () => {
    const facts = await asResident(someoneElse).graphql('{ correctableFacts { department fact label } }');
    expect(facts.data.correctableFacts).toContainEqual({
      department: 'POPULATION',
      fact: 'phone',
      label: '联系电话 (phone)',
    });
    const REQUEST = `mutation($input: CorrectionRequestInput!) { requestCorrection(input: $input) {
      id trackingCode department fact label currentValue requestedValue reason status filedAt dueOn overdue decisionReason decidedAt } }`;
    const input = {
      idempotencyKey: randomUUID(),
      department: 'POPULATION',
      fact: 'maritalStatus',
      correctValue: 'MARRIED',
      reason: '已登记结婚',
    };
    const { data } = await asResident(someoneElse).graphql(REQUEST, { input });
    expect(data.requestCorrection).toEqual(
      filedCorrection({
        department: 'POPULATION',
        fact: 'maritalStatus',
        label: '婚姻状况 (marital status)',
        currentValue: null,
        requestedValue: 'MARRIED',
        reason: '已登记结婚',
      }),
    );
    // the same form again: the same request
    expect((await asResident(someoneElse).graphql(REQUEST, { input })).data.requestCorrection).toEqual(
      data.requestCorrection,
    );
    const mineNow = await asResident(someoneElse).graphql('{ myCorrections { id status department } }');
    expect(mineNow.data.myCorrections).toContainEqual({
      id: data.requestCorrection.id,
      status: 'PENDING',
      department: 'POPULATION',
    });
    // a department that takes none, and an official at the desk
    const nowhere = await asResident(someoneElse).graphql(REQUEST, {
      input: { ...input, idempotencyKey: randomUUID(), department: 'GRID' },
    });
    expect(nowhere.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'input.department'],
    ]);
    const official = await as(registrar).graphql('{ myCorrections { id } }');
    expect(official.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

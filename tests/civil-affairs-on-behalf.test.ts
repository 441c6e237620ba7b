import { randomUUID } from 'node:crypto';
/** 代办 (issue 22 item 5): grid staff file applications on a resident's behalf; civil affairs decides them as ever. */
import { visitIdFor } from '../lib/collection/visit-id';
import { readTrackingCode } from '../subgraphs/civil-affairs/tracking-code';
import { as, auditorOf, type Caller, caseworker, gridWorkerOf } from './support/callers';
import { dispatcher } from './support/grid';
import { householdsWithoutCases, readyForApproval, reviewer } from './support/civil-affairs';
import { graphql, ownerSql } from './support/hub';
import { testWorld } from './support/world';

const world = testWorld();
/** The grid a household's building is in (its micro-grid's parent). */
function gridOf(householdId: string): string {
  const household = world.households.find((h) => h.id === householdId)!;
  const building = world.buildings.find((b) => b.id === household.buildingId)!;
  return world.regions.find((r) => r.id === building.microGridId)!.parentId!;
}
const workerOf = (householdId: string): Caller => ({ ...gridWorkerOf(gridOf(householdId)), purpose: '入户走访 代办' });

// households of their own, far from the ranges other files take, one per test
const [mine, visited, elsewhere, unvisited] = householdsWithoutCases().slice(80, 200);
const otherGrid = householdsWithoutCases()
  .slice(200)
  .find((h) => [mine, visited, elsewhere, unvisited].every((m) => gridOf(m.householdId) !== gridOf(h.householdId)))!;

const SUBMIT =
  'mutation($input: SubmitServiceApplicationInput!) { submitServiceApplication(input: $input) { id kind status receipt } }';
const APPLY = 'mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { id program status } }';
const PROGRESS = 'query($code: String!) { serviceProgress(trackingCode: $code) { step } }';
const FILE =
  'mutation($household: ID!, $key: String!, $collected: CivilAffairsCollectionInput!) { fileOnBehalf(householdId: $household, idempotencyKey: $key, collected: $collected) { visitId parts { department part outcome reason recordId trackingCode } } }';
const WITNESSED = { method: 'VERBAL_WITNESSED', witness: '楼栋长 王芳' };

const filingsOf = (residentId: string) =>
  ownerSql(
    'civil-affairs',
    `select f.record_type as "recordType", f.filed_by as "filedBy", f.filed_as as "filedAs", f.consent_method as "method", f.consent_witness as "witness", f.visit_id as "visitId"
       from on_behalf_filing f where f.resident_id = $1 order by f.filed_at, f.record_id`,
    [residentId],
  );

describe('an application filed on a resident’s behalf (代办) by a grid worker', () => {
  it('is filed inside their grid with the consent recorded, hands them the receipt, and is decided by civil affairs as ever', async () => {
    const [residentId] = mine.members;
    const worker = workerOf(mine.householdId);
    const filed = (
      await as(worker).data(SUBMIT, {
        input: {
          idempotencyKey: randomUUID(),
          residentId,
          kind: 'ELDERLY_ALLOWANCE',
          onBehalf: WITNESSED,
          note: '老人行动不便',
        },
      })
    ).submitServiceApplication;
    expect(filed).toEqual({
      id: expect.any(String),
      kind: 'ELDERLY_ALLOWANCE',
      status: 'SUBMITTED',
      receipt: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/),
    });
    // the resident follows it with the receipt's code, without signing in
    expect(readTrackingCode(filed.receipt)).not.toBeNull();
    expect((await graphql(PROGRESS, { code: filed.receipt })).data).toEqual({ serviceProgress: { step: 'SUBMITTED' } });
    // the worker reads no more of the case than they filed: not the code's field, not the timeline
    for (const field of ['trackingCode', 'timeline { note }', 'onBehalf { filedBy }']) {
      const res = await as(worker).graphql(
        `query($id: ID!) { resident(id: $id) { serviceApplications { ${field} } } }`,
        {
          id: residentId,
        },
      );
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // civil affairs sees who filed it, how the resident agreed, and 代办 on its timeline; the receipt is the filer's only
    const seen = async () =>
      (
        await as(caseworker).data(
          'query($id: ID!) { resident(id: $id) { serviceApplications { id status receipt onBehalf { residentId filedBy filedAs consentMethod consentWitness visitId } timeline { status actor note } } } }',
          { id: residentId },
        )
      ).resident.serviceApplications.find((a: { id: string }) => a.id === filed.id);
    expect(await seen()).toEqual({
      id: filed.id,
      status: 'SUBMITTED',
      receipt: null,
      onBehalf: {
        residentId,
        filedBy: worker.subject,
        filedAs: 'GRID:GRID_WORKER',
        consentMethod: 'VERBAL_WITNESSED',
        consentWitness: '楼栋长 王芳',
        visitId: null,
      },
      timeline: [
        {
          status: 'SUBMITTED',
          actor: worker.subject,
          note: `代办：GRID:GRID_WORKER ${worker.subject} 代为提交（本人口头同意，见证人 楼栋长 王芳）；老人行动不便`,
        },
      ],
    });
    for (const to of ['ACCEPTED', 'COMPLETED'])
      await as(caseworker).data(
        'mutation($id: ID!, $to: ServiceStatus!) { advanceServiceApplication(id: $id, input: { to: $to }) { status } }',
        { id: filed.id, to },
      );
    expect((await graphql(PROGRESS, { code: filed.receipt })).data).toEqual({ serviceProgress: { step: 'COMPLETED' } });
  });

  it('files an assistance application too, which civil affairs investigates, reviews and approves with four eyes', async () => {
    const [, residentId] = mine.members;
    const worker = workerOf(mine.householdId);
    const applied = (
      await as(worker).data(APPLY, {
        input: {
          idempotencyKey: randomUUID(),
          residentId,
          program: 'TEMPORARY',
          reason: '突发火灾',
          onBehalf: { method: 'SIGNED_FORM' },
        },
      })
    ).applyForAssistance;
    expect(applied).toEqual({ id: expect.any(String), program: 'TEMPORARY', status: 'APPLIED' });
    await readyForApproval(applied.id);
    const decided = (
      await as(reviewer).data(
        'mutation($id: ID!) { decideAssistanceCase(id: $id, input: { approve: true, oneOffAmount: "800.00", reason: "同意" }) { status oneOffAmount history { action actor reason } onBehalf { filedBy consentMethod consentWitness } } }',
        { id: applied.id },
      )
    ).decideAssistanceCase;
    expect(decided).toEqual({
      status: 'APPROVED',
      oneOffAmount: '800.00',
      history: [
        {
          action: 'APPLY',
          actor: worker.subject,
          reason: `代办：GRID:GRID_WORKER ${worker.subject} 代为提交（本人签字委托书）；突发火灾`,
        },
        { action: 'START_REVIEW', actor: 'test-civil_affairs-caseworker', reason: '入户调查' },
        { action: 'VERIFY', actor: 'test-civil_affairs-reviewer', reason: '调查属实，同意上报' },
        { action: 'APPROVE', actor: 'test-civil_affairs-reviewer', reason: '同意' },
      ],
      onBehalf: { filedBy: worker.subject, consentMethod: 'SIGNED_FORM', consentWitness: null },
    });
    // grid staff file; they take no step of civil affairs' own
    const step = await as(worker).graphql(
      'mutation($id: ID!) { changeAssistanceCase(id: $id, input: { action: SUSPEND, reason: "x" }) { id } }',
      { id: applied.id },
    );
    expect(step.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('is refused without consent, without a witness, outside the worker’s grid, and while one of the kind is open: nothing written', async () => {
    const [residentId, other] = elsewhere.members;
    const worker = workerOf(elsewhere.householdId);
    const submit = (input: Record<string, unknown>, caller = worker) =>
      as(caller).graphql(SUBMIT, { input: { idempotencyKey: randomUUID(), kind: 'ELDERLY_ALLOWANCE', ...input } });
    const refusal = async (input: Record<string, unknown>, caller = worker) =>
      (await submit(input, caller)).errors?.[0];
    expect(await refusal({ residentId })).toMatchObject({
      message:
        'the resident’s consent is required when grid staff file on their behalf (代办授权): send onBehalf { method witness }',
      extensions: { code: 'BAD_USER_INPUT', field: 'onBehalf' },
    });
    expect(await refusal({ residentId, onBehalf: { method: 'GUARDIAN', witness: '  ' } })).toMatchObject({
      message:
        'consent given as GUARDIAN (监护人同意) needs the witness or guardian named: witness is required unless SIGNED_FORM',
      extensions: { code: 'BAD_USER_INPUT', field: 'onBehalf' },
    });
    const assistance = await as(worker).graphql(APPLY, {
      input: { idempotencyKey: randomUUID(), residentId, program: 'TEMPORARY' },
    });
    expect(assistance.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'onBehalf' });
    // another grid's worker: the same NOT_FOUND as a resident nobody issued
    const stranger = workerOf(otherGrid.householdId);
    const made = randomUUID();
    const outside = await refusal({ residentId, onBehalf: WITNESSED }, stranger);
    const missing = await refusal({ residentId: made, onBehalf: WITNESSED }, stranger);
    expect([outside?.extensions?.code, outside?.message.replace(residentId, '<id>')]).toEqual([
      missing?.extensions?.code,
      missing?.message.replace(made, '<id>'),
    ]);
    expect(outside?.extensions?.code).toBe('NOT_FOUND');
    // one of the kind open: the second filing is refused
    expect((await submit({ residentId: other, onBehalf: WITNESSED })).errors).toBeUndefined();
    expect(await refusal({ residentId: other, onBehalf: { method: 'SIGNED_FORM' } })).toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    expect(await filingsOf(residentId)).toEqual([]);
    expect((await filingsOf(other)).length).toBe(1);
  });
});

describe('fileOnBehalf: the applications of a visit (一次采集)', () => {
  it('files each application of the household’s members, refuses the others per part, and answers a retry the same', async () => {
    const [first, second] = visited.members;
    const worker = workerOf(visited.householdId);
    const key = randomUUID();
    const collected = {
      applications: [
        { residentId: first, kind: 'ELDERLY_ALLOWANCE', consent: { method: 'SIGNED_FORM' }, note: '本人签字' },
        { residentId: second, kind: 'ELDERLY_CARE_CARD', consent: { method: 'VERBAL_WITNESSED' } },
        { residentId: elsewhere.members[0], kind: 'ELDERLY_ALLOWANCE', consent: { method: 'SIGNED_FORM' } },
        { residentId: first, kind: 'ELDERLY_ALLOWANCE', consent: { method: 'SIGNED_FORM' } },
        { residentId: second, kind: 'ELDERLY_CARE_CARD', consent: WITNESSED },
      ],
    };
    const file = (caller: Caller, k: string, c = collected) =>
      as(caller).graphql(FILE, { household: visited.householdId, key: k, collected: c });
    const answer = (await file(worker, key)).data?.fileOnBehalf;
    const visitId = visitIdFor(worker.subject!, key);
    const part = (i: number, rest: Record<string, unknown>) => ({
      department: 'CIVIL_AFFAIRS',
      part: `applications[${i}]`,
      reason: null,
      recordId: null,
      trackingCode: null,
      ...rest,
    });
    expect(answer).toEqual({
      visitId,
      parts: [
        part(0, { outcome: 'APPLIED', recordId: expect.any(String), trackingCode: expect.any(String) }),
        part(1, {
          outcome: 'REFUSED',
          reason:
            'consent given as VERBAL_WITNESSED (本人口头同意) needs the witness or guardian named: witness is required unless SIGNED_FORM',
        }),
        part(2, {
          outcome: 'REFUSED',
          reason: `resident ${elsewhere.members[0]} is not a current member of household ${visited.householdId}`,
        }),
        part(3, {
          outcome: 'REFUSED',
          reason: `resident ${first} already has an open ELDERLY_ALLOWANCE application (SUBMITTED)`,
        }),
        part(4, { outcome: 'APPLIED', recordId: expect.any(String), trackingCode: expect.any(String) }),
      ],
    });
    // the resident follows each with the code the worker hands over
    for (const i of [0, 4])
      expect((await graphql(PROGRESS, { code: answer.parts[i].trackingCode })).data).toEqual({
        serviceProgress: { step: 'SUBMITTED' },
      });
    const recorded = [
      { recordType: 'ServiceApplication', filedBy: worker.subject, filedAs: 'GRID:GRID_WORKER', visitId },
    ];
    expect((await filingsOf(first)).map(({ method: _m, witness: _w, ...f }) => f)).toEqual(recorded);
    expect(await filingsOf(second)).toEqual([{ ...recorded[0], method: 'VERBAL_WITNESSED', witness: '楼栋长 王芳' }]);

    // the retry answers the same parts and files nothing again; the same key with other content is CONFLICT
    expect((await file(worker, key)).data?.fileOnBehalf).toEqual(answer);
    expect((await filingsOf(first)).length + (await filingsOf(second)).length).toBe(2);
    const changed = await file(worker, key, { applications: collected.applications.slice(0, 1) });
    expect(changed.errors?.[0].extensions?.code).toBe('CONFLICT');

    // civil affairs handles them as any other application
    const accepted = await as(caseworker).data(
      'mutation($id: ID!) { advanceServiceApplication(id: $id, input: { to: ACCEPTED }) { status onBehalf { visitId } } }',
      { id: answer.parts[0].recordId },
    );
    expect(accepted.advanceServiceApplication).toEqual({ status: 'ACCEPTED', onBehalf: { visitId } });
  });

  it('refuses every part of a household outside the worker’s grids, files nothing, and is open to community cadres but not to auditors or the dispatch desk', async () => {
    const stranger = workerOf(otherGrid.householdId);
    const key = randomUUID();
    const res = await as(stranger).graphql(FILE, {
      household: unvisited.householdId,
      key,
      collected: { applications: [{ residentId: unvisited.members[1], kind: 'FUNERAL_SUBSIDY', consent: WITNESSED }] },
    });
    expect(res.data?.fileOnBehalf).toEqual({
      visitId: visitIdFor(stranger.subject!, key),
      parts: [
        {
          department: 'CIVIL_AFFAIRS',
          part: 'applications[0]',
          outcome: 'REFUSED',
          reason: `household ${unvisited.householdId} is not on the register inside your data scope`,
          recordId: null,
          trackingCode: null,
        },
      ],
    });
    expect(
      await ownerSql(
        'civil-affairs',
        `select id from service_application where resident_id = $1 and kind = 'FUNERAL_SUBSIDY'`,
        [unvisited.members[1]],
      ),
    ).toEqual([]);
    // nothing filed, nothing kept: no receipt of the visit (a failed change writes nothing)
    expect(
      await ownerSql('civil-affairs', 'select id from on_behalf_visit where id = $1', [
        visitIdFor(stranger.subject!, key),
      ]),
    ).toEqual([]);
    // civil affairs' auditors and grid's dispatch desk file nothing
    for (const caller of [auditorOf('CIVIL_AFFAIRS'), { ...dispatcher, purpose: '走访' }]) {
      const res = await as(caller).graphql(FILE, {
        household: unvisited.householdId,
        key: randomUUID(),
        collected: {
          applications: [{ residentId: unvisited.members[1], kind: 'FUNERAL_SUBSIDY', consent: WITNESSED }],
        },
      });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    // a community cadre of civil affairs on a household visit files like grid staff, with the consent
    const cadre = await as(caseworker).data(FILE, {
      household: unvisited.householdId,
      key: randomUUID(),
      collected: { applications: [{ residentId: unvisited.members[1], kind: 'FUNERAL_SUBSIDY', consent: WITNESSED }] },
    });
    expect(cadre.fileOnBehalf.parts.map((p: { outcome: string }) => p.outcome)).toEqual(['APPLIED']);
    expect(
      await ownerSql(
        'civil-affairs',
        `select f.filed_as as "filedAs" from service_application a join on_behalf_filing f on f.record_id = a.id where a.resident_id = $1 and a.kind = 'FUNERAL_SUBSIDY'`,
        [unvisited.members[1]],
      ),
    ).toEqual([{ filedAs: 'CIVIL_AFFAIRS:CASEWORKER' }]);
  });
});

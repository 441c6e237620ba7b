/**
 * Four eyes in civil affairs (issue 21 item 7): 受理、调查 → 审核 → 审批, each step by an official of the role and
 * level config/steps.ts names; whoever took a case in or investigated it neither reviews nor approves it.
 */
import { randomUUID } from 'node:crypto';
import { as, type Caller, caseworker } from './support/callers';
import { householdsWithoutCases, readyForApproval, reviewer } from './support/civil-affairs';
import { ownerSql } from './support/hub';
import { testWorld, whereLives } from './support/world';

const CASE = 'id status history { action fromStatus toStatus actor }';
const APPLY = `mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { ${CASE} } }`;
const DECIDE = `mutation($id: ID!, $input: DecideAssistanceCaseInput!) { decideAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const CHANGE = `mutation($id: ID!, $input: ChangeAssistanceCaseInput!) { changeAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const READ = `query($id: ID!) { assistanceCase(id: $id) { ${CASE} } }`;

const run = randomUUID().slice(0, 8);
const official = (role: string, name: string, scope?: string[]): Caller => ({
  department: 'CIVIL_AFFAIRS',
  role,
  subject: `${name}-${run}`,
  ...(scope ? { scope } : {}),
});
// households of their own, far from the ones other files take from the same list
const households = householdsWithoutCases().slice(60, 70);
const residentOf = (n: number) => testWorld().residents.find((r) => r.id === households[n].members[0])!;
const streetOf = (n: number) => whereLives(residentOf(n)).community.parentId!;

async function apply(by: Caller, residentId: string, program: string) {
  return (await as(by).data(APPLY, { input: { idempotencyKey: randomUUID(), residentId, program } }))
    .applyForAssistance;
}

const auditOf = (subject: string) =>
  ownerSql(
    'civil-affairs',
    `select kind, record_type as "recordType", record_ids as "recordIds", fields, outcome from audit_log
      where actor = $1 and outcome <> 'ALLOWED' order by id, fields::text`,
    [subject],
  );

/** The refusal of `step` of case `id` to an official who took its intake and investigation (四眼原则). */
const ownCase = (field: string, step: string, id: string) => ({
  message: `${step === 'REVIEW' ? '审核' : '审批'} (${step}) of assistance case ${id} must be taken by another official: you took its 受理 (INTAKE) and 调查 (INVESTIGATION) (四眼原则); ask a colleague with the role to take it`,
  path: [field],
  extensions: {
    code: 'SEPARATION_OF_DUTIES',
    step,
    tookPart: ['INTAKE', 'INVESTIGATION'],
    serviceName: 'civil-affairs',
  },
});

describe('four eyes: who took a case in or investigated it neither reviews nor approves it', () => {
  const intake = official('REVIEWER', 'intake-reviewer');
  const other = official('REVIEWER', 'other-reviewer');

  it('refuses the review and the approval to the official who took the case in, with SEPARATION_OF_DUTIES, writes nothing, and audits the refusal', async () => {
    const c = await apply(intake, residentOf(0).id, 'MINIMUM_LIVING');
    await as(intake).data(CHANGE, { id: c.id, input: { action: 'START_REVIEW', reason: '入户调查' } });
    const before = await as(other).data(READ, { id: c.id });

    const review = await as(intake).graphql(CHANGE, { id: c.id, input: { action: 'VERIFY', reason: '调查属实' } });
    expect(review).toEqual({
      status: 200,
      data: null,
      errors: [ownCase('changeAssistanceCase', 'REVIEW', c.id)],
    });

    await as(other).data(CHANGE, { id: c.id, input: { action: 'VERIFY', reason: '调查属实' } });
    const approval = await as(intake).graphql(DECIDE, { id: c.id, input: { approve: true, monthlyAmount: '1200.00' } });
    expect(approval.errors).toEqual([ownCase('decideAssistanceCase', 'APPROVAL', c.id)]);
    // nothing written: the case is where the other reviewer left it
    expect(await as(other).data(READ, { id: c.id })).toEqual({
      assistanceCase: {
        ...before.assistanceCase,
        status: 'VERIFIED',
        history: [
          ...before.assistanceCase.history,
          { action: 'VERIFY', fromStatus: 'REVIEWING', toStatus: 'VERIFIED', actor: other.subject },
        ],
      },
    });
    const denied = { kind: 'WRITE', recordType: 'AssistanceCase', recordIds: [c.id] };
    expect(await auditOf(intake.subject!)).toEqual([
      { ...denied, fields: ['separationOfDuties'], outcome: 'DENIED' },
      { ...denied, fields: ['changeAssistanceCase'], outcome: 'FAILED' },
      { ...denied, fields: ['separationOfDuties'], outcome: 'DENIED' },
      { ...denied, fields: ['decideAssistanceCase'], outcome: 'FAILED' },
    ]);

    // another official with the role, at the district, approves
    const approved = (
      await as(other).data(DECIDE, { id: c.id, input: { approve: true, monthlyAmount: '1200.00', reason: '符合条件' } })
    ).decideAssistanceCase;
    expect(approved.status).toBe('ACTIVE');
    expect(approved.history.map((s: { action: string; actor: string }) => [s.action, s.actor])).toEqual([
      ['APPLY', intake.subject],
      ['START_REVIEW', intake.subject],
      ['VERIFY', other.subject],
      ['APPROVE', other.subject],
      ['START_PAYMENT', other.subject],
    ]);
  });

  it('refuses the approval to the investigator too, even when someone else took the case in', async () => {
    const investigator = official('REVIEWER', 'investigating-reviewer');
    const c = await apply(caseworker, residentOf(1).id, 'MAJOR_ILLNESS');
    await readyForApproval(c.id, investigator, other);
    const res = await as(investigator).graphql(DECIDE, {
      id: c.id,
      input: { approve: true, oneOffAmount: '20000.00' },
    });
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.tookPart])).toEqual([
      ['SEPARATION_OF_DUTIES', ['INVESTIGATION']],
    ]);
    // the reviewer who reviewed it may approve it: two officials are enough
    expect(
      (await as(other).data(DECIDE, { id: c.id, input: { approve: true, oneOffAmount: '20000.00' } }))
        .decideAssistanceCase.status,
    ).toBe('APPROVED');
  });
});

describe('roles and levels per step and program (config/steps.ts)', () => {
  it('refuses a street official the district’s approval of 低保, with the level it needs, and audits it; the street may review', async () => {
    const street = official('REVIEWER', 'street-reviewer', [streetOf(2)]);
    const c = await apply(caseworker, residentOf(2).id, 'MINIMUM_LIVING');
    await readyForApproval(c.id, caseworker, street);
    const res = await as(street).graphql(DECIDE, { id: c.id, input: { approve: true, monthlyAmount: '1000.00' } });
    expect(res.errors).toEqual([
      {
        message:
          '审批 (APPROVAL) of MINIMUM_LIVING cases is taken by REVIEWER (审核审批人) at DISTRICT (区) level or above (config/steps.ts); you act as REVIEWER at STREET (街道) level over this case: ask an official of that level',
        path: ['decideAssistanceCase'],
        extensions: { code: 'FORBIDDEN', serviceName: 'civil-affairs' },
      },
    ]);
    expect((await as(reviewer).data(READ, { id: c.id })).assistanceCase.status).toBe('VERIFIED');
    expect(await auditOf(street.subject!)).toEqual([
      { kind: 'WRITE', recordType: 'AssistanceCase', recordIds: [c.id], fields: ['step:APPROVAL'], outcome: 'DENIED' },
      {
        kind: 'WRITE',
        recordType: 'AssistanceCase',
        recordIds: [c.id],
        fields: ['decideAssistanceCase'],
        outcome: 'FAILED',
      },
    ]);
    expect(
      (await as(reviewer).data(DECIDE, { id: c.id, input: { approve: true, monthlyAmount: '1000.00' } }))
        .decideAssistanceCase.status,
    ).toBe('ACTIVE');
  });

  it('lets the street approve a small 临时救助 and sends a larger one to the district', async () => {
    const street = official('REVIEWER', 'street-approver', [streetOf(3)]);
    const small = await apply(caseworker, residentOf(3).id, 'TEMPORARY');
    await readyForApproval(small.id, caseworker, street);
    expect(
      (await as(street).data(DECIDE, { id: small.id, input: { approve: true, oneOffAmount: '3000.00' } }))
        .decideAssistanceCase.status,
    ).toBe('APPROVED');

    const large = await apply(caseworker, residentOf(3).id, 'TEMPORARY');
    await readyForApproval(large.id, caseworker, street);
    const res = await as(street).graphql(DECIDE, { id: large.id, input: { approve: true, oneOffAmount: '3000.01' } });
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      [
        'FORBIDDEN',
        '审批 (APPROVAL) of TEMPORARY cases over 3000.00 yuan is taken by REVIEWER (审核审批人) at DISTRICT (区) level or above (config/steps.ts); you act as REVIEWER at STREET (街道) level over this case: ask an official of that level',
      ],
    ]);
    // a rejection grants nothing: the street takes it
    expect(
      (await as(street).data(DECIDE, { id: large.id, input: { approve: false, reason: '已获其他救助' } }))
        .decideAssistanceCase.status,
    ).toBe('REJECTED');
  });

  it('refuses the review to a caseworker (the role is too low), and skipping a step is INVALID_TRANSITION', async () => {
    const investigator = official('CASEWORKER', 'investigator');
    const c = await apply(caseworker, residentOf(4).id, 'EXTREME_POVERTY');
    const early = await as(reviewer).graphql(DECIDE, { id: c.id, input: { approve: true, monthlyAmount: '2000.00' } });
    expect(early.errors?.map((e) => [e.extensions?.code, e.extensions?.allowed])).toEqual([
      ['INVALID_TRANSITION', ['START_REVIEW', 'REJECT']],
    ]);
    await as(investigator).data(CHANGE, { id: c.id, input: { action: 'START_REVIEW', reason: '入户调查' } });
    const res = await as(caseworker).graphql(CHANGE, { id: c.id, input: { action: 'VERIFY', reason: '调查属实' } });
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      [
        'FORBIDDEN',
        '审核 (REVIEW) of EXTREME_POVERTY cases is taken by REVIEWER (审核审批人) at STREET (街道) level or above (config/steps.ts); you act as CASEWORKER at DISTRICT (区) level over this case: ask an official of that level',
      ],
    ]);
    await as(reviewer).data(DECIDE, { id: c.id, input: { approve: false, reason: '测试结束' } });
  });
});

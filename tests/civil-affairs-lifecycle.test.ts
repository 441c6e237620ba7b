import { randomUUID } from 'node:crypto';
/** The assistance lifecycle through the gateway: every step, its history, the illegal ones, the household rule, departures. */
import { Client } from 'pg';
import { makeIdNumber } from '../lib/codes/id-number';
import { addMonths, today } from '../subgraphs/civil-affairs/dates';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { as, caseworker, registrar } from './support/callers';
import { householdsWithoutCases, readyForApproval, reviewer } from './support/civil-affairs';
import { hub } from './support/hub';
import { testWorld } from './support/world';

const CASE =
  'id status householdId monthlyAmount oneOffAmount startsOn endsOn nextReviewOn history { action fromStatus toStatus actor reason amount }';
const APPLY = `mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { ${CASE} } }`;
const DECIDE = `mutation($id: ID!, $input: DecideAssistanceCaseInput!) { decideAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const CHANGE = `mutation($id: ID!, $input: ChangeAssistanceCaseInput!) { changeAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const REVIEW = `mutation($id: ID!, $input: ReviewAssistanceCaseInput!) { reviewAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const HISTORY = `query($id: ID!) { assistanceCase(id: $id) { status history { action } } }`;

const ACTOR = 'test-civil_affairs-caseworker';
const REVIEWER = 'test-civil_affairs-reviewer';
const caseworkerAsks = as(caseworker);
const reviewerAsks = as(reviewer);
const households = householdsWithoutCases();
const step = (
  action: string,
  fromStatus: string | null,
  toStatus: string,
  reason: string | null = null,
  amount: string | null = null,
  actor = ACTOR,
) => ({ action, fromStatus, toStatus, actor, reason, amount });

async function apply(residentId: string, program: string, reason?: string) {
  return (await caseworkerAsks.data(APPLY, { input: { idempotencyKey: randomUUID(), residentId, program, reason } }))
    .applyForAssistance;
}

async function openCasesOfHousehold(householdId: string): Promise<number> {
  const client = new Client({ connectionString: hub().databaseUrls['civil-affairs'] });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from assistance_case where household_id = $1 and status in ('APPLIED', 'REVIEWING', 'VERIFIED', 'APPROVED', 'ACTIVE', 'SUSPENDED')`,
      [householdId],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('an assistance case, step by step (one declared lifecycle, every step kept)', () => {
  it('goes applied → reviewing → approved → active → suspended → active (reviewed) → terminated, with who, when and why at each step', async () => {
    const [applicant] = households[0].members;
    const applied = await apply(applicant, 'MINIMUM_LIVING', '失业，无固定收入');
    // 低保 is a household's: the case names the applicant's household even when the form leaves it out
    expect(applied).toMatchObject({
      status: 'APPLIED',
      householdId: households[0].householdId,
      history: [step('APPLY', null, 'APPLIED', '失业，无固定收入')],
    });

    await caseworkerAsks.data(CHANGE, { id: applied.id, input: { action: 'START_REVIEW', reason: '入户调查' } });
    await reviewerAsks.data(CHANGE, { id: applied.id, input: { action: 'VERIFY', reason: '调查属实' } });
    const approved = (
      await reviewerAsks.data(DECIDE, {
        id: applied.id,
        input: { approve: true, monthlyAmount: '1200.5', reason: '符合条件' },
      })
    ).decideAssistanceCase;
    expect(approved).toMatchObject({
      status: 'ACTIVE',
      monthlyAmount: '1200.50',
      startsOn: today(),
      nextReviewOn: addMonths(today(), 12),
    });

    await caseworkerAsks.data(CHANGE, { id: applied.id, input: { action: 'SUSPEND', reason: '未参加复核' } });
    await caseworkerAsks.data(CHANGE, { id: applied.id, input: { action: 'RESUME', reason: '已补复核' } });
    await caseworkerAsks.data(REVIEW, { id: applied.id, input: { reason: '收入下降', monthlyAmount: '1395.00' } });
    const ended = (
      await caseworkerAsks.data(CHANGE, {
        id: applied.id,
        input: { action: 'TERMINATE', reason: '家庭收入超过低保标准' },
      })
    ).changeAssistanceCase;

    expect(ended).toEqual({
      id: applied.id,
      status: 'TERMINATED',
      householdId: households[0].householdId,
      monthlyAmount: '1395.00',
      oneOffAmount: null,
      startsOn: today(),
      endsOn: today(),
      nextReviewOn: null,
      history: [
        step('APPLY', null, 'APPLIED', '失业，无固定收入'),
        step('START_REVIEW', 'APPLIED', 'REVIEWING', '入户调查'),
        step('VERIFY', 'REVIEWING', 'VERIFIED', '调查属实', null, REVIEWER),
        step('APPROVE', 'VERIFIED', 'APPROVED', '符合条件', '1200.50', REVIEWER),
        step('START_PAYMENT', 'APPROVED', 'ACTIVE', 'payments start on approval', null, REVIEWER),
        step('SUSPEND', 'ACTIVE', 'SUSPENDED', '未参加复核'),
        step('RESUME', 'SUSPENDED', 'ACTIVE', '已补复核'),
        step('REVIEW', 'ACTIVE', 'ACTIVE', '收入下降', '1395.00'),
        step('TERMINATE', 'ACTIVE', 'TERMINATED', '家庭收入超过低保标准'),
      ],
    });
  });

  it('keeps the history append-only, even for the role the subgraph connects as', async () => {
    const client = new Client({ connectionString: hub().databaseUrls['civil-affairs'] });
    await client.connect();
    try {
      await expect(client.query(`update assistance_case_step set reason = 'rewritten'`)).rejects.toThrow(
        'assistance_case_step is append-only: UPDATE is not allowed',
      );
      await expect(client.query(`delete from service_application_step`)).rejects.toThrow(
        'service_application_step is append-only: DELETE is not allowed',
      );
    } finally {
      await client.end();
    }
  });

  it.each([
    ['resume a terminated case', 'TERMINATED', 'RESUME', 'SUSPENDED', []],
    ['start a review twice', 'REVIEWING', 'START_REVIEW', 'APPLIED', ['VERIFY', 'REJECT']],
    ['suspend a case that is not paying yet', 'APPLIED', 'SUSPEND', 'ACTIVE', ['START_REVIEW', 'REJECT']],
  ])(
    'refuses to %s with INVALID_TRANSITION, naming the steps possible, and writes nothing',
    async (_what, from, action, onlyFrom, allowed) => {
      const { members } = households[1];
      const c = await apply(members[0], 'EXTREME_POVERTY');
      if (from !== 'APPLIED')
        await caseworkerAsks.data(CHANGE, { id: c.id, input: { action: 'START_REVIEW', reason: '入户调查' } });
      if (from === 'TERMINATED') {
        await reviewerAsks.data(CHANGE, { id: c.id, input: { action: 'VERIFY', reason: '调查属实' } });
        await reviewerAsks.data(DECIDE, { id: c.id, input: { approve: true, monthlyAmount: '2232.00' } });
        await caseworkerAsks.data(CHANGE, { id: c.id, input: { action: 'TERMINATE', reason: '迁往外区' } });
      }
      const before = await caseworkerAsks.data(HISTORY, { id: c.id });
      const res = await caseworkerAsks.graphql(CHANGE, { id: c.id, input: { action, reason: '试一试' } });
      expect(res.errors).toEqual([
        {
          message: `assistance case ${c.id} is ${from}: ${action} is possible only from ${onlyFrom} (${allowed.length ? `possible from ${from}: ${allowed.join(', ')}` : `${from} is final`})`,
          path: ['changeAssistanceCase'],
          extensions: { code: 'INVALID_TRANSITION', status: from, action, allowed, serviceName: 'civil-affairs' },
        },
      ]);
      expect(await caseworkerAsks.data(HISTORY, { id: c.id })).toEqual(before);
      // close it, so the next case of this household and program can be opened
      if (from !== 'TERMINATED')
        await caseworkerAsks.data(DECIDE, { id: c.id, input: { approve: false, reason: '撤回' } });
    },
  );

  it('pays a one-off grant on approval and takes no monthly step after it', async () => {
    const [resident] = households[2].members;
    const c = await apply(resident, 'MAJOR_ILLNESS');
    await readyForApproval(c.id);
    const approved = (await reviewerAsks.data(DECIDE, { id: c.id, input: { approve: true, oneOffAmount: '35000.25' } }))
      .decideAssistanceCase;
    expect(approved).toMatchObject({
      status: 'APPROVED',
      oneOffAmount: '35000.25',
      monthlyAmount: null,
      nextReviewOn: null,
    });
    const res = await caseworkerAsks.graphql(CHANGE, { id: c.id, input: { action: 'SUSPEND', reason: '试一试' } });
    expect(res.errors?.[0]).toEqual({
      message: `assistance case ${c.id} is APPROVED: it is a one-off grant (MAJOR_ILLNESS), complete once approved; SUSPEND is for monthly programs only (nothing is possible from APPROVED)`,
      path: ['changeAssistanceCase'],
      extensions: {
        code: 'INVALID_TRANSITION',
        status: 'APPROVED',
        action: 'SUSPEND',
        allowed: [],
        serviceName: 'civil-affairs',
      },
    });
  });

  it('keeps each approval within its program’s configured limit', async () => {
    const [, resident] = households[2].members;
    const c = await apply(resident, 'TEMPORARY');
    const res = await caseworkerAsks.graphql(DECIDE, { id: c.id, input: { approve: true, oneOffAmount: '10000.01' } });
    expect(res.errors).toEqual([
      {
        message: 'oneOffAmount must be at most 10000.00 (the TEMPORARY limit); got "10000.01"',
        path: ['decideAssistanceCase'],
        extensions: { code: 'BAD_USER_INPUT', field: 'oneOffAmount', serviceName: 'civil-affairs' },
      },
    ]);
    expect((await caseworkerAsks.data(HISTORY, { id: c.id })).assistanceCase).toEqual({
      status: 'APPLIED',
      history: [{ action: 'APPLY' }],
    });
  });

  it('refuses a step that only another mutation takes, saying which', async () => {
    const res = await caseworkerAsks.graphql(CHANGE, {
      id: '00000000-0000-4000-8000-000000000000',
      input: { action: 'APPROVE', reason: 'x' },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: 'APPROVE is taken with decideAssistanceCase',
      extensions: { code: 'BAD_USER_INPUT', field: 'action' },
    });
  });
});

describe('the household rule: one open case per household and monthly program', () => {
  it('refuses a second 低保 application from another member of the household', async () => {
    const { householdId, members } = households[3];
    await apply(members[0], 'MINIMUM_LIVING');
    const res = await caseworkerAsks.graphql(APPLY, {
      input: { idempotencyKey: randomUUID(), residentId: members[1], program: 'MINIMUM_LIVING' },
    });
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', serviceName: 'civil-affairs' } });
    expect(res.errors?.[0].message).toMatch(
      new RegExp(
        `^household ${householdId} already has an open MINIMUM_LIVING case [0-9a-f-]{36} \\(APPLIED\\); one per household$`,
      ),
    );
    expect(await openCasesOfHousehold(householdId)).toBe(1);
  });

  it('holds when two members apply at the same moment: the database’s partial unique index decides', async () => {
    const { householdId, members } = households[4];
    const answers = await Promise.all(
      members.slice(0, 2).map((residentId) =>
        caseworkerAsks.graphql(APPLY, {
          input: { idempotencyKey: randomUUID(), residentId, program: 'MINIMUM_LIVING' },
        }),
      ),
    );
    expect(answers.filter((a) => a.data?.applyForAssistance).length).toBe(1);
    expect(answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await openCasesOfHousehold(householdId)).toBe(1);
  });
});

describe('residents who left the register', () => {
  // residents of its own, registered for this test into a household without cases (so no other test's expectations
  // from the seeded district change): one goes on 特困, one on 低保, then population takes both off the register
  const { householdId } = households[30];
  const newcomer = (name: string, birthDate: string, sequence: number) => ({
    name,
    idNumber: makeIdNumber('110105', birthDate, sequence, 'FEMALE'),
    gender: 'FEMALE',
    birthDate,
    ethnicityCode: '01',
    residenceStatus: 'REGISTERED',
    collectedBy: 'civil-affairs test',
    householdId,
    relationCode: '80',
  });
  const REGISTER = 'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }';
  const MOVE = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id status } }';
  const DEPARTED = `query($status: ResidentStatus!) { residents(filter: { status: $status }, first: 100) { nodes { id status assistanceToStop { id program status } } } }`;
  let deceased: { residentId: string; caseId: string };
  let movedOut: { residentId: string; caseId: string };

  beforeAll(async () => {
    const onAssistance = async (input: object, program: string, monthlyAmount: string) => {
      const residentId = (await as(registrar).data(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } }))
        .registerResident.id;
      const c = await apply(residentId, program);
      await readyForApproval(c.id);
      await reviewerAsks.data(DECIDE, { id: c.id, input: { approve: true, monthlyAmount } });
      return { residentId, caseId: c.id };
    };
    deceased = await onAssistance(newcomer('测试甲', '1931-02-03', 977), 'EXTREME_POVERTY', '2932.00');
    movedOut = await onAssistance(newcomer('测试乙', '1975-06-07', 978), 'MINIMUM_LIVING', '1395.00');
    await as(registrar).data(MOVE, { id: deceased.residentId, input: { deceased: true } });
    await as(registrar).data(MOVE, { id: movedOut.residentId, input: {} });
  });

  it('cannot start a case', async () => {
    const res = await caseworkerAsks.graphql(APPLY, {
      input: { idempotencyKey: randomUUID(), residentId: deceased.residentId, program: 'TEMPORARY' },
    });
    expect(res.errors).toEqual([
      {
        message: `resident ${deceased.residentId} is DECEASED; only residents on the active register can apply`,
        path: ['applyForAssistance'],
        extensions: { code: 'BAD_USER_INPUT', field: 'residentId', serviceName: 'civil-affairs' },
      },
    ]);
  });

  it('are listed with the payments to stop: population’s status composed beside civil affairs’ cases, nothing copied', async () => {
    const answer = async (status: string) =>
      (await caseworkerAsks.data(DEPARTED, { status })).residents.nodes as { id: string }[];
    expect((await answer('DECEASED')).find((r) => r.id === deceased.residentId)).toEqual({
      id: deceased.residentId,
      status: 'DECEASED',
      assistanceToStop: [{ id: deceased.caseId, program: 'EXTREME_POVERTY', status: 'ACTIVE' }],
    });
    expect((await answer('MOVED_OUT')).find((r) => r.id === movedOut.residentId)).toEqual({
      id: movedOut.residentId,
      status: 'MOVED_OUT',
      assistanceToStop: [{ id: movedOut.caseId, program: 'MINIMUM_LIVING', status: 'ACTIVE' }],
    });
    // a resident on the register has nothing to stop
    const active = assistanceCases(testWorld()).find((c) => c.status === 'ACTIVE')!;
    expect(
      await caseworkerAsks.data(`query($id: ID!) { resident(id: $id) { status assistanceToStop { id } } }`, {
        id: active.residentId,
      }),
    ).toEqual({ resident: { status: 'ACTIVE', assistanceToStop: [] } });
  });
});

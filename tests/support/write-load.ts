import { randomUUID } from 'node:crypto';
import { creditCodeCheckChar } from '../../lib/codes/credit-code';
import { visitIdFor } from '../../lib/collection/visit-id';
import { DISABILITY_TYPES, disabilityCertificateNumber, type DisabilityType } from '../../lib/codes/disability';
import { organizationsOf } from '../../runner/synthetic/world';
import { addDays, addYears } from '../../subgraphs/public-security/seed.dates';
import { BURST_SIZE, type Department, inBatches, keyOf, type Outcome, type Rows, tagOf } from './burst';
import {
  burstPlace,
  type Newcomer,
  newcomerInput,
  newcomers,
  REGISTER,
  registerNewcomers,
  remember,
} from './burst-world';
import { as, type Caller, callerOfResident, caseworker, gridLeader, gridWorkerOf, officer, registrar } from './callers';
import { ownerSql } from './hub';
import { readyForApproval, reviewer } from './civil-affairs';
import { dispatcher, nthGrid } from './grid';
import { keyPersonsOverdue, publicSecurityData, today } from './public-security';
import { testWorld } from './world';

/**
 * The write-load catalogue (issue 18): for every mutation of the supergraph, how a burst of 30 concurrent calls is made
 * from the seeded district, who makes it, which rows of the owner's database its acknowledged calls make or change,
 * and what must hold afterwards. tests/write-load.test.ts runs them all; a mutation without a case fails it.
 */

/** A burst: the variables of each of its calls, and the rows its acknowledged calls make or change in the owner's database. */
export interface Burst {
  calls: Record<string, unknown>[];
  rows: Rows;
}

/** A create: 30 different forms, then one form sent 30 times at once under one idempotency key. */
export interface CreateBursts {
  kind: 'create';
  /** the answer's id is the record made (else the record it was added to: a rental, a key person, a volunteer) */
  answersRecord: boolean;
  distinct: Burst;
  sameKey: Burst;
}

/** A change of an existing record: 30 records changed at once, then one record changed 30 times at once. */
export interface ChangeBursts {
  kind: 'change';
  distinct: Burst;
  oneRecord: Burst & {
    /** ONE where the change is versioned or checks the state it moves from; ALL where each is a valid change of the locked row; SOME where a later call sees the earlier one's result and may act on it */
    winners: 'ONE' | 'ALL' | 'SOME';
    /** how the others are refused */
    refusedAs: string[];
  };
}

export interface BurstCase<F = any> {
  owner: Department;
  caller: Caller;
  document: string;
  /** the case's own records, made through the graph as the people who make them would */
  prepare: () => Promise<F>;
  bursts: (fixture: F) => CreateBursts | ChangeBursts;
  /** what must hold in the owner's database after both bursts (expect inside) */
  invariant?: (fixture: F, outcomes: { distinct: Outcome[]; same: Outcome[] }) => Promise<void>;
  /** puts back what other test files count */
  undo?: (fixture: F) => Promise<void>;
}

const N = BURST_SIZE;
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
/** The same call 30 times. */
const same = (variables: Record<string, unknown>) => times(N, () => variables);
const place = () => burstPlace();
const ids = (list: { id: string }[]) => list.map((x) => x.id);
const sql = (department: Department, text: string, params: unknown[] = []) => ownerSql(department, text, params);
/** An invariant as the rows that would break it: there must be none. */
const noRows = async (department: Department, text: string, params: unknown[] = []) =>
  expect(await sql(department, text, params)).toEqual([]);
const day = (i: number) => `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
/** The winner of a race on one record: the call answered OK. */
const winnerOf = (outcomes: Outcome[]) => outcomes.findIndex((o) => o.code === 'OK');

/**
 * A create made for residents the suite registered (the newcomers): `distinct(pool, i)` is the i-th of the 30 forms,
 * `same(pool)` the one form sent 30 times under one key; its rows are `table`'s rows of the first `residents`.
 */
function newcomerCreate(c: {
  owner: Department;
  caller: Caller;
  document: string;
  table: string;
  residents?: number;
  distinct: (pool: Newcomer[], i: number) => Record<string, unknown>;
  same: (pool: Newcomer[]) => Record<string, unknown>;
  invariant?: BurstCase<{ pool: Newcomer[] }>['invariant'];
}): BurstCase<{ pool: Newcomer[] }> {
  return {
    owner: c.owner,
    caller: c.caller,
    document: c.document,
    prepare: async () => ({ pool: await newcomers() }),
    bursts: ({ pool }) => {
      const rows = {
        sql: `select id from ${c.table} where resident_id = any($1::uuid[])`,
        params: [ids(pool.slice(0, c.residents ?? N + 1))],
      };
      return {
        kind: 'create',
        answersRecord: true,
        distinct: { calls: times(N, (i) => c.distinct(pool, i)), rows },
        sameKey: { calls: same(c.same(pool)), rows },
      };
    },
    invariant: c.invariant,
  };
}

// ---- civil affairs: assistance cases ----------------------------------------------------------------------------------

const CASE = 'id status';
const APPLY = `mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { ${CASE} } }`;
const DECIDE = `mutation($id: ID!, $input: DecideAssistanceCaseInput!) { decideAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const CHANGE = `mutation($id: ID!, $input: ChangeAssistanceCaseInput!) { changeAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const REVIEW = `mutation($id: ID!, $input: ReviewAssistanceCaseInput!) { reviewAssistanceCase(id: $id, input: $input) { ${CASE} } }`;
const ONE_OFF = ['TEMPORARY', 'MAJOR_ILLNESS'];

/** 31 one-off applications of the newcomers (15 residents × 2 programs, and one more), made one by one by a caseworker. */
async function oneOffCases(name: string): Promise<string[]> {
  const pool = await newcomers();
  return inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) => {
      const input = {
        idempotencyKey: keyOf(`${name}-prep`, i),
        residentId: pool[i % 15].id,
        program: i < 15 || i === N ? 'TEMPORARY' : 'MAJOR_ILLNESS',
        reason: tagOf(name),
      };
      if (i === N) input.residentId = pool[15].id;
      return (await as(caseworker).data(APPLY, { input })).applyForAssistance.id;
    },
  );
}

/** Closes the cases still open (rejected, as a caseworker withdraws them), so the newcomers may apply again. */
async function rejectOpen(caseIds: string[]): Promise<void> {
  const open = await sql(
    'civil-affairs',
    `select id from assistance_case where id = any($1::uuid[]) and status in ('APPLIED', 'REVIEWING')`,
    [caseIds],
  );
  await inBatches(ids(open), 6, (id) =>
    as(caseworker).data(DECIDE, { id, input: { approve: false, reason: '压测撤回' } }),
  );
}

/** Every case's steps are numbered 1..n without a gap or a repeat (a lost or doubled step would show). */
async function stepsContiguous(caseIds: string[]): Promise<void> {
  await noRows(
    'civil-affairs',
    'select case_id from assistance_case_step where case_id = any($1::uuid[]) group by case_id having count(*) <> max(position) or count(distinct position) <> count(*)',
    [caseIds],
  );
}

const stepsOf = (caseIds: string[], action: string): Rows => ({
  sql: `select id from assistance_case_step where case_id = any($1::uuid[]) and action = '${action}'`,
  params: [caseIds],
});

const applyForAssistance: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: APPLY,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const tag = tagOf('applyForAssistance');
    const rows = {
      sql: 'select c.id from assistance_case c join assistance_case_step s on s.case_id = c.id and s.position = 1 where s.reason = $1',
      params: [tag],
    };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: {
        calls: times(N, (i) => ({
          input: {
            idempotencyKey: keyOf('apply', i),
            residentId: pool[i % 15].id,
            program: ONE_OFF[Math.floor(i / 15)],
            reason: tag,
          },
        })),
        rows,
      },
      sameKey: {
        calls: same({
          input: { idempotencyKey: keyOf('apply', 'same'), residentId: pool[15].id, program: 'TEMPORARY', reason: tag },
        }),
        rows,
      },
    };
  },
  invariant: async () => {
    // one open case per resident and program, whatever the burst did
    await noRows(
      'civil-affairs',
      `select resident_id, program from assistance_case where status in ('APPLIED', 'REVIEWING', 'VERIFIED') group by 1, 2 having count(*) > 1`,
    );
  },
  undo: async () =>
    rejectOpen(
      ids(
        await sql(
          'civil-affairs',
          'select c.id from assistance_case c join assistance_case_step s on s.case_id = c.id and s.position = 1 where s.reason = $1',
          [tagOf('applyForAssistance')],
        ),
      ),
    ),
};

const decideAssistanceCase: BurstCase<{ cases: string[] }> = {
  owner: 'civil-affairs',
  // four eyes: a reviewer approves what the caseworker took in and investigated
  caller: reviewer,
  document: DECIDE,
  prepare: async () => {
    const cases = await oneOffCases('decide');
    await inBatches(cases, 6, (id) => readyForApproval(id));
    return { cases };
  },
  bursts: ({ cases }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({
        id: cases[i],
        input: { approve: true, oneOffAmount: `${1000 + i}.50`, reason: '符合条件' },
      })),
      rows: stepsOf(cases, 'APPROVE'),
    },
    oneRecord: {
      calls: times(N, (i) => ({ id: cases[N], input: { approve: true, oneOffAmount: `${2000 + i}.00` } })),
      rows: stepsOf([cases[N]], 'APPROVE'),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ cases }, { same: outcomes }) => {
    const [raced] = await sql(
      'civil-affairs',
      'select status, one_off_amount::text as amount from assistance_case where id = $1',
      [cases[N]],
    );
    expect(raced).toEqual({ status: 'APPROVED', amount: `${2000 + winnerOf(outcomes)}.00` });
    await stepsContiguous(cases);
  },
};

const changeAssistanceCase: BurstCase<{ cases: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: CHANGE,
  prepare: async () => ({ cases: await oneOffCases('change') }),
  bursts: ({ cases }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: cases[i], input: { action: 'START_REVIEW', reason: `入户调查 ${i}` } })),
      rows: stepsOf(cases, 'START_REVIEW'),
    },
    oneRecord: {
      calls: times(N, (i) => ({ id: cases[N], input: { action: 'START_REVIEW', reason: `入户调查 ${i}` } })),
      rows: stepsOf([cases[N]], 'START_REVIEW'),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ cases }) => {
    expect(
      await sql('civil-affairs', `select distinct status from assistance_case where id = any($1::uuid[])`, [cases]),
    ).toEqual([{ status: 'REVIEWING' }]);
    await stepsContiguous(cases);
  },
  undo: async ({ cases }) => rejectOpen(cases),
};

/** Paying monthly cases: 低保 and 特困 of three newcomers of three households, and one more 低保 for the race. */
async function payingCases(): Promise<string[]> {
  const pool = await newcomers();
  const wanted = [0, 1, 2]
    .flatMap((r) => ['MINIMUM_LIVING', 'EXTREME_POVERTY'].map((program) => ({ r, program })))
    .concat([{ r: 3, program: 'MINIMUM_LIVING' }]);
  return inBatches(wanted, 4, async ({ r, program }, i) => {
    const applied = (
      await as(caseworker).data(APPLY, {
        input: { idempotencyKey: keyOf('review-prep', i), residentId: pool[r].id, program },
      })
    ).applyForAssistance;
    await readyForApproval(applied.id);
    await as(reviewer).data(DECIDE, { id: applied.id, input: { approve: true, monthlyAmount: '900.00' } });
    return applied.id as string;
  });
}

const reviewAssistanceCase: BurstCase<{ cases: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: REVIEW,
  prepare: async () => ({ cases: await payingCases() }),
  bursts: ({ cases }) => ({
    kind: 'change',
    // six paying cases, five reviews each, at the same moment
    distinct: {
      calls: times(N, (i) => ({ id: cases[i % 6], input: { reason: `年审 ${i}`, monthlyAmount: `${800 + i}.00` } })),
      rows: stepsOf(cases.slice(0, 6), 'REVIEW'),
    },
    // every review of a paying case is valid: the row lock queues them, none is lost
    oneRecord: {
      calls: times(N, (i) => ({ id: cases[6], input: { reason: `年审 ${i}`, monthlyAmount: `${1000 + i}.00` } })),
      rows: stepsOf([cases[6]], 'REVIEW'),
      winners: 'ALL',
      refusedAs: [],
    },
  }),
  invariant: async ({ cases }) => {
    // each case pays what its last review (by position) said
    await noRows(
      'civil-affairs',
      `select c.id from assistance_case c join lateral (select amount from assistance_case_step s where s.case_id = c.id and s.action = 'REVIEW' order by position desc limit 1) last on true
        where c.id = any($1::uuid[]) and c.monthly_amount is distinct from last.amount`,
      [cases],
    );
    await stepsContiguous(cases);
  },
  undo: async ({ cases }) => {
    await inBatches(cases, 4, (id) =>
      as(caseworker).data(CHANGE, { id, input: { action: 'TERMINATE', reason: '压测结束' } }),
    );
  },
};

// ---- civil affairs: service applications, volunteers, welfare ----------------------------------------------------------

const SUBMIT =
  'mutation($input: SubmitServiceApplicationInput!) { submitServiceApplication(input: $input) { id status } }';
const ADVANCE =
  'mutation($id: ID!, $input: AdvanceServiceApplicationInput!) { advanceServiceApplication(id: $id, input: $input) { id status } }';
const SERVICE_KINDS = [
  'MEDICAL_INSURANCE',
  'PENSION_INSURANCE',
  'ELDERLY_CARE_CARD',
  'CERTIFICATE_OF_RESIDENCE',
  'HOUSING_AID',
];
const applicationsNoted = (note: string): Rows => ({
  sql: 'select a.id from service_application a join service_application_step s on s.application_id = a.id and s.position = 1 where s.note = $1',
  params: [note],
});

const submitServiceApplication: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: SUBMIT,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const note = tagOf('submitServiceApplication');
    return {
      kind: 'create',
      answersRecord: true,
      distinct: {
        calls: times(N, (i) => ({
          input: { idempotencyKey: keyOf('submit', i), residentId: pool[i].id, kind: SERVICE_KINDS[i % 5], note },
        })),
        rows: applicationsNoted(note),
      },
      sameKey: {
        calls: same({
          input: { idempotencyKey: keyOf('submit', 'same'), residentId: pool[N].id, kind: 'ELDERLY_CARE_CARD', note },
        }),
        rows: applicationsNoted(note),
      },
    };
  },
  invariant: async () => {
    await noRows('civil-affairs', 'select tracking_code from service_application group by 1 having count(*) > 1');
  },
};

const advanceServiceApplication: BurstCase<{ applications: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: ADVANCE,
  prepare: async () => {
    const pool = await newcomers();
    const applications = await inBatches(
      times(N + 1, (i) => i),
      6,
      async (i) =>
        (
          await as(caseworker).data(SUBMIT, {
            input: {
              idempotencyKey: keyOf('advance-prep', i),
              residentId: pool[i].id,
              kind: 'ELDERLY_CARE_CARD',
              note: tagOf('advance-prep'),
            },
          })
        ).submitServiceApplication.id as string,
    );
    return { applications };
  },
  bursts: ({ applications }) => {
    const accepted = (list: string[]): Rows => ({
      sql: `select id from service_application_step where application_id = any($1::uuid[]) and status = 'ACCEPTED'`,
      params: [list],
    });
    return {
      kind: 'change',
      distinct: {
        calls: times(N, (i) => ({ id: applications[i], input: { to: 'ACCEPTED', note: `受理 ${i}` } })),
        rows: accepted(applications),
      },
      oneRecord: {
        calls: times(N, (i) => ({ id: applications[N], input: { to: 'ACCEPTED', note: `受理 ${i}` } })),
        rows: accepted([applications[N]]),
        winners: 'ONE',
        refusedAs: ['INVALID_TRANSITION'],
      },
    };
  },
  invariant: async ({ applications }) => {
    await noRows(
      'civil-affairs',
      `select a.id from service_application a where a.id = any($1::uuid[]) and (a.status <> 'ACCEPTED' or a.steps <> 2 or (select count(*) from service_application_step s where s.application_id = a.id) <> 2)`,
      [applications],
    );
  },
};

const REGISTER_VOLUNTEER =
  'mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id totalHours } }';
const SKILLS = ['医疗', '心理疏导', '法律咨询'];

const registerVolunteer = newcomerCreate({
  owner: 'civil-affairs',
  caller: caseworker,
  document: REGISTER_VOLUNTEER,
  table: 'volunteer',
  distinct: (pool, i) => ({
    input: { idempotencyKey: keyOf('volunteer', i), residentId: pool[i].id, skills: ['助老', SKILLS[i % 3]] },
  }),
  same: (pool) => ({ input: { idempotencyKey: keyOf('volunteer', 'same'), residentId: pool[N].id, skills: ['助老'] } }),
});

const RECORD_SERVICE =
  'mutation($id: ID!, $input: RecordVolunteerServiceInput!) { recordVolunteerService(volunteerId: $id, input: $input) { id totalHours } }';

const recordVolunteerService: BurstCase<{ volunteers: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: RECORD_SERVICE,
  prepare: async () => {
    const pool = await newcomers();
    const volunteers = await inBatches(
      [31, 32],
      2,
      async (r) =>
        (
          await as(caseworker).data(REGISTER_VOLUNTEER, {
            input: { idempotencyKey: keyOf('service-prep', r), residentId: pool[r].id, skills: ['助老'] },
          })
        ).registerVolunteer.id as string,
    );
    return { volunteers };
  },
  bursts: ({ volunteers }) => {
    const tag = tagOf('recordVolunteerService');
    const rows = { sql: 'select id from volunteer_service where activity like $1', params: [`${tag}%`] };
    return {
      kind: 'create',
      answersRecord: false,
      // two volunteers, fifteen services each at the same moment: their totals must grow by exactly each
      distinct: {
        calls: times(N, (i) => ({
          id: volunteers[i % 2],
          input: {
            idempotencyKey: keyOf('service', i),
            servedOn: '2026-11-20',
            hours: `${1 + (i % 5)}.${i % 10}`,
            activity: `${tag} 陪伴 ${i}`,
          },
        })),
        rows,
      },
      sameKey: {
        calls: same({
          id: volunteers[0],
          input: {
            idempotencyKey: keyOf('service', 'same'),
            servedOn: '2026-11-21',
            hours: '2.5',
            activity: `${tag} 义诊`,
          },
        }),
        rows,
      },
    };
  },
  invariant: async ({ volunteers }) => {
    // a volunteer's total hours are the sum of their services, to the tenth
    const totals = await sql(
      'civil-affairs',
      'select v.total_hours::numeric = coalesce((select sum(hours) from volunteer_service s where s.volunteer_id = v.id), 0) as adds_up from volunteer v where v.id = any($1::uuid[])',
      [volunteers],
    );
    expect(totals).toEqual([{ adds_up: true }, { adds_up: true }]);
  },
};

// ---- civil affairs: home-care services and volunteer teams ------------------------------------------------------------

const HOME_CARE = 'id hoursPerMonth endsOn';
const ARRANGE_HOME_CARE = `mutation($input: ArrangeHomeCareInput!) { arrangeHomeCare(input: $input) { ${HOME_CARE} } }`;
const HOME_CARE_KINDS = ['MEALS', 'BATHING', 'CLEANING', 'NURSING', 'COMPANIONSHIP', 'EMERGENCY_CALL'];

/**
 * A change that takes a record once: 30 records changed at once, then one record sent the same change 30 times — the
 * first takes it, the others are refused CONFLICT. `call(id, i)` makes call i, `call(id, 'once')` the repeated one.
 */
const takenOnce = (
  records: string[],
  changed: (list: string[]) => Rows,
  call: (id: string, i: number | 'once') => Record<string, unknown>,
): ChangeBursts => ({
  kind: 'change',
  distinct: { calls: times(N, (i) => call(records[i], i)), rows: changed(records.slice(0, N)) },
  oneRecord: {
    calls: same(call(records[N], 'once')),
    rows: changed([records[N]]),
    winners: 'ONE',
    refusedAs: ['CONFLICT'],
  },
});

/** 31 running services of six newcomers (from `first` on), one of each kind, arranged one by one by a caseworker. */
async function homeCareServices(name: string, first: number): Promise<string[]> {
  const pool = await newcomers();
  return inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) =>
      (
        await as(caseworker).data(ARRANGE_HOME_CARE, {
          input: {
            idempotencyKey: keyOf(`${name}-prep`, i),
            residentId: pool[first + Math.floor(i / 6)].id,
            kind: HOME_CARE_KINDS[i % 6],
            hoursPerMonth: '8',
          },
        })
      ).arrangeHomeCare.id as string,
  );
}

const arrangeHomeCare = newcomerCreate({
  owner: 'civil-affairs',
  caller: caseworker,
  document: ARRANGE_HOME_CARE,
  table: 'home_care_service',
  residents: 6,
  // five residents, each getting all six kinds at the same moment
  distinct: (pool, i) => ({
    input: {
      idempotencyKey: keyOf('home-care', i),
      residentId: pool[Math.floor(i / 6)].id,
      kind: HOME_CARE_KINDS[i % 6],
      hoursPerMonth: `${10 + i}.5`,
    },
  }),
  same: (pool) => ({
    input: { idempotencyKey: keyOf('home-care', 'same'), residentId: pool[5].id, kind: 'MEALS', hoursPerMonth: '20' },
  }),
  invariant: async () => {
    // one running service of a kind per resident, whatever the burst did
    await noRows(
      'civil-affairs',
      'select resident_id, kind from home_care_service where ends_on is null group by 1, 2 having count(*) > 1',
    );
  },
});

const CHANGE_HOME_CARE = `mutation($id: ID!, $hours: Decimal!) { changeHomeCare(id: $id, hoursPerMonth: $hours) { ${HOME_CARE} } }`;

const changeHomeCare: BurstCase<{ services: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: CHANGE_HOME_CARE,
  prepare: async () => ({ services: await homeCareServices('change-home-care', 6) }),
  bursts: ({ services }) =>
    takenOnce(
      services,
      (list) => ({
        sql: 'select id from home_care_service where id = any($1::uuid[]) and hours_per_month <> 8',
        params: [list],
      }),
      (id, i) => ({ id, hours: i === 'once' ? '99.5' : `${20 + i}.5` }),
    ),
};

const END_HOME_CARE = `mutation($id: ID!, $input: EndHomeCareInput!) { endHomeCare(id: $id, input: $input) { ${HOME_CARE} } }`;

const endHomeCare: BurstCase<{ services: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: END_HOME_CARE,
  prepare: async () => ({ services: await homeCareServices('end-home-care', 12) }),
  bursts: ({ services }) =>
    takenOnce(
      services,
      (list) => ({
        sql: 'select id from home_care_service where id = any($1::uuid[]) and ends_on is not null',
        params: [list],
      }),
      (id, i) => ({ id, input: { reason: `压测 ${i}` } }),
    ),
};

const TEAM = 'id name disbandedOn';
const CREATE_TEAM = `mutation($input: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $input) { ${TEAM} } }`;

/** 31 serving teams of the burst's community, founded one by one by a caseworker. */
async function volunteerTeams(name: string): Promise<string[]> {
  const communityCode = teamCommunity();
  return inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) =>
      (
        await as(caseworker).data(CREATE_TEAM, {
          input: {
            idempotencyKey: keyOf(`${name}-prep`, i),
            name: `${tagOf(name)} ${i}`,
            communityCode,
          },
        })
      ).createVolunteerTeam.id as string,
  );
}

/** The community of the burst's building (worked out once: burstPlace reads the whole world). */
let teamCommunityCode: string | undefined;
const teamCommunity = () =>
  (teamCommunityCode ??= testWorld().buildings.find((b) => b.id === place().building.id)!.communityCode);

const createVolunteerTeam: BurstCase<{ community: string }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: CREATE_TEAM,
  prepare: async () => ({ community: teamCommunity() }),
  bursts: ({ community }) => {
    const tag = tagOf('createVolunteerTeam');
    const rows = { sql: 'select id from volunteer_team where name like $1', params: [`${tag}%`] };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: {
        calls: times(N, (i) => ({
          input: { idempotencyKey: keyOf('team', i), name: `${tag} ${i}`, communityCode: community },
        })),
        rows,
      },
      sameKey: {
        calls: same({
          input: { idempotencyKey: keyOf('team', 'same'), name: `${tag} same`, communityCode: community },
        }),
        rows,
      },
    };
  },
};

const RENAME_TEAM = `mutation($id: ID!, $name: String!) { renameVolunteerTeam(id: $id, name: $name) { ${TEAM} } }`;

const renameVolunteerTeam: BurstCase<{ teams: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: RENAME_TEAM,
  prepare: async () => ({ teams: await volunteerTeams('rename-team') }),
  bursts: ({ teams }) => {
    const tag = tagOf('renamed-team');
    return takenOnce(
      teams,
      (list) => ({
        sql: 'select id from volunteer_team where id = any($1::uuid[]) and name like $2',
        params: [list, `${tag}%`],
      }),
      (id, i) => ({ id, name: `${tag} ${i}` }),
    );
  },
};

const DISBAND_TEAM = `mutation($id: ID!, $reason: String!) { disbandVolunteerTeam(id: $id, reason: $reason) { ${TEAM} } }`;

const disbandVolunteerTeam: BurstCase<{ teams: string[] }> = {
  owner: 'civil-affairs',
  caller: caseworker,
  document: DISBAND_TEAM,
  prepare: async () => ({ teams: await volunteerTeams('disband-team') }),
  bursts: ({ teams }) =>
    takenOnce(
      teams,
      (list) => ({
        sql: 'select id from volunteer_team where id = any($1::uuid[]) and disbanded_on is not null',
        params: [list],
      }),
      (id, i) => ({ id, reason: `压测 ${i}` }),
    ),
};

const RECORD_DISABILITY = 'mutation($input: RecordDisabilityInput!) { recordDisability(input: $input) { id grade } }';
const DISABILITY_KINDS = Object.keys(DISABILITY_TYPES) as DisabilityType[];

/** A disability certificate for `r`: its type and grade turn with `i`. */
function disabilityForm(r: Newcomer, i: number, key: string) {
  const type = DISABILITY_KINDS[i % DISABILITY_KINDS.length];
  const grade = 1 + (i % 4);
  return {
    input: {
      idempotencyKey: key,
      residentId: r.id,
      type,
      grade,
      certificateNumber: disabilityCertificateNumber(r.idNumber, type, grade),
      issuedOn: '2026-11-02',
    },
  };
}

const recordDisability = newcomerCreate({
  owner: 'civil-affairs',
  caller: caseworker,
  document: RECORD_DISABILITY,
  table: 'disability',
  distinct: (pool, i) => disabilityForm(pool[i], i, keyOf('disability', i)),
  same: (pool) => disabilityForm(pool[N], 3, keyOf('disability', 'same')),
});

const GRANT =
  'mutation($id: ID!, $key: String!) { grantElderlyAllowance(residentId: $id, idempotencyKey: $key) { id monthlyAmount } }';

const grantElderlyAllowance = newcomerCreate({
  owner: 'civil-affairs',
  caller: caseworker,
  document: GRANT,
  table: 'elderly_allowance',
  distinct: (pool, i) => ({ id: pool[i].id, key: keyOf('allowance', i) }),
  same: (pool) => ({ id: pool[N].id, key: keyOf('allowance', 'same') }),
});

const RECORD_SPECIAL_CARE =
  'mutation($input: RecordSpecialCareInput!) { recordSpecialCare(input: $input) { id category } }';
const CARE_CATEGORIES = ['VETERAN', 'DISABLED_SOLDIER', 'MARTYR_FAMILY', 'SERVICEMAN_FAMILY'];

const recordSpecialCare = newcomerCreate({
  owner: 'civil-affairs',
  caller: caseworker,
  document: RECORD_SPECIAL_CARE,
  table: 'special_care',
  // eight residents, each recognised in four categories
  distinct: (pool, i) => ({
    input: {
      idempotencyKey: keyOf('care', i),
      residentId: pool[Math.floor(i / 4)].id,
      category: CARE_CATEGORIES[i % 4],
      monthlyAmount: `${100 + i}.00`,
      since: '2026-10-01',
    },
  }),
  same: (pool) => ({
    input: {
      idempotencyKey: keyOf('care', 'same'),
      residentId: pool[N].id,
      category: 'VETERAN',
      monthlyAmount: '300.00',
      since: '2026-10-01',
    },
  }),
  invariant: async () => {
    await noRows('civil-affairs', 'select resident_id, category from special_care group by 1, 2 having count(*) > 1');
  },
});

// ---- public security ---------------------------------------------------------------------------------------------------

const REGISTER_TENANCY = 'mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { id } }';
const END_TENANCY = 'mutation($id: ID!, $on: LocalDate!) { endTenancy(tenancyId: $id, movedOutOn: $on) { id } }';

const registerTenancy: BurstCase<{ pool: Newcomer[]; rentals: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: REGISTER_TENANCY,
  // the last rental of the building is endTenancy's
  prepare: async () => ({ pool: await newcomers(), rentals: ids(place().rentals.slice(0, -1)) }),
  bursts: ({ pool, rentals }) => {
    const rows = {
      sql: 'select id from rental_tenancy where resident_id = any($1::uuid[]) and rental_id = any($2::uuid[])',
      params: [ids(pool), rentals],
    };
    return {
      kind: 'create',
      answersRecord: false,
      distinct: {
        calls: times(N, (i) => ({
          input: {
            idempotencyKey: keyOf('tenancy', i),
            rentalId: rentals[i % rentals.length],
            residentId: pool[i].id,
            movedInOn: '2026-10-01',
          },
        })),
        rows,
      },
      sameKey: {
        calls: same({
          input: {
            idempotencyKey: keyOf('tenancy', 'same'),
            rentalId: rentals[0],
            residentId: pool[N].id,
            movedInOn: '2026-10-02',
          },
        }),
        rows,
      },
    };
  },
  invariant: async () => {
    // a resident is a current tenant of a rental once
    await noRows(
      'public-security',
      'select rental_id, resident_id from rental_tenancy where moved_out_on is null group by 1, 2 having count(*) > 1',
    );
  },
};

const endTenancy: BurstCase<{ tenancies: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: END_TENANCY,
  prepare: async () => {
    const pool = await newcomers();
    const rental = place().rentals.at(-1)!;
    const tenants = [...pool.slice(0, N), pool[32]];
    await inBatches(tenants, 6, (r, i) =>
      as(officer).data(REGISTER_TENANCY, {
        input: { idempotencyKey: keyOf('end-prep', i), rentalId: rental.id, residentId: r.id, movedInOn: '2026-10-01' },
      }),
    );
    const { rental: answer } = await as(officer).data(
      'query($id: ID!) { rental(id: $id) { tenants(current: true) { id resident { id } } } }',
      { id: rental.id },
    );
    const byResident = new Map<string, string>(
      answer.tenants.map((t: { id: string; resident: { id: string } }) => [t.resident.id, t.id]),
    );
    return { tenancies: tenants.map((r) => byResident.get(r.id)!) };
  },
  bursts: ({ tenancies }) => {
    const ended = (list: string[]): Rows => ({
      sql: 'select id from rental_tenancy where id = any($1::uuid[]) and moved_out_on is not null',
      params: [list],
    });
    return {
      kind: 'change',
      distinct: { calls: times(N, (i) => ({ id: tenancies[i], on: day(i) })), rows: ended(tenancies.slice(0, N)) },
      oneRecord: {
        calls: times(N, (i) => ({ id: tenancies[N], on: day(i) })),
        rows: ended([tenancies[N]]),
        winners: 'ONE',
        refusedAs: ['CONFLICT'],
      },
    };
  },
  invariant: async ({ tenancies }, { distinct, same: raced }) => {
    // a tenancy has one end date: the one its winner sent
    const rows = await sql(
      'public-security',
      `select id, to_char(moved_out_on, 'YYYY-MM-DD') as "on" from rental_tenancy where id = any($1::uuid[])`,
      [tenancies],
    );
    const on = new Map(rows.map((r) => [r.id, r.on]));
    expect(tenancies.slice(0, N).map((t) => on.get(t))).toEqual(distinct.map((_, i) => day(i)));
    expect(on.get(tenancies[N])).toBe(day(winnerOf(raced)));
  },
};

const INSPECT = 'mutation($input: RentalInspectionInput!) { recordRentalInspection(input: $input) { id } }';
const RESULTS = ['PASSED', 'HAZARDS_FOUND', 'FAILED'];

const recordRentalInspection: BurstCase<{ rentals: { id: string; registeredOn: string | null }[] }> = {
  owner: 'public-security',
  caller: officer,
  document: INSPECT,
  prepare: async () => ({ rentals: place().rentals }),
  bursts: ({ rentals }) => {
    const tag = tagOf('recordRentalInspection');
    const rows = { sql: 'select id from rental_inspection where hazards like $1', params: [`${tag}%`] };
    // dated on the rental's registration: no later than its last inspection, so no reminder list changes
    const input = (i: number, key: string) => {
      const rental = rentals[i % rentals.length];
      return {
        input: {
          idempotencyKey: key,
          rentalId: rental.id,
          inspectedOn: rental.registeredOn,
          result: RESULTS[i % 3],
          hazards: `${tag} 楼道 ${i}`,
        },
      };
    };
    return {
      kind: 'create',
      answersRecord: false,
      distinct: { calls: times(N, (i) => input(i, keyOf('inspection', i))), rows },
      sameKey: { calls: same(input(1, keyOf('inspection', 'same'))), rows },
    };
  },
};

const CONTACT = 'mutation($input: KeyPersonContactInput!) { recordKeyPersonContact(input: $input) { id } }';
const METHODS = ['VISIT', 'INTERVIEW', 'PHONE', 'VIDEO'];

const recordKeyPersonContact: BurstCase<{ keyPersons: { id: string; since: string }[] }> = {
  owner: 'public-security',
  caller: officer,
  document: CONTACT,
  // key persons under supervision whose contacts are not overdue (the overdue list, with its logs, is another file's)
  prepare: async () => {
    const overdue = new Set(ids(keyPersonsOverdue(new Set(testWorld().buildings.map((b) => b.id)))));
    const keyPersons = publicSecurityData().keyPersons.filter((k) => k.active && !overdue.has(k.id));
    expect(keyPersons.length).toBeGreaterThan(0);
    return { keyPersons };
  },
  bursts: ({ keyPersons }) => {
    const tag = tagOf('recordKeyPersonContact');
    const rows = { sql: 'select id from key_person_contact where notes like $1', params: [`${tag}%`] };
    // dated on the day supervision began: the last contact, and so every reminder, stays as it was
    const input = (i: number, key: string) => {
      const person = keyPersons[i % keyPersons.length];
      return {
        input: {
          idempotencyKey: key,
          keyPersonId: person.id,
          contactedOn: person.since,
          method: METHODS[i % 4],
          notes: `${tag} ${i}`,
        },
      };
    };
    return {
      kind: 'create',
      answersRecord: false,
      distinct: { calls: times(N, (i) => input(i, keyOf('contact', i))), rows },
      sameKey: { calls: same(input(0, keyOf('contact', 'same'))), rows },
    };
  },
};

// ---- public security: incidents, rentals, residence permits, supervision, grid police ---------------------------------

const PS_TYPES = ['THEFT', 'FRAUD', 'DISPUTE', 'NOISE', 'FIRE'];
const RISKS = ['LOW', 'MEDIUM', 'HIGH'];
const RECORD_INCIDENT = 'mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id status } }';

/** The change-history rows of one action on these records (what a step, a renewal, a cancellation adds). */
const historyOf = (records: string[], action: string): Rows => ({
  sql: 'select id from change_history where record_id = any($1::uuid[]) and action = $2',
  params: [records, action],
});

/** An incident in the burst's building, one of the newcomers its only party. */
const incidentInput = (key: string, summary: string, i: number, party: Newcomer) => ({
  idempotencyKey: key,
  // long before any window a report counts over (the seed's incidents are the last 90 days' and before)
  occurredAt: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:30:00.000Z`,
  type: PS_TYPES[i % PS_TYPES.length],
  buildingId: place().building.id,
  summary,
  parties: [{ residentId: party.id, role: i % 2 ? 'VICTIM' : 'REPORTER' }],
});

const recordIncident: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'public-security',
  caller: officer,
  document: RECORD_INCIDENT,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const tag = tagOf('recordIncident');
    const rows = { sql: 'select id from incident where summary like $1', params: [`${tag}%`] };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: {
        calls: times(N, (i) => ({ input: incidentInput(keyOf('incident', i), `${tag} ${i}`, i, pool[i]) })),
        rows,
      },
      sameKey: { calls: same({ input: incidentInput(keyOf('incident', 'same'), `${tag} same`, 3, pool[N]) }), rows },
    };
  },
  invariant: async () => {
    // every incident holds its one party: none lost, none doubled
    await noRows(
      'public-security',
      'select i.id from incident i where i.summary like $1 and (select count(*) from incident_party p where p.incident_id = i.id) <> 1',
      [`${tagOf('recordIncident')}%`],
    );
  },
};

const CHANGE_INCIDENT =
  'mutation($id: ID!, $action: IncidentAction!, $note: String) { changeIncident(id: $id, action: $action, note: $note) { id status } }';

const changeIncident: BurstCase<{ incidents: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: CHANGE_INCIDENT,
  prepare: async () => {
    const pool = await newcomers();
    const incidents = await inBatches(
      times(N + 1, (i) => i),
      6,
      async (i) =>
        (
          await as(officer).data(RECORD_INCIDENT, {
            input: incidentInput(keyOf('change-incident-prep', i), `${tagOf('changeIncident')} ${i}`, i, pool[i]),
          })
        ).recordIncident.id as string,
    );
    return { incidents };
  },
  bursts: ({ incidents }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: incidents[i], action: 'DISPATCH' })),
      rows: historyOf(incidents.slice(0, N), 'INCIDENT_DISPATCHED'),
    },
    // the row is locked: the first dispatches it, the others find it DISPATCHED
    oneRecord: {
      calls: same({ id: incidents[N], action: 'DISPATCH' }),
      rows: historyOf([incidents[N]], 'INCIDENT_DISPATCHED'),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ incidents }) => {
    // every incident dispatched, once
    await noRows(
      'public-security',
      `select i.id from incident i where i.id = any($1::uuid[]) and (i.status <> 'DISPATCHED' or (select count(*) from change_history h where h.record_id = i.id and h.action = 'INCIDENT_DISPATCHED') <> 1)`,
      [incidents],
    );
  },
};

const REGISTER_RENTAL = 'mutation($input: RegisterRentalInput!) { registerRental(input: $input) { id } }';

const registerRental: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'public-security',
  caller: officer,
  document: REGISTER_RENTAL,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const tag = tagOf('registerRental');
    const rows = { sql: 'select id from rental_housing where room like $1', params: [`${tag}%`] };
    // registered today: no inspection is due, so no reminder list changes
    const input = (i: number, key: string) => ({
      input: {
        idempotencyKey: key,
        buildingId: place().building.id,
        room: `${tag} ${i}室`,
        landlordId: pool[i].id,
        riskLevel: RISKS[i % 3],
      },
    });
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(i, keyOf('rental', i))), rows },
      sameKey: { calls: same(input(N, keyOf('rental', 'same'))), rows },
    };
  },
  invariant: async () => {
    // a room of a building is registered once
    await noRows('public-security', 'select building_id, room from rental_housing group by 1, 2 having count(*) > 1');
  },
};

const PERMIT = 'id status expiresOn';
const ISSUE_PERMIT = `mutation($input: IssueResidencePermitInput!) { issueResidencePermit(input: $input) { ${PERMIT} } }`;
const RENEW_PERMIT = `mutation($id: ID!) { renewResidencePermit(id: $id) { ${PERMIT} } }`;
const CANCEL_PERMIT = `mutation($id: ID!, $reason: String!) { cancelResidencePermit(id: $id, reason: $reason) { ${PERMIT} } }`;
const PERMIT_REASONS = ['WORK', 'BUSINESS', 'STUDY', 'FAMILY', 'OTHER'];

const permitInput = (key: string, resident: Newcomer, employer: string, i: number, issuedOn?: string) => ({
  input: { idempotencyKey: key, residentId: resident.id, reason: PERMIT_REASONS[i % 5], employer, issuedOn },
});

/** 31 permits of the newcomers, issued one by one (their employer the case's tag), by id. */
async function permitsOf(name: string, issuedOn?: string): Promise<string[]> {
  const pool = await newcomers();
  return inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) =>
      (await as(officer).data(ISSUE_PERMIT, permitInput(keyOf(`${name}-prep`, i), pool[i], tagOf(name), i, issuedOn)))
        .issueResidencePermit.id as string,
  );
}

/** Cancels the case's permits still held, so the newcomers may be issued one again (each holds one at a time). */
async function cancelHeld(name: string): Promise<void> {
  const held = await sql(
    'public-security',
    `select id from residence_permit where employer = $1 and recorded_status <> 'CANCELLED'`,
    [tagOf(name)],
  );
  await inBatches(ids(held), 6, (id) => as(officer).data(CANCEL_PERMIT, { id, reason: '压测撤回' }));
}

/** No resident holds two valid permits. */
const onePermitEach = () =>
  noRows(
    'public-security',
    `select resident_id from residence_permit where recorded_status <> 'CANCELLED' and expires_on >= $1::date group by 1 having count(*) > 1`,
    [today()],
  );

const issueResidencePermit: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'public-security',
  caller: officer,
  document: ISSUE_PERMIT,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const tag = tagOf('issueResidencePermit');
    const rows = { sql: 'select id from residence_permit where employer = $1', params: [tag] };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => permitInput(keyOf('permit', i), pool[i], tag, i)), rows },
      sameKey: { calls: same(permitInput(keyOf('permit', 'same'), pool[N], tag, N)), rows },
    };
  },
  invariant: onePermitEach,
  undo: () => cancelHeld('issueResidencePermit'),
};

const renewResidencePermit: BurstCase<{ permits: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: RENEW_PERMIT,
  // issued a year less 10 days ago: they expire in 10 days, inside the 30-day renewal window
  prepare: async () => ({
    permits: await permitsOf('renewResidencePermit', addDays(addYears(today(), -1), 10)),
  }),
  bursts: ({ permits }) => ({
    kind: 'change',
    distinct: { calls: times(N, (i) => ({ id: permits[i] })), rows: historyOf(permits.slice(0, N), 'PERMIT_RENEWED') },
    // the first renews it for a year; the others find it no longer due
    oneRecord: {
      calls: same({ id: permits[N] }),
      rows: historyOf([permits[N]], 'PERMIT_RENEWED'),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ permits }) => {
    // no permit renewed twice: each valid exactly a year longer, with one renewal in its history
    await noRows(
      'public-security',
      `select p.id from residence_permit p where p.id = any($1::uuid[]) and (p.recorded_status <> 'RENEWED' or p.expires_on <> p.issued_on + interval '2 years' or (select count(*) from change_history h where h.record_id = p.id and h.action = 'PERMIT_RENEWED') <> 1)`,
      [permits],
    );
    await onePermitEach();
  },
  undo: () => cancelHeld('renewResidencePermit'),
};

const cancelResidencePermit: BurstCase<{ permits: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: CANCEL_PERMIT,
  prepare: async () => ({ permits: await permitsOf('cancelResidencePermit') }),
  bursts: ({ permits }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: permits[i], reason: `压测 ${i}` })),
      rows: historyOf(permits.slice(0, N), 'PERMIT_CANCELLED'),
    },
    oneRecord: {
      calls: times(N, (i) => ({ id: permits[N], reason: `压测 ${i}` })),
      rows: historyOf([permits[N]], 'PERMIT_CANCELLED'),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ permits }, { distinct, same: raced }) => {
    // each permit cancelled once, with the reason its winner gave
    const rows = await sql(
      'public-security',
      `select p.id, p.recorded_status as status, h.reason from residence_permit p left join change_history h on h.record_id = p.id and h.action = 'PERMIT_CANCELLED' where p.id = any($1::uuid[])`,
      [permits],
    );
    const byId = new Map(rows.map((r) => [r.id, { status: r.status, reason: r.reason }]));
    expect(rows).toHaveLength(N + 1);
    expect(permits.map((id) => byId.get(id))).toEqual([
      ...distinct.map((_, i) => ({ status: 'CANCELLED', reason: `压测 ${i}` })),
      { status: 'CANCELLED', reason: `压测 ${winnerOf(raced)}` },
    ]);
  },
};

/**
 * Ending a record on a day (撤管, 离任): 30 records ended at once on days of November, then one record sent 30 ends at
 * once: the row is locked, the first ends it and the others find it ended (`refusedAs`). After both, each record has one
 * end, the day its winner sent, and one `action` in its history.
 */
function endedOnDay(table: string, action: string, dateArg: string, reason: string, refusedAs: string) {
  const ended = (list: string[]): Rows => ({
    sql: `select id from ${table} where id = any($1::uuid[]) and until is not null`,
    params: [list],
  });
  const call = (id: string, i: number) => ({ id, [dateArg]: day(i), reason: `${reason} ${i}` });
  return {
    bursts: (records: string[]): ChangeBursts => ({
      kind: 'change',
      distinct: { calls: times(N, (i) => call(records[i], i)), rows: ended(records.slice(0, N)) },
      oneRecord: {
        calls: times(N, (i) => call(records[N], i)),
        rows: ended([records[N]]),
        winners: 'ONE',
        refusedAs: [refusedAs],
      },
    }),
    invariant: async (records: string[], { distinct, same: raced }: { distinct: Outcome[]; same: Outcome[] }) => {
      const rows = await sql(
        'public-security',
        `select id, to_char(until, 'YYYY-MM-DD') as "until", (select count(*)::int from change_history h where h.record_id = r.id and h.action = $2) as ends from ${table} r where id = any($1::uuid[])`,
        [records, action],
      );
      const byId = new Map(rows.map((r) => [r.id, { until: r.until, ends: r.ends }]));
      expect(records.map((id) => byId.get(id))).toEqual([
        ...distinct.map((_, i) => ({ until: day(i), ends: 1 })),
        { until: day(winnerOf(raced)), ends: 1 },
      ]);
    },
  };
}

const supervisionEnds = endedOnDay('key_person', 'SUPERVISION_ENDED', 'on', '压测撤管', 'INVALID_TRANSITION');
const assignmentEnds = endedOnDay('grid_police_assignment', 'POLICE_UNASSIGNED', 'until', '压测离任', 'CONFLICT');

const START_SUPERVISION =
  'mutation($input: KeyPersonSupervisionInput!) { startKeyPersonSupervision(input: $input) { id active } }';
const END_SUPERVISION =
  'mutation($id: ID!, $on: LocalDate!, $reason: String!) { endKeyPersonSupervision(id: $id, endedOn: $on, reason: $reason) { id active } }';
const KEY_PERSON_CATEGORIES = ['COMMUNITY_CORRECTION', 'RELEASED_PRISONER', 'DRUG_REHABILITATION', 'OTHER'];

const supervisionInput = (key: string, resident: Newcomer, reason: string, i: number, since: string) => ({
  input: {
    idempotencyKey: key,
    residentId: resident.id,
    category: KEY_PERSON_CATEGORIES[i % 4],
    riskLevel: RISKS[i % 3],
    since,
    reason,
  },
});

/** The key persons whose supervision was started with this reason. */
const startedWith = (reason: string): Rows => ({
  sql: `select k.id from key_person k join change_history h on h.record_id = k.id and h.action = 'SUPERVISION_STARTED' where h.reason = $1`,
  params: [reason],
});

/** A person is under one supervision at a time. */
const oneSupervisionEach = () =>
  noRows('public-security', 'select resident_id from key_person where active group by 1 having count(*) > 1');

const startKeyPersonSupervision: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'public-security',
  caller: officer,
  document: START_SUPERVISION,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const tag = tagOf('startKeyPersonSupervision');
    // since today: no contact is due yet, so no overdue list changes
    const input = (i: number, key: string) => supervisionInput(key, pool[i], tag, i, today());
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(i, keyOf('supervision', i))), rows: startedWith(tag) },
      sameKey: { calls: same(input(N, keyOf('supervision', 'same'))), rows: startedWith(tag) },
    };
  },
  invariant: oneSupervisionEach,
  // ended again, so the newcomers are nobody's key persons (and may be put under supervision by the next case)
  undo: async () => {
    const open = await sql(
      'public-security',
      `select k.id from key_person k join change_history h on h.record_id = k.id and h.action = 'SUPERVISION_STARTED' where h.reason = $1 and k.active`,
      [tagOf('startKeyPersonSupervision')],
    );
    await inBatches(ids(open), 6, (id) => as(officer).data(END_SUPERVISION, { id, on: today(), reason: '压测撤管' }));
  },
};

const endKeyPersonSupervision: BurstCase<{ keyPersons: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: END_SUPERVISION,
  prepare: async () => {
    const pool = await newcomers();
    const reason = tagOf('endKeyPersonSupervision');
    const keyPersons = await inBatches(
      times(N + 1, (i) => i),
      6,
      async (i) =>
        (
          await as(officer).data(
            START_SUPERVISION,
            supervisionInput(keyOf('end-supervision-prep', i), pool[i], reason, i, '2026-10-01'),
          )
        ).startKeyPersonSupervision.id as string,
    );
    return { keyPersons };
  },
  bursts: ({ keyPersons }) => supervisionEnds.bursts(keyPersons),
  invariant: async ({ keyPersons }, outcomes) => {
    await supervisionEnds.invariant(keyPersons, outcomes);
    await oneSupervisionEach();
  },
};

const ASSIGN_POLICE = 'mutation($input: AssignGridPoliceInput!) { assignGridPolice(input: $input) { id until } }';
const END_ASSIGNMENT =
  'mutation($id: ID!, $until: LocalDate!, $reason: String!) { endGridPoliceAssignment(id: $id, until: $until, reason: $reason) { id until } }';

interface BurstOfficer {
  id: string;
  name: string;
  badgeNumber: string;
}

let burstOfficers: Promise<BurstOfficer[]> | undefined;

/**
 * 31 grid police officers for the burst's grid. The district has five grids and five officers, so at most 20 pairs of
 * grid and officer are free at one time, and a burst needs 31; grid has no mutation that hires, so they are written
 * into grid's workforce once, on no region's roster (no card or list of a region shows them). Each case ends what it
 * assigned.
 */
function officersOfBurst(): Promise<BurstOfficer[]> {
  return (burstOfficers ??= (async () => {
    const officers = times(N + 1, (i) => ({
      id: randomUUID(),
      name: `压测民警${i}`,
      badgeNumber: String(900000 + i),
    }));
    await sql(
      'grid',
      `insert into staff (id, name, role, phone) select id, name, 'GRID_POLICE', '13900000000' from unnest($1::uuid[], $2::text[]) as t(id, name)`,
      [officers.map((o) => o.id), officers.map((o) => o.name)],
    );
    return officers;
  })());
}

const assignInput = (key: string, officer: BurstOfficer, station: string, since: string) => ({
  input: {
    idempotencyKey: key,
    gridId: place().grid.id,
    staffId: officer.id,
    name: officer.name,
    badgeNumber: officer.badgeNumber,
    policeStation: station,
    stationPhone: '010-65551234',
    since,
  },
});

/** Ends the assignments of the case still open (its police station is the case's tag). */
async function endOpenAssignments(name: string): Promise<void> {
  const open = await sql(
    'public-security',
    'select id from grid_police_assignment where police_station = $1 and until is null',
    [tagOf(name)],
  );
  await inBatches(ids(open), 6, (id) => as(officer).data(END_ASSIGNMENT, { id, until: today(), reason: '压测离任' }));
}

const assignGridPolice: BurstCase<{ officers: BurstOfficer[] }> = {
  owner: 'public-security',
  caller: officer,
  document: ASSIGN_POLICE,
  prepare: async () => ({ officers: await officersOfBurst() }),
  bursts: ({ officers }) => {
    const tag = tagOf('assignGridPolice');
    const rows = { sql: 'select id from grid_police_assignment where police_station = $1', params: [tag] };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => assignInput(keyOf('police', i), officers[i], tag, day(i))), rows },
      sameKey: { calls: same(assignInput(keyOf('police', 'same'), officers[N], tag, day(N))), rows },
    };
  },
  invariant: async () => {
    // an officer is assigned to a grid once at a time
    await noRows(
      'public-security',
      'select region_id, staff_id from grid_police_assignment where until is null group by 1, 2 having count(*) > 1',
    );
  },
  undo: () => endOpenAssignments('assignGridPolice'),
};

const endGridPoliceAssignment: BurstCase<{ assignments: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: END_ASSIGNMENT,
  prepare: async () => {
    const station = tagOf('endGridPoliceAssignment');
    const assignments = await inBatches(
      await officersOfBurst(),
      6,
      async (o, i) =>
        (await as(officer).data(ASSIGN_POLICE, assignInput(keyOf('end-police-prep', i), o, station, '2026-10-01')))
          .assignGridPolice.id as string,
    );
    return { assignments };
  },
  bursts: ({ assignments }) => assignmentEnds.bursts(assignments),
  invariant: async ({ assignments }, outcomes) => assignmentEnds.invariant(assignments, outcomes),
};

// ---- grid -------------------------------------------------------------------------------------------------------------

const worker = () => gridWorkerOf(place().grid.id);
const REPORT = 'mutation($input: ReportEventInput!) { reportEvent(input: $input) { id status version } }';
const TRANSITION = 'mutation($input: TransitionEventInput!) { transitionEvent(input: $input) { id status version } }';
const VISIT = 'mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id event { id } } }';
const CATEGORIES = [
  'DISPUTE',
  'SAFETY_HAZARD',
  'ENVIRONMENT',
  'PUBLIC_OPINION',
  'SERVICE_REQUEST',
  'PROPERTY',
  'PUBLIC_ORDER',
];
const eventsTitled = (tag: string): Rows => ({ sql: 'select id from event where title like $1', params: [`${tag}%`] });

/** An event's timeline has one entry per applied move (and its report): as many as its version. */
async function timelinesWhole(eventIds: string[]): Promise<void> {
  await noRows(
    'grid',
    'select e.id from event e where e.id = any($1::uuid[]) and e.version <> (select count(*) from event_transition t where t.event_id = e.id)',
    [eventIds],
  );
}

const CLOSE = ['REGISTER', 'DISPATCH', 'ACCEPT', 'START', 'REPORT_BACK', 'VERIFY', 'CLOSE'];
/** a department outside the hub whose answers the desk records (grid-loop's is another) */
const HANDLER = 'ECOLOGY_ENVIRONMENT';

/** 31 events reported in the grid, each moved by `actions` by the desk (and verified by the grid's worker), one by one. */
async function walkedEvents(
  name: string,
  actions: string[],
): Promise<{ id: string; status: string; version: number }[]> {
  const buildings = ids(place().buildings);
  return inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) => {
      let event = (
        await as(worker()).data(REPORT, {
          input: {
            idempotencyKey: keyOf(name, i),
            category: 'ENVIRONMENT',
            title: `${tagOf(name)} ${i}`,
            description: '垃圾未清运',
            buildingId: buildings[i % buildings.length],
          },
        })
      ).reportEvent;
      for (const action of actions) {
        const input = {
          id: event.id,
          version: event.version,
          action,
          ...(action === 'DISPATCH' ? { department: HANDLER } : {}),
        };
        event = (await as(action === 'VERIFY' ? worker() : dispatcher).data(TRANSITION, { input })).transitionEvent;
      }
      return event;
    },
  );
}

const reportEvent: BurstCase<{ buildings: string[]; pool: Newcomer[] }> = {
  owner: 'grid',
  caller: worker(),
  document: REPORT,
  prepare: async () => ({ buildings: ids(place().buildings), pool: await newcomers() }),
  bursts: ({ buildings, pool }) => {
    const tag = tagOf('reportEvent');
    // each names a newcomer: grid asks population about them before its transaction opens
    const input = (i: number, key: string) => ({
      input: {
        idempotencyKey: key,
        category: CATEGORIES[i % 7],
        title: `${tag} ${i}`,
        description: '楼道堆放杂物',
        buildingId: buildings[i % buildings.length],
        residentIds: [pool[i].id],
      },
    });
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(i, keyOf('report', i))), rows: eventsTitled(tag) },
      sameKey: { calls: same(input(N, keyOf('report', 'same'))), rows: eventsTitled(tag) },
    };
  },
  invariant: async () =>
    timelinesWhole(ids(await sql('grid', 'select id from event where title like $1', [`${tagOf('reportEvent')}%`]))),
};

const transitionEvent: BurstCase<{ events: string[] }> = {
  owner: 'grid',
  caller: dispatcher,
  document: TRANSITION,
  // 31 events reported in the grid and registered (立案) by the desk, each at version 2
  prepare: async () => ({ events: ids(await walkedEvents('transition-prep', ['REGISTER'])) }),
  bursts: ({ events }) => {
    const escalations = (list: string[]): Rows => ({
      sql: `select id from event_transition where event_id = any($1::uuid[]) and action = 'ESCALATE'`,
      params: [list],
    });
    return {
      kind: 'change',
      // escalating reads the region through the transaction (the path that starved the pool in issue 18)
      distinct: {
        calls: times(N, (i) => ({
          input: { id: events[i], version: 2, action: 'ESCALATE', comment: `需街道协调 ${i}` },
        })),
        rows: escalations(events.slice(0, N)),
      },
      oneRecord: {
        calls: times(N, (i) => ({
          input: { id: events[N], version: 2, action: 'ESCALATE', comment: `需街道协调 ${i}` },
        })),
        rows: escalations([events[N]]),
        winners: 'ONE',
        refusedAs: ['CONFLICT'],
      },
    };
  },
  invariant: async ({ events }) => {
    await timelinesWhole(events);
    expect(await sql('grid', 'select distinct version from event where id = any($1::uuid[])', [events])).toEqual([
      { version: 3 },
    ]);
  },
};

const recordVisit: BurstCase<{ pool: Newcomer[]; staffId: string }> = {
  owner: 'grid',
  caller: { ...worker(), purpose: '入户走访' },
  document: VISIT,
  prepare: async () => ({ pool: await newcomers(), staffId: place().staffId }),
  bursts: ({ pool, staffId }) => {
    const tag = tagOf('recordVisit');
    const rows = { sql: 'select id from visit where findings like $1', params: [`${tag}%`] };
    // a newcomer met at home, dated in a past month (this month's coverage is another file's); each raises an event
    // naming them
    const input = (i: number, key: string) => ({
      input: {
        idempotencyKey: key,
        householdId: pool[i].householdId,
        residentId: pool[i].id,
        staffId,
        visitedAt: new Date(Date.UTC(2025, 5, 10, 2, i)).toISOString(),
        kind: 'SAFETY_CHECK',
        findings: `${tag} ${i}`,
        raiseEvent: {
          category: 'SAFETY_HAZARD',
          title: `${tag} ${i}`,
          description: '电动车楼道充电',
          residentIds: [pool[i].id],
        },
      },
    });
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(i, keyOf('visit', i))), rows },
      sameKey: { calls: same(input(N, keyOf('visit', 'same'))), rows },
    };
  },
  invariant: async () => {
    // each visit raised exactly one event, in its transaction, and points to it
    const visits = await sql(
      'grid',
      'select v.id, v.event_id, (select count(*)::int from event e where e.visit_id = v.id) as events from visit v where v.findings like $1',
      [`${tagOf('recordVisit')}%`],
    );
    expect(visits.length).toBe(N + 1);
    for (const v of visits) expect({ event: !!v.event_id, events: v.events }).toEqual({ event: true, events: 1 });
    await timelinesWhole(visits.map((v) => v.event_id));
  },
};

const REGISTER_FACILITY = 'mutation($input: RegisterFacilityInput!) { registerFacility(input: $input) { id } }';
const CHANGE_CONDITION =
  'mutation($id: ID!, $condition: FacilityCondition!, $note: String) { changeFacilityCondition(id: $id, condition: $condition, note: $note) { id condition } }';
const facilityInput = (tag: string, key: string, i: number, buildings: string[]) => ({
  input: {
    idempotencyKey: key,
    classCode: ['0117', '0124', '0101'][i % 3],
    name: `${tag} ${i}`,
    buildingId: buildings[i % buildings.length],
  },
});

const registerFacility: BurstCase<{ buildings: string[] }> = {
  owner: 'grid',
  caller: worker(),
  document: REGISTER_FACILITY,
  prepare: async () => ({ buildings: ids(place().buildings) }),
  bursts: ({ buildings }) => {
    const tag = tagOf('registerFacility');
    const rows = { sql: 'select id from facility where name like $1', params: [`${tag}%`] };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => facilityInput(tag, keyOf('facility', i), i, buildings)), rows },
      sameKey: { calls: same(facilityInput(tag, keyOf('facility', 'same'), N, buildings)), rows },
    };
  },
  // each facility has its registration as the one entry of its history
  invariant: async () =>
    noRows(
      'grid',
      'select f.id from facility f where f.name like $1 and (select count(*) from facility_condition_change c where c.facility_id = f.id) <> 1',
      [`${tagOf('registerFacility')}%`],
    ),
};

const changesOfFacilities = (facilities: string[]): Rows => ({
  sql: 'select id from facility_condition_change where facility_id = any($1::uuid[]) and from_condition is not null',
  params: [facilities],
});

const changeFacilityCondition: BurstCase<{ facilities: string[] }> = {
  owner: 'grid',
  caller: worker(),
  document: CHANGE_CONDITION,
  prepare: async () => {
    const tag = tagOf('change-facility-prep');
    const buildings = ids(place().buildings);
    const facilities = await inBatches(
      times(N + 1, (i) => i),
      6,
      async (i) =>
        (await as(worker()).data(REGISTER_FACILITY, facilityInput(tag, keyOf('change-facility-prep', i), i, buildings)))
          .registerFacility.id as string,
    );
    return { facilities };
  },
  bursts: ({ facilities }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: facilities[i], condition: 'DAMAGED', note: `巡查发现破损 ${i}` })),
      rows: changesOfFacilities(facilities.slice(0, N)),
    },
    // the row lock queues them: a call that finds it in the condition it asks for already is refused
    oneRecord: {
      calls: times(N, (i) => ({ id: facilities[N], condition: i % 2 ? 'MISSING' : 'DAMAGED' })),
      rows: changesOfFacilities([facilities[N]]),
      winners: 'SOME',
      refusedAs: ['BAD_USER_INPUT'],
    },
  }),
  invariant: async ({ facilities }) => {
    // a facility's version counts its history, and its condition is the last entry's
    await noRows(
      'grid',
      `select f.id from facility f where f.id = any($1::uuid[]) and (
         f.version <> (select count(*) from facility_condition_change c where c.facility_id = f.id)
         or f.condition <> (select c.to_condition from facility_condition_change c where c.facility_id = f.id order by c.id desc limit 1))`,
      [facilities],
    );
    // no entry repeats the condition it comes from
    await noRows(
      'grid',
      'select id from facility_condition_change where facility_id = any($1::uuid[]) and from_condition = to_condition',
      [facilities],
    );
  },
};

/** Buildings of the general grids with another micro-grid in their grid, but the one grid-visits moves. */
function movableBuildings() {
  const world = testWorld();
  const kept = new Set([nthGrid(3).buildings[0].id]);
  return world.buildings
    .filter((b) => !kept.has(b.id))
    .map((b) => {
      const grid = world.regions.find((r) => r.id === world.regions.find((m) => m.id === b.microGridId)!.parentId)!;
      return {
        id: b.id,
        home: b.microGridId,
        others: world.regions.filter((r) => r.parentId === grid.id && r.id !== b.microGridId).map((r) => r.id),
        general: grid.gridType === 'GENERAL',
      };
    })
    .filter((b) => b.general && b.others.length > 0)
    .sort((a, b) => b.others.length - a.others.length || a.id.localeCompare(b.id));
}

const MOVE = 'mutation($b: ID!, $m: ID!) { moveBuilding(buildingId: $b, microGridId: $m) { id } }';
const periodsOf = (buildings: string[]): Rows => ({
  sql: 'select id from building_assignment_period where building_id = any($1::uuid[])',
  params: [buildings],
});

const moveBuilding: BurstCase<{
  raced: ReturnType<typeof movableBuildings>[number];
  moved: ReturnType<typeof movableBuildings>;
}> = {
  owner: 'grid',
  caller: gridLeader,
  document: MOVE,
  // the race on a building of a grid with four micro-grids; 30 others moved within their grid; all moved back after
  prepare: async () => {
    const [raced, ...rest] = movableBuildings();
    return { raced, moved: rest.slice(0, N) };
  },
  bursts: ({ raced, moved }) => ({
    kind: 'change',
    distinct: { calls: moved.map((b) => ({ b: b.id, m: b.others[0] })), rows: periodsOf(ids(moved)) },
    // a later call sees where an earlier one put it: it may move it again (a new period), or is told it is there already
    oneRecord: {
      calls: times(N, (i) => ({ b: raced.id, m: raced.others[i % raced.others.length] })),
      rows: periodsOf([raced.id]),
      winners: 'SOME',
      refusedAs: ['CONFLICT', 'BAD_USER_INPUT'],
    },
  }),
  invariant: async ({ raced, moved }) => {
    // one open period per building, and it says where the building is
    await noRows(
      'grid',
      'select building_id from building_assignment_period where valid_to is null group by 1 having count(*) <> 1',
    );
    await noRows(
      'grid',
      'select a.building_id from building_assignment a left join building_assignment_period p on p.building_id = a.building_id and p.valid_to is null where p.micro_grid_id is distinct from a.micro_grid_id',
    );
    // the raced building's periods follow one another without a gap or an overlap
    await noRows(
      'grid',
      'select p.id from building_assignment_period p where p.building_id = $1 and p.valid_to is not null and not exists (select 1 from building_assignment_period n where n.building_id = p.building_id and n.valid_from = p.valid_to)',
      [raced.id],
    );
    const where = await sql(
      'grid',
      'select building_id as id, micro_grid_id as m from building_assignment where building_id = any($1::uuid[])',
      [ids(moved)],
    );
    expect(new Map(where.map((w) => [w.id, w.m]))).toEqual(new Map(moved.map((b) => [b.id, b.others[0]])));
  },
  // back where the seed put them, for the files that count by micro-grid
  undo: async ({ raced, moved }) => {
    const all = [raced, ...moved];
    const now = new Map(
      (
        await sql(
          'grid',
          'select building_id as id, micro_grid_id as m from building_assignment where building_id = any($1::uuid[])',
          [ids(all)],
        )
      ).map((w) => [w.id, w.m]),
    );
    await inBatches(
      all.filter((b) => now.get(b.id) !== b.home),
      6,
      (b) => as(gridLeader).data(MOVE, { b: b.id, m: b.home }),
    );
  },
};

const SUPERVISE =
  'mutation($id: ID!, $reason: String!, $key: String!) { superviseEvent(eventId: $id, reason: $reason, idempotencyKey: $key) { id version } }';
const OVERDUE = `query($after: String) { events(filter: { overdue: true }, first: 100, after: $after) {
  nodes { id version supervisions { reason } } pageInfo { hasNextPage endCursor } } }`;
interface OverduePage {
  nodes: { id: string; version: number; supervisions: unknown[] }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
const flagsTagged = (tag: string): Rows => ({
  sql: 'select id from event_supervision where reason like $1',
  params: [`${tag}%`],
});

/**
 * The overdue open events already flagged (督办), found as grid-loop finds its overdue one. Only the seed's events can
 * be overdue (nothing the graph reports now is past an hour's limit), and it has but a few: each takes several of the
 * burst's flags, as several officials may flag one event. A flag changes no event, and another flag on a flagged event
 * leaves the supervised counts (督办数) other files compute as they were.
 */
async function flaggedOverdue(): Promise<{ id: string; version: number }[]> {
  const found: { id: string; version: number }[] = [];
  let after: string | null = null;
  do {
    const { events }: { events: OverduePage } = await as(gridLeader).data(OVERDUE, { after });
    for (const e of events.nodes) if (e.supervisions.length) found.push({ id: e.id, version: e.version });
    after = events.pageInfo.hasNextPage ? events.pageInfo.endCursor : null;
  } while (after);
  expect(found.length).toBeGreaterThan(0);
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

const superviseEvent: BurstCase<{ events: { id: string; version: number }[] }> = {
  owner: 'grid',
  // a district official (督办人): the district's grid leader
  caller: gridLeader,
  document: SUPERVISE,
  prepare: async () => ({ events: await flaggedOverdue() }),
  bursts: ({ events }) => {
    const tag = tagOf('superviseEvent');
    const input = (i: number, key: string) => ({
      id: events[i % events.length].id,
      reason: `${tag} ${i} 超期未办结`,
      key,
    });
    return {
      kind: 'create',
      // the answer is the event flagged
      answersRecord: false,
      distinct: { calls: times(N, (i) => input(i, keyOf('supervise', i))), rows: flagsTagged(tag) },
      sameKey: { calls: same(input(N, keyOf('supervise', 'same'))), rows: flagsTagged(tag) },
    };
  },
  invariant: async ({ events }, outcomes) => {
    const tag = tagOf('superviseEvent');
    // each acknowledged call made one flag on the event it named, overdue since the deadline of the step it is in
    const flags = await sql(
      'grid',
      `select s.event_id as id, count(*)::int as n from event_supervision s join event e on e.id = s.event_id
        where s.reason like $1 and s.overdue_since = e.step_deadline and s.supervisor_role = 'GRID:GRID_LEADER'
        group by s.event_id order by s.event_id`,
      [`${tag}%`],
    );
    const named = [...outcomes.distinct, outcomes.same[0]].map((o) => o.id!);
    expect(flags).toEqual(
      events.map(({ id }) => ({ id, n: named.filter((x) => x === id).length })).filter((f) => f.n > 0),
    );
    // the events themselves unchanged
    const now = await sql('grid', 'select id, version from event where id = any($1::uuid[]) order by id', [
      ids(events),
    ]);
    expect(now).toEqual(events);
  },
};

const FOLLOW_UP = 'mutation($input: RecordFollowUpInput!) { recordFollowUp(input: $input) { id status version } }';
const followUpsCommented = (tag: string): Rows => ({
  sql: 'select id from event_follow_up where comment like $1',
  params: [`${tag}%`],
});

const recordFollowUp: BurstCase<{ events: string[] }> = {
  owner: 'grid',
  // the desk makes the follow-up calls (回访)
  caller: dispatcher,
  document: FOLLOW_UP,
  // 31 events reported in the grid, dispatched to a department outside the hub and walked to CLOSED
  prepare: async () => {
    const events = await walkedEvents('follow-up-prep', CLOSE);
    expect(events.filter((e) => e.status !== 'CLOSED')).toEqual([]);
    return { events: ids(events) };
  },
  bursts: ({ events }) => {
    const tag = tagOf('recordFollowUp');
    // every answer in turn; every fourth is dissatisfied and reopens the event (回访不满意重办), as the one sent 30 times
    const answer = (i: number, key: string) => {
      const turn = i === N ? 3 : i % 4;
      return {
        input: {
          idempotencyKey: key,
          eventId: events[i],
          satisfaction: ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'DISSATISFIED'][turn],
          comment: `${tag} ${i} 仍有异味`,
          reopen: turn === 3,
        },
      };
    };
    return {
      kind: 'create',
      // the answer is the event followed up
      answersRecord: false,
      distinct: { calls: times(N, (i) => answer(i, keyOf('follow-up', i))), rows: followUpsCommented(tag) },
      // a dissatisfied answer that reopens: one follow-up and one REDO, however often it is sent
      sameKey: { calls: same(answer(N, keyOf('follow-up', 'same'))), rows: followUpsCommented(tag) },
    };
  },
  invariant: async ({ events }) => {
    // at most one follow-up per closing
    await noRows(
      'grid',
      'select event_id from event_follow_up where event_id = any($1::uuid[]) group by event_id, closed_at having count(*) > 1',
      [events],
    );
    // a reopened event has one REDO per follow-up that reopened it and is back with its department; the others closed
    await noRows(
      'grid',
      `select e.id from event e where e.id = any($1::uuid[]) and (
        (select count(*) from event_transition t where t.event_id = e.id and t.action = 'REDO') <>
        (select count(*) from event_follow_up f where f.event_id = e.id and f.reopened)
        or e.status <> case when exists (select 1 from event_follow_up f where f.event_id = e.id and f.reopened)
          then 'DISPATCHED' else 'CLOSED' end
        or e.department is distinct from $2)`,
      [events, HANDLER],
    );
    await timelinesWhole(events);
  },
};

// ---- population --------------------------------------------------------------------------------------------------------

const UPDATE =
  'mutation($id: ID!, $input: UpdateResidentInput!, $v: Int) { updateResident(id: $id, input: $input, expectedVersion: $v) { id version } }';
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id status } }';
const REGISTER_ORGANIZATION =
  'mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }';
const EDUCATIONS = ['PRIMARY', 'JUNIOR', 'SENIOR', 'COLLEGE', 'BACHELOR', 'POSTGRADUATE'];
const changesOf = (residents: string[], field: string): Rows => ({
  sql: 'select id from resident_change where resident_id = any($1::uuid[]) and field = $2',
  params: [residents, field],
});

const registerResident: BurstCase<{ idNumbers: string[] }> = {
  owner: 'population',
  caller: registrar,
  document: REGISTER,
  prepare: async () => ({ idNumbers: times(N + 1, (i) => newcomerInput('registerResident', i).idNumber) }),
  bursts: ({ idNumbers }) => {
    const rows = { sql: 'select id from resident where id_number = any($1)', params: [idNumbers] };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => ({ input: newcomerInput('registerResident', i) })), rows },
      sameKey: { calls: same({ input: newcomerInput('registerResident', N) }), rows },
    };
  },
  // taken off the register with the suite's other newcomers
  undo: async ({ idNumbers }) =>
    remember(
      (await sql(
        'population',
        'select id, id_number as "idNumber", birth_date::text as "birthDate", household_id as "householdId" from resident where id_number = any($1)',
        [idNumbers],
      )) as Newcomer[],
    ),
};

const CONFIRM_FACTS = 'mutation($ids: [ID!]!) { confirmResidentFacts(residentIds: $ids) { id lastVerifiedAt } }';
const verificationsOf = (residents: string[]): Rows => ({
  sql: "select id from resident_change where resident_id = any($1::uuid[]) and kind = 'VERIFIED'",
  params: [residents],
});

/** 入户核实: each confirmation of a resident's facts is a VERIFIED history row and moves lastVerifiedAt. */
const confirmResidentFacts: BurstCase<{ residents: string[] }> = {
  owner: 'population',
  caller: registrar,
  document: CONFIRM_FACTS,
  prepare: async () => ({ residents: ids((await newcomers()).slice(0, N + 1)) }),
  bursts: ({ residents }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ ids: [residents[i]] })),
      rows: verificationsOf(residents.slice(0, N)),
    },
    // the resident's row is versioned: a confirmation that lost the race is refused, one after it confirms again
    oneRecord: {
      calls: same({ ids: [residents[N]] }),
      rows: verificationsOf([residents[N]]),
      winners: 'SOME',
      refusedAs: ['CONFLICT'],
    },
  }),
  invariant: async ({ residents }) =>
    // every resident confirmed has its lastVerifiedAt set by a confirmation: none is older than the registration
    noRows(
      'population',
      `select r.id from resident r where r.id = any($1::uuid[])
          and not exists (select 1 from resident_change c where c.resident_id = r.id and c.kind = 'VERIFIED')`,
      [residents],
    ),
};

const updateResident: BurstCase<{ residents: string[]; versions: number[] }> = {
  owner: 'population',
  caller: registrar,
  document: UPDATE,
  prepare: async () => {
    const residents = ids((await newcomers()).slice(0, N + 1));
    const versions = await inBatches(
      residents,
      6,
      async (id) =>
        (await as(registrar).data('query($id: ID!) { resident(id: $id) { version } }', { id })).resident
          .version as number,
    );
    return { residents, versions };
  },
  bursts: ({ residents, versions }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({
        id: residents[i],
        input: { education: EDUCATIONS[i % 6], phone: `139${String(10_000_000 + i).padStart(8, '0')}` },
        v: versions[i],
      })),
      rows: changesOf(residents.slice(0, N), 'education'),
    },
    oneRecord: {
      calls: times(N, (i) => ({ id: residents[N], input: { education: EDUCATIONS[i % 6] }, v: versions[N] })),
      rows: changesOf([residents[N]], 'education'),
      winners: 'ONE',
      refusedAs: ['CONFLICT'],
    },
  }),
  invariant: async ({ residents, versions }, { same: raced }) => {
    const rows = await sql('population', 'select id, version, education from resident where id = any($1::uuid[])', [
      residents,
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(
      residents.slice(0, N).map((id, _i) => ({ version: byId.get(id).version, education: byId.get(id).education })),
    ).toEqual(times(N, (i) => ({ version: versions[i] + 1, education: EDUCATIONS[i % 6] })));
    expect({ version: byId.get(residents[N]).version, education: byId.get(residents[N]).education }).toEqual({
      version: versions[N] + 1,
      education: EDUCATIONS[winnerOf(raced) % 6],
    });
  },
};

/** A unified social credit code no seeded organization has: a 9-character body made of this run and the call. */
function creditCode(i: number): string {
  const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const digits = (n: number, width: number) =>
    times(width, (k) => CHARSET[Math.floor(n / CHARSET.length ** (width - 1 - k)) % CHARSET.length]).join('');
  const first17 = `91110108W${digits(Math.floor(Date.now() / 1000) % CHARSET.length ** 5, 5)}${digits(i, 3)}`;
  return first17 + creditCodeCheckChar(first17);
}

const registerOrganization: BurstCase<{ buildings: string[]; codes: string[] }> = {
  owner: 'population',
  caller: registrar,
  document: REGISTER_ORGANIZATION,
  // the grid's buildings, but the one population-organizations lists
  prepare: async () => {
    const listed = new Set(
      organizationsOf(testWorld())
        .filter((o) => o.contactPhone)
        .slice(0, 1)
        .map((o) => o.buildingId),
    );
    return { buildings: ids(place().buildings).filter((b) => !listed.has(b)), codes: times(N + 1, creditCode) };
  },
  bursts: ({ buildings, codes }) => {
    const rows = { sql: 'select id from organization where credit_code = any($1)', params: [codes] };
    const input = (i: number, key: string) => ({
      input: {
        idempotencyKey: key,
        name: `压测商贸有限公司${i}`,
        creditCode: codes[i],
        type: 'ENTERPRISE',
        buildingId: buildings[i % buildings.length],
        contactName: '李明',
      },
    });
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(i, keyOf('organization', i))), rows },
      sameKey: { calls: same(input(N, keyOf('organization', 'same'))), rows },
    };
  },
};

const moveOutResident: BurstCase<{ residents: string[] }> = {
  owner: 'population',
  caller: registrar,
  document: MOVE_OUT,
  // the suite's newcomers themselves: this burst is also their way off the register (the suite takes off the rest)
  prepare: async () => ({ residents: ids((await newcomers()).slice(0, N + 1)) }),
  bursts: ({ residents }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: residents[i], input: { movedOutOn: day(i), deceased: true } })),
      rows: changesOf(residents.slice(0, N), 'status'),
    },
    // a call that reads the resident after the winner's commit finds them off the register (BAD_USER_INPUT); one that
    // read them before finds the version changed (CONFLICT)
    oneRecord: {
      calls: times(N, (i) => ({ id: residents[N], input: { movedOutOn: day(i), deceased: true } })),
      rows: changesOf([residents[N]], 'status'),
      winners: 'ONE',
      refusedAs: ['CONFLICT', 'BAD_USER_INPUT'],
    },
  }),
  invariant: async ({ residents }, { same: raced }) => {
    const rows = await sql(
      'population',
      `select id, status, to_char(left_on, 'YYYY-MM-DD') as "leftOn" from resident where id = any($1::uuid[])`,
      [residents],
    );
    const byId = new Map(rows.map((r) => [r.id, { status: r.status, leftOn: r.leftOn }]));
    expect(residents.map((id) => byId.get(id))).toEqual([
      ...times(N, (i) => ({ status: 'DECEASED', leftOn: day(i) })),
      { status: 'DECEASED', leftOn: day(winnerOf(raced)) },
    ]);
  },
};

// ---- population: 一次采集 (collected on visits, decided by the registry) ------------------------------------------------

const collector = (): Caller => ({ ...worker(), purpose: '入户采集' });
const COLLECT = `mutation($h: ID!, $key: String!, $c: PopulationCollectionInput!) {
  collectAtHousehold(householdId: $h, idempotencyKey: $key, collected: $c) { id: visitId parts { outcome worklistItemId } } }`;
const collectedVisits = (keys: string[]): Rows => ({
  sql: 'select id from collection_receipt where id = any($1::uuid[])',
  params: [keys.map((key) => visitIdFor(collector().subject!, key))],
});

/** A visit per newcomer, each collecting one fact of them: the burst's own records, made as grid staff make them. */
async function collectedFacts(name: string, fact: (i: number) => { field: string; value: string }) {
  const pool = (await newcomers()).slice(0, N + 1);
  return inBatches(pool, 6, async (r, i) => {
    const { collectAtHousehold } = await as(collector()).data(COLLECT, {
      h: r.householdId,
      key: keyOf(name, i),
      c: { facts: [{ residentId: r.id, ...fact(i) }] },
    });
    return { id: collectAtHousehold.parts[0].worklistItemId as string, visitId: collectAtHousehold.id as string };
  });
}

/** 一次采集: each visit's phone (DIRECT) is applied once, with one history row naming the visit. */
const collectAtHousehold: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'population',
  caller: collector(),
  document: COLLECT,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const keys = [...times(N, (i) => keyOf('collect', i)), keyOf('collect', 'same')];
    const input = (i: number, key: string) => ({
      h: pool[i].householdId,
      key,
      c: { facts: [{ residentId: pool[i].id, field: 'phone', value: `136${String(10_000_000 + i)}` }] },
    });
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(i, keys[i])), rows: collectedVisits(keys.slice(0, N)) },
      sameKey: { calls: same(input(N, keys[N])), rows: collectedVisits(keys.slice(N)) },
    };
  },
  invariant: async ({ pool }) => {
    const keys = [...times(N, (i) => keyOf('collect', i)), keyOf('collect', 'same')];
    const visits = keys.map((key) => visitIdFor(collector().subject!, key));
    // one phone row per visit, on the resident it named
    const rows = await sql(
      'population',
      `select visit_id, resident_id from resident_change where visit_id = any($1::uuid[]) and field = 'phone'`,
      [visits],
    );
    const byVisit = new Map(rows.map((r) => [r.visit_id, r.resident_id]));
    expect(rows.length).toBe(N + 1);
    expect(visits.map((v) => byVisit.get(v))).toEqual(ids(pool.slice(0, N + 1)));
  },
};

const VERIFY_CHANGE = 'mutation($id: ID!) { verifyCollectedChange(id: $id) { id status } }';
const maritalRows = (visits: string[]): Rows => ({
  sql: "select id from resident_change where field = 'maritalStatus' and visit_id = any($1::uuid[])",
  params: [visits],
});

/** 核实: a verified change is applied once; of 30 verifications of one change, one applies it. */
const verifyCollectedChange: BurstCase<{ changes: { id: string; visitId: string }[] }> = {
  owner: 'population',
  caller: registrar,
  document: VERIFY_CHANGE,
  prepare: async () => ({
    changes: await collectedFacts('verify-prep', () => ({ field: 'maritalStatus', value: 'MARRIED' })),
  }),
  bursts: ({ changes }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: changes[i].id })),
      rows: maritalRows(changes.slice(0, N).map((c) => c.visitId)),
    },
    // the change's row is locked for the decision: the others find it APPLIED
    oneRecord: {
      calls: same({ id: changes[N].id }),
      rows: maritalRows([changes[N].visitId]),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ changes }) =>
    noRows(
      'population',
      "select id from collected_change where id = any($1::uuid[]) and (status <> 'APPLIED' or decided_by is null)",
      [ids(changes)],
    ),
};

const REJECT_CHANGE =
  'mutation($id: ID!, $reason: String!) { rejectCollectedChange(id: $id, reason: $reason) { id status } }';
const rejected = (changes: string[]): Rows => ({
  sql: "select id from collected_change where id = any($1::uuid[]) and status = 'REJECTED'",
  params: [changes],
});

/** 不予采纳: a rejection keeps its reason; of 30 rejections of one change, one decides it. */
const rejectCollectedChange: BurstCase<{ changes: { id: string; visitId: string }[] }> = {
  owner: 'population',
  caller: registrar,
  document: REJECT_CHANGE,
  prepare: async () => ({
    changes: await collectedFacts('reject-prep', (i) => ({ field: 'name', value: `更正${i}` })),
  }),
  bursts: ({ changes }) => ({
    kind: 'change',
    distinct: {
      calls: times(N, (i) => ({ id: changes[i].id, reason: `证件不符 ${i}` })),
      rows: rejected(ids(changes.slice(0, N))),
    },
    oneRecord: {
      calls: times(N, (i) => ({ id: changes[N].id, reason: `证件不符 ${i}` })),
      rows: rejected([changes[N].id]),
      winners: 'ONE',
      refusedAs: ['INVALID_TRANSITION'],
    },
  }),
  invariant: async ({ changes }) => {
    await noRows(
      'population',
      "select id from collected_change where id = any($1::uuid[]) and (reason is null or reason not like '证件不符%')",
      [ids(changes)],
    );
    // nothing on the register changed: no name row names these visits
    await noRows('population', "select id from resident_change where field = 'name' and visit_id = any($1::uuid[])", [
      changes.map((c) => c.visitId),
    ]);
  },
};

/**
 * Every mutation of the supergraph and its burst case, in the order the suite runs them: moveOutResident last, since
 * it takes the newcomers the others act on off the register.
 */
// ---- grid: the workforce ---------------------------------------------------------------------------------------------

const ADD_STAFF = 'mutation($input: AddStaffInput!) { addStaff(input: $input) { id } }';
const ASSIGN_STAFF = 'mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id } }';
const END_STAFF = 'mutation($id: ID!, $reason: String!) { endStaffAssignment(id: $id, reason: $reason) { id status } }';
const STAFF_HISTORY = 'query($id: ID!) { staffAssignments(staffId: $id) { id status } }';
/** Officials sent down (下沉力量) to a general grid: on no contact card, in no count another file computes. */
const workforceGrid = () => nthGrid(1);
const sentDown = (tag: string, key: string, i: number | string) => ({
  input: {
    idempotencyKey: key,
    name: `${tag} ${i}`,
    role: 'SENT_DOWN_OFFICIAL',
    phone: '13800002222',
    homeUnit: '区城市管理委员会',
    gridId: workforceGrid().grid.id,
    reason: '压测下沉',
  },
});
const staffNamed = (tag: string): Rows => ({ sql: 'select id from staff where name like $1', params: [`${tag}%`] });

/** 31 officials sent down to the workforce grid, by the district's grid leader. */
const sentDownStaff = (name: string) =>
  inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) => (await as(gridLeader).data(ADD_STAFF, sentDown(tagOf(name), keyOf(name, i), i))).addStaff.id as string,
  );

/** Ends every active assignment of the staff named by `tag` (through the graph), so no grid keeps them. */
async function endAssignmentsOf(tag: string): Promise<void> {
  const open = await sql(
    'grid',
    `select a.id from staff_assignment a join staff s on s.id = a.staff_id where s.name like $1 and a.status = 'ACTIVE'`,
    [`${tag}%`],
  );
  await inBatches(open, 6, (a) => as(gridLeader).data(END_STAFF, { id: a.id, reason: '压测结束' }));
}

/** Every active assignment has its current link; every link of the tagged staff has an active assignment. */
async function linksFollowAssignments(tag: string): Promise<void> {
  await noRows(
    'grid',
    `select a.id from staff_assignment a join staff s on s.id = a.staff_id
      where s.name like $1 and a.status = 'ACTIVE'
        and not exists (select 1 from staff_region sr where sr.staff_id = a.staff_id and sr.region_id = a.region_id)`,
    [`${tag}%`],
  );
  await noRows(
    'grid',
    `select sr.staff_id from staff_region sr join staff s on s.id = sr.staff_id
      where s.name like $1
        and not exists (select 1 from staff_assignment a where a.staff_id = sr.staff_id and a.region_id = sr.region_id and a.status = 'ACTIVE')`,
    [`${tag}%`],
  );
}

const addStaff: BurstCase<null> = {
  owner: 'grid',
  caller: gridLeader,
  document: ADD_STAFF,
  prepare: async () => null,
  bursts: () => {
    const tag = tagOf('addStaff');
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => sentDown(tag, keyOf('staff', i), i)), rows: staffNamed(tag) },
      sameKey: { calls: same(sentDown(tag, keyOf('staff', 'same'), 'same')), rows: staffNamed(tag) },
    };
  },
  // each member added has their enrolment and one active assignment, with its link
  invariant: async () => {
    const tag = tagOf('addStaff');
    await noRows(
      'grid',
      `select s.id from staff s where s.name like $1 and (
         not exists (select 1 from staff_enrolment e where e.staff_id = s.id)
         or (select count(*) from staff_assignment a where a.staff_id = s.id and a.status = 'ACTIVE') <> 1)`,
      [`${tag}%`],
    );
    await linksFollowAssignments(tag);
  },
  undo: () => endAssignmentsOf(tagOf('addStaff')),
};

const assignStaff: BurstCase<{ staff: string[] }> = {
  owner: 'grid',
  caller: gridLeader,
  document: ASSIGN_STAFF,
  // each official is assigned, besides their grid, to a micro-grid of it
  prepare: async () => ({ staff: await sentDownStaff('assignStaff') }),
  bursts: ({ staff }) => {
    const reason = tagOf('assignStaff-burst');
    const rows = { sql: 'select id from staff_assignment where reason = $1', params: [reason] };
    const microGrids = testWorld()
      .regions.filter((r) => r.parentId === workforceGrid().grid.id)
      .map((r) => r.id);
    const input = (key: string, staffId: string, i: number) => ({
      input: { idempotencyKey: key, staffId, gridId: microGrids[i % microGrids.length], reason },
    });
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => input(keyOf('assign-staff', i), staff[i], i)), rows },
      sameKey: { calls: same(input(keyOf('assign-staff', 'same'), staff[N], N)), rows },
    };
  },
  invariant: async () => linksFollowAssignments(tagOf('assignStaff')),
  undo: () => endAssignmentsOf(tagOf('assignStaff')),
};

const endStaffAssignment: BurstCase<{ assignments: string[] }> = {
  owner: 'grid',
  caller: gridLeader,
  document: END_STAFF,
  prepare: async () => {
    const staff = await sentDownStaff('endStaffAssignment');
    const assignments = await inBatches(
      staff,
      6,
      async (id) => (await as(gridLeader).data(STAFF_HISTORY, { id })).staffAssignments[0].id as string,
    );
    return { assignments };
  },
  bursts: ({ assignments }) => {
    const ended = (list: string[]): Rows => ({
      sql: `select id from staff_assignment where id = any($1::uuid[]) and status = 'ENDED'`,
      params: [list],
    });
    return {
      kind: 'change',
      distinct: {
        calls: times(N, (i) => ({ id: assignments[i], reason: `压测离岗 ${i}` })),
        rows: ended(assignments.slice(0, N)),
      },
      // the row lock queues them: the first ends it, the others find it ended
      oneRecord: {
        calls: times(N, (i) => ({ id: assignments[N], reason: `压测离岗 ${i}` })),
        rows: ended([assignments[N]]),
        winners: 'ONE',
        refusedAs: ['INVALID_TRANSITION'],
      },
    };
  },
  // ended once, with the period closed, and the links gone with them
  invariant: async ({ assignments }) => {
    await noRows(
      'grid',
      `select id from staff_assignment where id = any($1::uuid[]) and (status <> 'ENDED' or valid_to is null or end_reason is null)`,
      [assignments],
    );
    await linksFollowAssignments(tagOf('endStaffAssignment'));
  },
};

/**
 * Every mutation of the supergraph and its burst case, in the order the suite runs them: moveOutResident last, since
 * it takes the newcomers the others act on off the register.
 */
// ---- public security: 一次采集 (collected rentals) ----------------------------------------------------------------------

const COLLECT_RENTAL = `mutation($household: ID!, $key: String!, $collected: PublicSecurityCollectionInput!) {
  collectRental(householdId: $household, idempotencyKey: $key, collected: $collected) { visitId parts { outcome worklistItemId } } }`;
const VERIFY_COLLECTED = `mutation($id: ID!, $risk: RiskLevel, $reviewed: ReviewedCollectionInput!) {
  verifyCollectedRental(id: $id, riskLevel: $risk, reviewed: $reviewed) { id status } }`;
const REJECT_COLLECTED =
  'mutation($id: ID!, $reason: String!) { rejectCollectedRental(id: $id, reason: $reason) { id status } }';

/** A let room found in the building's first free household, its landlord the i-th newcomer. */
const rentalFound = (pool: Newcomer[], room: string, i: number, key: string) => ({
  household: place().freeHouseholds[0].id,
  key,
  collected: { rental: { room, landlordId: pool[i].id } },
});

/** 31 collected rentals of the newcomers, queued one by one (their rooms the case's tag), by worklist item id. */
async function collectedRentals(name: string): Promise<{ pool: Newcomer[]; items: string[] }> {
  const pool = await newcomers();
  const tag = tagOf(name);
  const items = await inBatches(
    times(N + 1, (i) => i),
    6,
    async (i) =>
      (await as(gridLeader).data(COLLECT_RENTAL, rentalFound(pool, `${tag} ${i}室`, i, keyOf(name, i)))).collectRental
        .parts[0].worklistItemId as string,
  );
  return { pool, items };
}

const itemsIn =
  (status: string) =>
  (items: string[]): Rows => ({
    sql: 'select id from collected_rental where id = any($1::uuid[]) and status = $2',
    params: [items, status],
  });

const collectRental: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'public-security',
  caller: gridLeader,
  document: COLLECT_RENTAL,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const tag = tagOf('collectRental');
    const rows = { sql: 'select id from collected_rental where room like $1', params: [`${tag}%`] };
    return {
      kind: 'create',
      answersRecord: false,
      distinct: { calls: times(N, (i) => rentalFound(pool, `${tag} ${i}室`, i, keyOf('collect', i))), rows },
      sameKey: { calls: same(rentalFound(pool, `${tag} ${N}室`, N, keyOf('collect', 'same'))), rows },
    };
  },
  invariant: async () => {
    // a visit queues one item, and has one receipt
    await noRows('public-security', 'select visit_id from collected_rental group by 1 having count(*) > 1');
  },
};

const verifyCollectedRental: BurstCase<{ pool: Newcomer[]; items: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: VERIFY_COLLECTED,
  prepare: () => collectedRentals('verifyCollectedRental'),
  bursts: ({ pool, items }) => {
    const call = (i: number) => ({
      id: items[i],
      risk: RISKS[i % 3],
      reviewed: { householdId: place().freeHouseholds[0].id, residentIds: [pool[i].id] },
    });
    const applied = itemsIn('APPLIED');
    return {
      kind: 'change',
      distinct: { calls: times(N, call), rows: applied(items.slice(0, N)) },
      // the item is locked: the calls after the winner find it APPLIED
      oneRecord: {
        calls: same(call(N)),
        rows: applied([items[N]]),
        winners: 'ONE',
        refusedAs: ['INVALID_TRANSITION'],
      },
    };
  },
  invariant: async ({ items }) => {
    // every verified item registered its rental, once
    await noRows(
      'public-security',
      `select c.id from collected_rental c left join rental_housing r on r.id = c.rental_id
        where c.id = any($1::uuid[]) and (c.status <> 'APPLIED' or r.id is null)`,
      [items],
    );
  },
};

const rejectCollectedRental: BurstCase<{ items: string[] }> = {
  owner: 'public-security',
  caller: officer,
  document: REJECT_COLLECTED,
  prepare: async () => ({ items: (await collectedRentals('rejectCollectedRental')).items }),
  bursts: ({ items }) => {
    const rejected = itemsIn('REJECTED');
    return {
      kind: 'change',
      distinct: {
        calls: times(N, (i) => ({ id: items[i], reason: `经核实无出租 ${i}` })),
        rows: rejected(items.slice(0, N)),
      },
      oneRecord: {
        calls: times(N, (i) => ({ id: items[N], reason: `经核实无出租 ${i}` })),
        rows: rejected([items[N]]),
        winners: 'ONE',
        refusedAs: ['INVALID_TRANSITION'],
      },
    };
  },
  invariant: async ({ items }, { same: raced }) => {
    const [row] = await sql('public-security', 'select reason from collected_rental where id = $1', [items[N]]);
    expect(row.reason).toBe(`经核实无出租 ${winnerOf(raced)}`);
  },
};

// ---- civil affairs: applications a visit files on residents' behalf (代办) ------------------------------------------

const FILE_ON_BEHALF =
  'mutation($householdId: ID!, $key: String!, $collected: CivilAffairsCollectionInput!) { fileOnBehalf(householdId: $householdId, idempotencyKey: $key, collected: $collected) { id: visitId parts { outcome recordId } } }';
const filer = (): Caller => ({ ...worker(), purpose: '压测 入户代办' });

/** One visit per newcomer, each filing a 丧葬补贴 application (a kind no other case files); rows: the visits' receipts. */
const fileOnBehalf: BurstCase<{ pool: Newcomer[] }> = {
  owner: 'civil-affairs',
  caller: filer(),
  document: FILE_ON_BEHALF,
  prepare: async () => ({ pool: await newcomers() }),
  bursts: ({ pool }) => {
    const visit = (resident: Newcomer, key: string) => ({
      householdId: resident.householdId,
      key,
      collected: {
        applications: [
          { residentId: resident.id, kind: 'FUNERAL_SUBSIDY', consent: { method: 'SIGNED_FORM' }, note: tagOf('代办') },
        ],
      },
    });
    const keys = [...times(N, (i) => keyOf('fileOnBehalf', i)), keyOf('fileOnBehalf', 'same')];
    const rows: Rows = {
      sql: 'select id from on_behalf_visit where id = any($1::uuid[])',
      params: [keys.map((k) => visitIdFor(filer().subject!, k))],
    };
    return {
      kind: 'create',
      answersRecord: true,
      distinct: { calls: times(N, (i) => visit(pool[i], keys[i])), rows },
      sameKey: { calls: same(visit(pool[N], keys[N])), rows },
    };
  },
  invariant: async ({ pool }, { distinct, same: raced }) => {
    // every visit filed its one application, once: one application, one consent on record, per newcomer
    for (const o of [...distinct, raced[0]])
      expect(o.answer.data?.fileOnBehalf.parts).toEqual([{ outcome: 'APPLIED', recordId: expect.any(String) }]);
    await noRows(
      'civil-affairs',
      `select a.resident_id from service_application a left join on_behalf_filing f on f.record_id = a.id
        where a.resident_id = any($1::uuid[]) and a.kind = 'FUNERAL_SUBSIDY' group by 1 having count(*) <> 1 or count(f.record_id) <> 1`,
      [ids(pool.slice(0, N + 1))],
    );
  },
};

// ---- corrections (申请更正, issue 23) ---------------------------------------------------------------------------------

const REQUEST_CORRECTION =
  'mutation($input: CorrectionRequestInput!) { requestCorrection(input: $input) { id status department } }';
const phoneOf = (i: number) => `139${String(i).padStart(8, '0')}`;
let correctionPool: Promise<string[]> | undefined;
/**
 * Three residents of the corrections' own, each with a phone on the register to correct: the pool's newcomers are moved
 * out (deceased) by the moveOutResident case before these run.
 */
const correctionResidents = (): Promise<string[]> =>
  (correctionPool ??= registerNewcomers('corrections', 3).then((made) =>
    inBatches(made, 3, async ({ id }, i) => {
      await as(registrar).data(UPDATE, { id, input: { phone: phoneOf(900 + i) } });
      return id;
    }),
  ));

let homeCarePool: Promise<string[]> | undefined;
/** Two residents of civil affairs' corrections' own, each receiving 8 hours a month of meals (助餐) to correct. */
const homeCareResidents = (): Promise<string[]> =>
  (homeCarePool ??= registerNewcomers('civil', 2).then((made) =>
    inBatches(made, 2, async ({ id }) => {
      await as(caseworker).data(ARRANGE_HOME_CARE, {
        input: { idempotencyKey: randomUUID(), residentId: id, kind: 'MEALS', hoursPerMonth: '8' },
      });
      return id;
    }),
  ));

let tenantPool: Promise<string[]> | undefined;
/** Two residents of public security's corrections' own, each a current tenant of the building's first rental. */
const tenantResidents = (): Promise<string[]> =>
  (tenantPool ??= registerNewcomers('police', 2).then((made) =>
    inBatches(made, 2, async ({ id }) => {
      await as(officer).data(REGISTER_TENANCY, {
        input: {
          idempotencyKey: randomUUID(),
          rentalId: place().rentals[0].id,
          residentId: id,
          movedInOn: addDays(today(), -60),
        },
      });
      return id;
    }),
  ));

/** What a department's correction cases file: the residents of its own that have the fact, the fact, its i-th value. */
interface Correcting {
  owner: Department;
  /** the department's <dept>FileCorrection and decide<Dept>Correction */
  file: string;
  decide: string;
  residents: () => Promise<string[]>;
  fact: string;
  value: (i: number) => string;
}
const POPULATION_CORRECTING: Correcting = {
  owner: 'population',
  file: 'populationFileCorrection',
  decide: 'decidePopulationCorrection',
  residents: correctionResidents,
  fact: 'phone',
  value: phoneOf,
};
const CIVIL_AFFAIRS_CORRECTING: Correcting = {
  owner: 'civil-affairs',
  file: 'civilAffairsFileCorrection',
  decide: 'decideCivilAffairsCorrection',
  residents: homeCareResidents,
  fact: 'homeCareHours.MEALS',
  // never 8.0, the hours on record
  value: (i) => `${(i % 230) + 1}.5`,
};
const PUBLIC_SECURITY_CORRECTING: Correcting = {
  owner: 'public-security',
  file: 'publicSecurityFileCorrection',
  decide: 'decidePublicSecurityCorrection',
  residents: tenantResidents,
  fact: 'tenancyMovedOutOn',
  // after they moved in, not in the future
  value: (i) => addDays(today(), -1 - (i % 50)),
};
const fileDocument = ({ file }: Correcting) =>
  `mutation($input: FileCorrectionInput!) { ${file}(input: $input) { id status } }`;

const correctionsOf = (residentId: string): Rows => ({
  sql: 'select id from correction_request where resident_id = $1',
  params: [residentId],
});

/**
 * A resident (the `nth` of the department's residents, their own token) files 30 corrections at once, then one form 30
 * times under one key (one request); `document` is the department's FileCorrection unless given (the resident desk's,
 * with `extra`, what it takes besides: the department).
 */
function correctionFiling(
  correcting: Correcting,
  nth: number,
  document = fileDocument(correcting),
  extra: Record<string, unknown> = {},
): BurstCase<{ resident: string }> {
  // the caller is the resident the case prepares
  const caller: Caller = { department: 'RESIDENT' as never, role: 'RESIDENT', scope: [] };
  return {
    owner: correcting.owner,
    caller,
    document,
    prepare: async () => {
      const resident = (await correcting.residents())[nth];
      Object.assign(caller, callerOfResident(resident));
      return { resident };
    },
    bursts: ({ resident }) => {
      const form = (i: number, key = randomUUID()) => ({
        input: {
          idempotencyKey: key,
          ...extra,
          fact: correcting.fact,
          correctValue: correcting.value(100 * nth + i),
          reason: `记录有误 ${i}`,
        },
      });
      return {
        kind: 'create',
        answersRecord: true,
        distinct: { calls: times(N, (i) => form(i)), rows: correctionsOf(resident) },
        sameKey: { calls: same(form(N, randomUUID())), rows: correctionsOf(resident) },
      };
    },
    invariant: async ({ resident }) =>
      noRows(correcting.owner, "select id from correction_request where resident_id = $1 and status <> 'PENDING'", [
        resident,
      ]),
  };
}

/** 申请更正 at the department that owns the fact. */
const populationFileCorrection = correctionFiling(POPULATION_CORRECTING, 0);
const civilAffairsFileCorrection = correctionFiling(CIVIL_AFFAIRS_CORRECTING, 0);
const publicSecurityFileCorrection = correctionFiling(PUBLIC_SECURITY_CORRECTING, 0);
/** 申请更正 at the resident desk: routed to the owner's FileCorrection, once per key. */
const requestCorrection = correctionFiling(POPULATION_CORRECTING, 2, REQUEST_CORRECTION, { department: 'POPULATION' });

const decided = (requests: string[], status: string): Rows => ({
  sql: 'select id from correction_request where id = any($1::uuid[]) and status = $2',
  params: [requests, status],
});

/** 更正办理: 30 requests rejected at once; of 30 acceptances of one request, one applies it. */
function correctionDecision(correcting: Correcting, caller: Caller): BurstCase<{ requests: string[] }> {
  return {
    owner: correcting.owner,
    caller,
    document: `mutation($input: DecideCorrectionInput!) { ${correcting.decide}(input: $input) { id status } }`,
    prepare: async () => {
      const [, resident] = await correcting.residents();
      const requests = await inBatches(
        times(N + 1, (i) => i),
        8,
        async (i): Promise<string> => {
          const filed = await as(callerOfResident(resident)).data(fileDocument(correcting), {
            input: {
              idempotencyKey: randomUUID(),
              fact: correcting.fact,
              correctValue: correcting.value(300 + i),
              reason: `待办理 ${i}`,
            },
          });
          return filed[correcting.file].id;
        },
      );
      return { requests };
    },
    bursts: ({ requests }) => ({
      kind: 'change',
      distinct: {
        calls: times(N, (i) => ({
          input: { id: requests[i], version: 1, decision: 'REJECT', reason: `无法核实 ${i}` },
        })),
        rows: decided(requests.slice(0, N), 'REJECTED'),
      },
      // the request's row is locked for the decision: the others find it ACCEPTED
      oneRecord: {
        calls: same({ input: { id: requests[N], version: 1, decision: 'ACCEPT' } }),
        rows: decided([requests[N]], 'ACCEPTED'),
        winners: 'ONE',
        refusedAs: ['INVALID_TRANSITION'],
      },
    }),
    invariant: async ({ requests }) =>
      noRows(
        correcting.owner,
        "select id from correction_request where id = any($1::uuid[]) and (status = 'PENDING' or decided_by is null)",
        [requests],
      ),
  };
}

const decidePopulationCorrection = correctionDecision(POPULATION_CORRECTING, registrar);
const decideCivilAffairsCorrection = correctionDecision(CIVIL_AFFAIRS_CORRECTING, caseworker);
const decidePublicSecurityCorrection = correctionDecision(PUBLIC_SECURITY_CORRECTING, officer);

/**
 * Every mutation of the supergraph and its burst case, in the order the suite runs them: moveOutResident last, since
 * it takes the newcomers the others act on off the register.
 */
export const BURSTS: Record<string, BurstCase> = {
  registerResident,
  updateResident,
  confirmResidentFacts,
  registerOrganization,
  applyForAssistance,
  decideAssistanceCase,
  changeAssistanceCase,
  reviewAssistanceCase,
  submitServiceApplication,
  advanceServiceApplication,
  fileOnBehalf,
  registerVolunteer,
  recordVolunteerService,
  arrangeHomeCare,
  changeHomeCare,
  endHomeCare,
  createVolunteerTeam,
  renameVolunteerTeam,
  disbandVolunteerTeam,
  recordDisability,
  grantElderlyAllowance,
  recordSpecialCare,
  registerTenancy,
  endTenancy,
  recordRentalInspection,
  recordKeyPersonContact,
  recordIncident,
  changeIncident,
  registerRental,
  issueResidencePermit,
  renewResidencePermit,
  cancelResidencePermit,
  startKeyPersonSupervision,
  endKeyPersonSupervision,
  assignGridPolice,
  endGridPoliceAssignment,
  reportEvent,
  transitionEvent,
  recordVisit,
  registerFacility,
  changeFacilityCondition,
  moveBuilding,
  superviseEvent,
  recordFollowUp,
  collectAtHousehold,
  verifyCollectedChange,
  rejectCollectedChange,
  addStaff,
  assignStaff,
  endStaffAssignment,
  collectRental,
  verifyCollectedRental,
  rejectCollectedRental,
  moveOutResident,
  populationFileCorrection,
  decidePopulationCorrection,
  requestCorrection,
  civilAffairsFileCorrection,
  decideCivilAffairsCorrection,
  publicSecurityFileCorrection,
  decidePublicSecurityCorrection,
};

import { randomUUID } from 'node:crypto';
/** A resident's whole welfare picture beside population and grid facts; money to the cent; the cohort conditions; the worklist. */
import { Client } from 'pg';
import { DISABILITY_TYPES } from '../lib/codes/disability';
import { maskIdNumber } from '../lib/codes/id-number';
import { addDays, today } from '../subgraphs/civil-affairs/dates';
import { sumOf, times } from '../subgraphs/civil-affairs/money';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { welfareRows } from '../subgraphs/civil-affairs/seed-welfare';
import { as, type Caller, caseworker, gridLeader } from './support/callers';
import { householdsWithoutCases } from './support/civil-affairs';
import { hub, sqlStatementsDuring } from './support/hub';
import { testWorld, whereLives } from './support/world';

const world = testWorld();
const welfare = welfareRows(world);
const cases = assistanceCases(world);

async function civilAffairsSql<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: hub().databaseUrls['civil-affairs'] });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const WELFARE_360 = `query Welfare360($id: ID!) {
  resident(id: $id) {
    id name idNumber birthDate
    household { id building { address grid { name } } assistance { program status } }
    grid { name }
    assistance { program status monthlyAmount }
    disability { type grade certificateNumber issuedOn }
    elderlyCare { allowance { monthlyAmount startsOn endsOn } homeCare { kind hoursPerMonth } }
    specialCare { category monthlyAmount since }
    serviceApplications { kind status }
    volunteer { skills totalHours team { name } }
  }
}`;

describe('a resident’s welfare picture through the gateway', () => {
  it('comes in one query beside their population and grid facts, for a grid leader with a stated purpose', async () => {
    // the resident the most civil-affairs records are about
    const count = (id: string) =>
      [
        welfare.disabilities,
        welfare.allowances,
        welfare.homeCare,
        welfare.specialCare,
        welfare.applications,
        welfare.volunteers,
        cases,
      ].reduce((n, rows) => n + rows.filter((r) => r.residentId === id).length, 0);
    const resident = [...world.residents].sort((a, b) => count(b.id) - count(a.id) || a.id.localeCompare(b.id))[0];
    const { household, building, grid } = whereLives(resident);
    const disability = welfare.disabilities.find((d) => d.residentId === resident.id);
    const allowance = welfare.allowances.find((a) => a.residentId === resident.id);
    const volunteer = welfare.volunteers.find((v) => v.residentId === resident.id);
    const ofResident = <T extends { residentId: string }>(rows: T[]) =>
      rows.filter((r) => r.residentId === resident.id);

    expect(await as(gridLeader).data(WELFARE_360, { id: resident.id })).toEqual({
      resident: {
        id: resident.id,
        name: resident.name,
        idNumber: maskIdNumber(resident.idNumber),
        birthDate: resident.birthDate,
        household: {
          id: household.id,
          building: { address: building.address, grid: { name: grid.name } },
          assistance: cases
            .filter((c) => c.householdId === household.id)
            .map((c) => ({ program: c.program, status: c.status })),
        },
        grid: { name: grid.name },
        assistance: ofResident(cases).map((c) => ({
          program: c.program,
          status: c.status,
          monthlyAmount: c.monthlyAmount,
        })),
        disability: disability
          ? {
              type: disability.type,
              grade: disability.grade,
              certificateNumber: '*'.repeat(20),
              issuedOn: disability.issuedOn,
            }
          : null,
        elderlyCare: {
          allowance: allowance
            ? { monthlyAmount: allowance.monthlyAmount, startsOn: allowance.startsOn, endsOn: null }
            : null,
          homeCare: ofResident(welfare.homeCare)
            .sort((a, b) => a.kind.localeCompare(b.kind))
            .map((h) => ({ kind: h.kind, hoursPerMonth: h.hoursPerMonth })),
        },
        specialCare: ofResident(welfare.specialCare).map((s) => ({
          category: s.category,
          monthlyAmount: s.monthlyAmount,
          since: s.since,
        })),
        serviceApplications: ofResident(welfare.applications).map((a) => ({ kind: a.kind, status: a.status })),
        volunteer: volunteer
          ? {
              skills: volunteer.skills,
              totalHours: volunteer.totalHours,
              team: { name: welfare.teams.find((t) => t.id === volunteer.teamId)!.name },
            }
          : null,
      },
    });
    expect(count(resident.id)).toBeGreaterThanOrEqual(3);
  });

  it('shows civil affairs the certificate number whole, and an analyst no resident at all', async () => {
    const disability = welfare.disabilities[0];
    const resident = world.residents.find((r) => r.id === disability.residentId)!;
    expect(
      await as(caseworker).data('query($id: ID!) { resident(id: $id) { disability { certificateNumber } } }', {
        id: resident.id,
      }),
    ).toEqual({
      resident: {
        disability: {
          certificateNumber: `${resident.idNumber}${DISABILITY_TYPES[disability.type].code}${disability.grade}`,
        },
      },
    });
    const analyst: Caller = { department: 'ANALYTICS', role: 'ANALYST', purpose: '统计' };
    const res = await as(analyst).graphql('query($id: ID!) { resident(id: $id) { id disability { grade } } }', {
      id: resident.id,
    });
    expect(res.data).toEqual({ resident: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('audits every read of a person’s welfare records', async () => {
    const disability = welfare.disabilities[1];
    await as(gridLeader).data('query($id: ID!) { resident(id: $id) { disability { type } } }', {
      id: disability.residentId,
    });
    const rows = await civilAffairsSql<{ record_type: string; fields: string[] }>(
      `select record_type, fields from audit_log where actor = $1 and $2 = any(record_ids) order by id desc limit 2`,
      ['test-grid-grid_leader', disability.id],
    );
    expect(rows).toEqual([{ record_type: 'Disability', fields: ['type'] }]);
  });
});

describe('money, exactly', () => {
  it('multiplies and adds to the cent without binary floats: 3 × 0.10 is 0.30', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect(times('0.10', 3)).toBe('0.30');
    expect(sumOf(['0.10', '0.10', '0.10'])).toBe('0.30');
    expect(sumOf(['1395.50', '0.01', '-0.51'])).toBe('1395.00');
  });

  it('sums the district’s monthly amounts in the database to the same cent as the generator’s exact sum', async () => {
    const paying = cases.filter((c) => c.status === 'ACTIVE' && c.monthlyAmount && c.appliedOn < today());
    const [row] = await civilAffairsSql<{ total: string }>(
      `select sum(monthly_amount)::text as total from assistance_case where status = 'ACTIVE' and id = any($1::uuid[])`,
      [paying.map((c) => c.id)],
    );
    expect(row.total).toBe(sumOf(paying.map((c) => c.monthlyAmount!)));
  });
});

describe('cohort conditions of civil affairs', () => {
  const COHORT = 'query($where: CohortFilter!) { cohort(where: $where, first: 1) { totalCount } }';
  // cohorts hold residents on the active register: other test files may have taken some off it
  const departed = new Set<string>();
  beforeAll(async () => {
    for (const status of ['DECEASED', 'MOVED_OUT']) {
      const { residents } = await as(gridLeader).data(
        'query($status: ResidentStatus!) { residents(filter: { status: $status }, first: 100) { nodes { id } } }',
        { status },
      );
      for (const { id } of residents.nodes) departed.add(id);
    }
  });
  const residentsWhere = (keep: (id: string) => boolean) =>
    world.residents.filter((r) => !departed.has(r.id) && keep(r.id)).length;

  it.each([
    [
      'a disability category and grade',
      { disabilityType: 'PHYSICAL', maxDisabilityGrade: 2 },
      (id: string) => welfare.disabilities.some((d) => d.residentId === id && d.type === 'PHYSICAL' && d.grade <= 2),
    ],
    [
      'the old-age allowance',
      { elderlyAllowance: true },
      (id: string) => welfare.allowances.some((a) => a.residentId === id),
    ],
    [
      'special care',
      { specialCare: 'VETERAN' },
      (id: string) => welfare.specialCare.some((s) => s.residentId === id && s.category === 'VETERAN'),
    ],
    [
      'disability and old-age allowance together',
      { disabled: true, elderlyAllowance: true },
      (id: string) =>
        welfare.disabilities.some((d) => d.residentId === id) && welfare.allowances.some((a) => a.residentId === id),
    ],
  ])('finds the residents with %s', async (_what, civilAffairs, keep) => {
    const expected = residentsWhere(keep);
    expect(expected).toBeGreaterThan(0);
    expect(await as(gridLeader).data(COHORT, { where: { civilAffairs } })).toEqual({
      cohort: { totalCount: expected },
    });
  });

  it('finds residents with applications pending (a service application or an assistance application not yet decided)', async () => {
    const { totalCount } = (
      await as(gridLeader).data(COHORT, { where: { civilAffairs: { applicationsPending: true } } })
    ).cohort;
    const seeded = residentsWhere(
      (id) =>
        welfare.applications.some(
          (a) => a.residentId === id && ['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'RETURNED'].includes(a.status),
        ) || cases.some((c) => c.residentId === id && ['APPLIED', 'REVIEWING', 'VERIFIED'].includes(c.status)),
    );
    // other test files may have opened applications since the seed
    expect(totalCount).toBeGreaterThanOrEqual(seeded);
  });

  it('refuses a welfare condition to a role that may not read welfare facts', async () => {
    const res = await as({ department: 'PUBLIC_SECURITY', role: 'OFFICER' }).graphql(COHORT, {
      where: { civilAffairs: { disabled: true } },
    });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a caseworker’s worklist', () => {
  it('lists the reviews due within 30 days and the applications waiting, inside the caseworker’s scope only', async () => {
    const grid = world.regions.find((r) => r.level === 'GRID')!;
    const inGrid = (residentId: string) =>
      whereLives(world.residents.find((r) => r.id === residentId)!).grid.id === grid.id;
    const due = cases.filter(
      (c) =>
        ['ACTIVE', 'SUSPENDED'].includes(c.status) &&
        c.nextReviewOn &&
        c.nextReviewOn <= addDays(today(), 30) &&
        inGrid(c.residentId),
    );
    const scoped: Caller = {
      department: 'CIVIL_AFFAIRS',
      role: 'CASEWORKER',
      scope: [grid.id],
      subject: 'caseworker-of-one-grid',
    };
    const waiting = cases.filter(
      (c) => ['APPLIED', 'REVIEWING', 'VERIFIED'].includes(c.status) && inGrid(c.residentId),
    );
    const applications = welfare.applications.filter(
      (a) => ['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'RETURNED'].includes(a.status) && inGrid(a.residentId),
    );
    const { caseworkerWorklist } = await as(scoped).data(
      '{ caseworkerWorklist { reviewsDue(first: 100) { totalCount nodes { id nextReviewOn } } applicationsWaiting(first: 100) { nodes { id status residentId } } serviceApplicationsWaiting(first: 100) { nodes { id status residentId } } } }',
    );
    expect(caseworkerWorklist.reviewsDue).toEqual({
      totalCount: due.length,
      nodes: due.sort((a, b) => a.id.localeCompare(b.id)).map((c) => ({ id: c.id, nextReviewOn: c.nextReviewOn })),
    });
    // other test files may have opened applications since the seed: every seeded one is there, and nothing else
    // but undecided ones of this grid's residents
    const listed = (list: { nodes: { id: string; status: string; residentId: string }[] }, open: string[]) => {
      for (const node of list.nodes)
        expect([open.includes(node.status), inGrid(node.residentId)]).toEqual([true, true]);
      return list.nodes.map((n) => n.id);
    };
    expect(listed(caseworkerWorklist.applicationsWaiting, ['APPLIED', 'REVIEWING', 'VERIFIED'])).toEqual(
      expect.arrayContaining(waiting.map((c) => c.id)),
    );
    expect(
      listed(caseworkerWorklist.serviceApplicationsWaiting, ['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'RETURNED']),
    ).toEqual(expect.arrayContaining(applications.map((a) => a.id)));
    expect(due.length + applications.length).toBeGreaterThan(0);
  });
});

describe('volunteers', () => {
  it('register with skills in a team of their community, and their hours add up exactly', async () => {
    const [residentId] = householdsWithoutCases()[20].members;
    const team = welfare.teams[0];
    const registered = (
      await as(caseworker).data(
        'mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id skills totalHours team { name } } }',
        {
          input: { idempotencyKey: randomUUID(), residentId, skills: ['助老', ' 医疗 ', '助老'], teamId: team.id },
        },
      )
    ).registerVolunteer;
    expect(registered).toEqual({
      id: expect.any(String),
      skills: ['助老', '医疗'],
      totalHours: '0.0',
      team: { name: team.name },
    });
    const record =
      'mutation($id: ID!, $input: RecordVolunteerServiceInput!) { recordVolunteerService(volunteerId: $id, input: $input) { totalHours services { hours activity } } }';
    for (const hours of ['0.1', '0.1', '0.1'])
      await as(caseworker).data(record, {
        id: registered.id,
        input: { idempotencyKey: randomUUID(), servedOn: today(), hours, activity: '独居老人陪伴' },
      });
    const after = (
      await as(caseworker).data(record, {
        id: registered.id,
        input: { idempotencyKey: randomUUID(), servedOn: today(), hours: '2.5', activity: '义诊' },
      })
    ).recordVolunteerService;
    expect(after.totalHours).toBe('2.8');
    expect(after.services).toHaveLength(4);
    const tooMuch = await as(caseworker).graphql(record, {
      id: registered.id,
      input: { idempotencyKey: randomUUID(), servedOn: today(), hours: '24.5', activity: '义诊' },
    });
    expect(tooMuch.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'hours' } });
  });
});

describe('welfare fields on a page of residents', () => {
  it('cost civil affairs the same SQL statements for 5 residents as for 50 (batched by loaders)', async () => {
    const page = `query($first: Int!) { residents(first: $first) { nodes { id disability { grade } elderlyCare { allowance { monthlyAmount } homeCare { kind } } specialCare { category } serviceApplications { status } volunteer { totalHours } assistance { status } } } }`;
    const statements = async (first: number) =>
      (await sqlStatementsDuring(() => as(gridLeader).data(page, { first })))['civil-affairs'];
    const [few, many] = [await statements(5), await statements(50)];
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(9);
  });
});

describe('recording disability and elderly care', () => {
  const age = (r: { birthDate: string }) =>
    Number(today().slice(0, 4)) - Number(r.birthDate.slice(0, 4)) - (today().slice(5) < r.birthDate.slice(5) ? 1 : 0);
  const without = <T extends { residentId: string }>(rows: T[]) =>
    world.residents.filter((r) => !rows.some((x) => x.residentId === r.id));
  const GRANT =
    'mutation($id: ID!, $key: String!) { grantElderlyAllowance(residentId: $id, idempotencyKey: $key) { monthlyAmount startsOn } }';

  it('grants 高龄津贴 to a resident of 80 or over at their age band, once; refuses anyone younger', async () => {
    const eligible = without(welfare.allowances).find((r) => age(r) >= 80 && age(r) < 90)!;
    expect(await as(caseworker).data(GRANT, { id: eligible.id, key: randomUUID() })).toEqual({
      grantElderlyAllowance: { monthlyAmount: '100.00', startsOn: expect.stringMatching(/^\d{4}-\d{2}-01$/) },
    });
    expect(
      (await as(caseworker).graphql(GRANT, { id: eligible.id, key: randomUUID() })).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    const young = without(welfare.allowances).find((r) => age(r) === 79)!;
    expect((await as(caseworker).graphql(GRANT, { id: young.id, key: randomUUID() })).errors).toEqual([
      {
        message: `resident ${young.id} is 79; 高龄津贴 is for residents 80 and over`,
        path: ['grantElderlyAllowance'],
        extensions: { code: 'BAD_USER_INPUT', field: 'residentId', serviceName: 'civil-affairs' },
      },
    ]);
  });

  it('records a disability certificate only with the holder’s own ID number, category and grade in its number', async () => {
    const RECORD =
      'mutation($input: RecordDisabilityInput!) { recordDisability(input: $input) { type grade certificateNumber } }';
    const [resident, other] = without(welfare.disabilities).filter(
      (r) => age(r) >= 18 && r.birthDate !== world.residents[0].birthDate,
    );
    const foreign = await as(caseworker).graphql(RECORD, {
      input: {
        idempotencyKey: randomUUID(),
        residentId: resident.id,
        type: 'HEARING',
        grade: 3,
        certificateNumber: `${other.idNumber}23`,
      },
    });
    expect(foreign.errors?.[0]).toMatchObject({
      message: 'certificateNumber does not hold this resident’s ID number (its birth date differs)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const mismatched = await as(caseworker).graphql(RECORD, {
      input: {
        idempotencyKey: randomUUID(),
        residentId: resident.id,
        type: 'HEARING',
        grade: 3,
        certificateNumber: `${resident.idNumber}24`,
      },
    });
    expect(mismatched.errors?.[0].message).toBe('certificateNumber must end in 23 for HEARING grade 3');
    expect(
      await as(caseworker).data(RECORD, {
        input: {
          idempotencyKey: randomUUID(),
          residentId: resident.id,
          type: 'HEARING',
          grade: 3,
          certificateNumber: `${resident.idNumber}23`,
        },
      }),
    ).toEqual({
      recordDisability: { type: 'HEARING', grade: 3, certificateNumber: `${resident.idNumber}23` },
    });
  });
});

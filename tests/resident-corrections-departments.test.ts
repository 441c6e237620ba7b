/**
 * Corrections (申请更正, issue 23 item 3) of facts civil affairs and public security keep about a resident, filed at
 * the resident desk with the resident's own token, listed in the owning department's worklist, accepted (applied
 * through the department's own change) or rejected with a reason the resident reads.
 */
import { randomUUID } from 'node:crypto';
import { addDays, today } from '../lib/calendar';
import { as, caseworker, officer, registrar } from './support/callers';
import { nthGrid } from './support/grid';
import { ownerSql } from './support/hub';
import { publicSecurityData } from './support/public-security';
import { asResident, filedCorrection, registerOwnResident } from './support/residents';
import { testWorld } from './support/world';

const FIELDS = `id trackingCode department fact label currentValue requestedValue reason status filedAt dueOn overdue
  decisionReason decidedAt`;
const REQUEST = `mutation($input: CorrectionRequestInput!) { requestCorrection(input: $input) { ${FIELDS} } }`;
const MINE = `{ myCorrections { ${FIELDS} } }`;
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id } }';

/** A department's worklist and decision, as its official asks them. */
const official = (field: string) => ({
  worklist: `query { ${field}CorrectionWorklist(status: PENDING, first: 100) { nodes { ${FIELDS} } } }`,
  decide: `mutation($input: DecideCorrectionInput!) { decide${field[0].toUpperCase()}${field.slice(1)}Correction(input: $input) { ${FIELDS} version } }`,
});

const mine: string[] = [];
async function ownResident(householdId: string, name: string, birthDate: string): Promise<string> {
  const id = await registerOwnResident(householdId, { name, birthDate, gender: 'MALE', collectedBy: 'corrections' });
  mine.push(id);
  return id;
}
afterAll(async () => {
  for (const id of mine) await as(registrar).graphql(MOVE_OUT, { id, input: { movedOutOn: today(), deceased: true } });
});

const request = (residentId: string, input: Record<string, unknown>) =>
  asResident(residentId).graphql(REQUEST, { input: { idempotencyKey: randomUUID(), ...input } });

describe('corrections of civil affairs’ facts (居家养老服务时长)', () => {
  const { worklist, decide } = official('civilAffairs');
  const { households } = nthGrid(2);
  const household = households[households.length - 1];
  const ARRANGE = `mutation($input: ArrangeHomeCareInput!) { arrangeHomeCare(input: $input) { id } }`;
  let elder: string;
  const services: string[] = [];
  beforeAll(async () => {
    elder = await ownResident(household.id, '更正测试长者', '1950-03-15');
    for (const [kind, hoursPerMonth] of [
      ['MEALS', '20'],
      ['BATHING', '8'],
    ]) {
      const { arrangeHomeCare } = await as(caseworker).data(ARRANGE, {
        input: { idempotencyKey: randomUUID(), residentId: elder, kind, hoursPerMonth },
      });
      services.push(arrangeHomeCare.id);
    }
  });
  afterAll(async () => {
    for (const id of services)
      await as(caseworker).graphql(
        'mutation($id: ID!) { endHomeCare(id: $id, input: { reason: "测试结束" }) { id } }',
        { id },
      );
  });

  it('is filed at the desk, listed for civil affairs’ caseworkers, and accepted through changeHomeCare', async () => {
    const filed = await request(elder, {
      department: 'CIVIL_AFFAIRS',
      fact: 'homeCareHours.MEALS',
      correctValue: '30',
      reason: '实际每月助餐30小时',
    });
    const label = '居家养老服务每月时长：助餐 (home-care hours a month: meals)';
    expect(filed).toEqual({
      status: 200,
      data: {
        requestCorrection: filedCorrection({
          department: 'CIVIL_AFFAIRS',
          fact: 'homeCareHours.MEALS',
          label,
          currentValue: '20.0',
          requestedValue: '30',
          reason: '实际每月助餐30小时',
        }),
      },
    });
    const filedRequest = filed.data.requestCorrection;
    const listed = (await as(caseworker).data(worklist)).civilAffairsCorrectionWorklist.nodes;
    expect(listed.find((r: { id: string }) => r.id === filedRequest.id)).toEqual(filedRequest);

    const accepted = await as(caseworker).data(decide, {
      input: { id: filedRequest.id, version: 1, decision: 'ACCEPT' },
    });
    expect(accepted).toEqual({
      decideCivilAffairsCorrection: { ...filedRequest, status: 'ACCEPTED', decidedAt: expect.any(String), version: 2 },
    });
    const rows = await ownerSql(
      'civil-affairs',
      'select kind, hours_per_month::text as hours from home_care_service where resident_id = $1 order by kind',
      [elder],
    );
    expect(rows).toEqual([
      { kind: 'BATHING', hours: '8.0' },
      { kind: 'MEALS', hours: '30.0' },
    ]);
  });

  it('is rejected with a reason the resident reads; bad values are refused as changeHomeCare refuses them', async () => {
    const codes = async (input: Record<string, unknown>) =>
      (await request(elder, { department: 'CIVIL_AFFAIRS', reason: '错了', ...input })).errors?.map((e) => [
        e.extensions?.code,
        e.extensions?.field,
        e.message,
      ]);
    expect({
      tooMany: await codes({ fact: 'homeCareHours.BATHING', correctValue: '300' }),
      same: await codes({ fact: 'homeCareHours.BATHING', correctValue: '8' }),
      none: await codes({ fact: 'homeCareHours.NURSING', correctValue: '10' }),
    }).toEqual({
      tooMany: [
        [
          'BAD_USER_INPUT',
          'input.correctValue',
          'hoursPerMonth must be more than 0 and at most 240, in tenths (e.g. "12.5"); got "300"',
        ],
      ],
      same: [['BAD_USER_INPUT', 'input.correctValue', 'the record already says 8.0 hours a month of 助浴']],
      none: [
        [
          'BAD_USER_INPUT',
          'input.fact',
          'CIVIL_AFFAIRS keeps no 居家养老服务每月时长：助医 / 康复护理 (home-care hours a month: nursing) of yours to correct',
        ],
      ],
    });

    const { data } = await request(elder, {
      department: 'CIVIL_AFFAIRS',
      fact: 'homeCareHours.BATHING',
      correctValue: '12',
      reason: '每周三小时',
    });
    await as(caseworker).data(decide, {
      input: { id: data.requestCorrection.id, version: 1, decision: 'REJECT', reason: '服务记录显示每月8小时' },
    });
    const seen = (await asResident(elder).graphql(MINE)).data.myCorrections;
    expect(seen.find((r: { id: string }) => r.id === data.requestCorrection.id)).toEqual({
      ...data.requestCorrection,
      status: 'REJECTED',
      decisionReason: '服务记录显示每月8小时',
      decidedAt: expect.any(String),
    });
    const [bathing] = await ownerSql(
      'civil-affairs',
      "select hours_per_month::text as hours from home_care_service where resident_id = $1 and kind = 'BATHING'",
      [elder],
    );
    expect(bathing).toEqual({ hours: '8.0' });
  });
});

describe('corrections of public security’s facts (退租日期)', () => {
  const { worklist, decide } = official('publicSecurity');
  const world = testWorld();
  const { rentals } = publicSecurityData();
  // the last rental in a building with households of the seed: other files take the first ones
  const rental = rentals.filter((r) => world.households.some((h) => h.buildingId === r.buildingId)).at(-1)!;
  const household = world.households.filter((h) => h.buildingId === rental.buildingId).at(-1)!;
  const REGISTER = 'mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { id } }';
  const tenancyOf = async (residentId: string) =>
    (
      await ownerSql<{ id: string; moved_out_on: string | null }>(
        'public-security',
        "select id, to_char(moved_out_on, 'YYYY-MM-DD') as moved_out_on from rental_tenancy where resident_id = $1",
        [residentId],
      )
    )[0];
  const movedInOn = addDays(today(), -40);
  const tenants: string[] = [];
  beforeAll(async () => {
    for (const name of ['更正测试租客甲', '更正测试租客乙']) {
      const id = await ownResident(household.id, name, '1990-05-20');
      await as(officer).data(REGISTER, {
        input: { idempotencyKey: randomUUID(), rentalId: rental.id, residentId: id, movedInOn },
      });
      tenants.push(id);
    }
  });
  afterAll(async () => {
    for (const id of tenants) {
      const tenancy = await tenancyOf(id);
      if (!tenancy.moved_out_on)
        await as(officer).graphql(
          'mutation($id: ID!, $on: LocalDate!) { endTenancy(tenancyId: $id, movedOutOn: $on) { id } }',
          { id: tenancy.id, on: today() },
        );
    }
  });

  it('is filed at the desk, listed for the police, and accepted as endTenancy ends a tenancy (with its history row)', async () => {
    const [tenant] = tenants;
    const movedOutOn = addDays(today(), -10);
    const filed = await request(tenant, {
      department: 'PUBLIC_SECURITY',
      fact: 'tenancyMovedOutOn',
      correctValue: movedOutOn,
      reason: '已于上月搬离',
    });
    expect(filed).toEqual({
      status: 200,
      data: {
        requestCorrection: filedCorrection({
          department: 'PUBLIC_SECURITY',
          fact: 'tenancyMovedOutOn',
          label: '退租日期 (the day you moved out of your rented home; empty while the register has you living there)',
          currentValue: null,
          requestedValue: movedOutOn,
          reason: '已于上月搬离',
        }),
      },
    });
    const filedRequest = filed.data.requestCorrection;
    const listed = (await as(officer).data(worklist)).publicSecurityCorrectionWorklist.nodes;
    expect(listed.find((r: { id: string }) => r.id === filedRequest.id)).toEqual(filedRequest);

    const accepted = await as(officer).data(decide, {
      input: { id: filedRequest.id, version: 1, decision: 'ACCEPT', reason: '经核实已搬离' },
    });
    expect(accepted).toEqual({
      decidePublicSecurityCorrection: {
        ...filedRequest,
        status: 'ACCEPTED',
        decisionReason: '经核实已搬离',
        decidedAt: expect.any(String),
        version: 2,
      },
    });
    expect({
      tenancy: (await tenancyOf(tenant)).moved_out_on,
      history: await ownerSql(
        'public-security',
        `select action, to_char(effective_on, 'YYYY-MM-DD') as effective_on, actor from change_history
          where record_id = $1 and reason = $2`,
        [rental.id, `tenant ${tenant}`],
      ),
    }).toEqual({
      tenancy: movedOutOn,
      history: [{ action: 'TENANCY_ENDED', effective_on: movedOutOn, actor: 'test-public_security-officer' }],
    });
  });

  it('is rejected with a reason the resident reads; a day before moving in is refused as endTenancy refuses it', async () => {
    const [, tenant] = tenants;
    const early = await request(tenant, {
      department: 'PUBLIC_SECURITY',
      fact: 'tenancyMovedOutOn',
      correctValue: addDays(movedInOn, -1),
      reason: '错了',
    });
    expect(early.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        'input.correctValue',
        `movedOutOn ${addDays(movedInOn, -1)} is before the tenant moved in (${movedInOn})`,
      ],
    ]);
    const { data } = await request(tenant, {
      department: 'PUBLIC_SECURITY',
      fact: 'tenancyMovedOutOn',
      correctValue: addDays(today(), -2),
      reason: '已搬走',
    });
    await as(officer).data(decide, {
      input: { id: data.requestCorrection.id, version: 1, decision: 'REJECT', reason: '房东确认仍在租住' },
    });
    const seen = (await asResident(tenant).graphql(MINE)).data.myCorrections;
    expect(seen).toEqual([
      {
        ...data.requestCorrection,
        status: 'REJECTED',
        decisionReason: '房东确认仍在租住',
        decidedAt: expect.any(String),
      },
    ]);
    expect((await tenancyOf(tenant)).moved_out_on).toBeNull();
  });
});

it('lists the correctable facts of every department that takes corrections', async () => {
  const [resident] = mine;
  const { data } = await asResident(resident).graphql('{ correctableFacts { department fact } }');
  const byDepartment = new Map<string, string[]>();
  for (const { department, fact } of data.correctableFacts)
    byDepartment.set(department, [...(byDepartment.get(department) ?? []), fact]);
  expect(Object.fromEntries(byDepartment)).toEqual({
    POPULATION: expect.arrayContaining(['name', 'phone']),
    CIVIL_AFFAIRS: [
      'homeCareHours.MEALS',
      'homeCareHours.BATHING',
      'homeCareHours.CLEANING',
      'homeCareHours.NURSING',
      'homeCareHours.COMPANIONSHIP',
      'homeCareHours.EMERGENCY_CALL',
    ],
    PUBLIC_SECURITY: ['tenancyMovedOutOn'],
  });
});

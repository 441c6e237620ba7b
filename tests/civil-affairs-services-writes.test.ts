/** Home-care services (居家养老服务) and volunteer teams (志愿服务队) written through the gateway, not only by the seed. */
import { randomUUID } from 'node:crypto';
import { ageOn, today } from '../subgraphs/civil-affairs/dates';
import { welfareRows } from '../subgraphs/civil-affairs/seed-welfare';
import { as, type Caller, caseworker } from './support/callers';
import { ownerSql } from './support/hub';
import { onRegister, testWorld, whereLives } from './support/world';

const world = testWorld();
const welfare = welfareRows(world);
const run = randomUUID().slice(0, 8);
const withHomeCare = new Set(welfare.homeCare.map((h) => h.residentId));
const volunteers = new Set(welfare.volunteers.map((v) => v.residentId));
// residents of their own, from the end of the district (other files take from its start)
const elders = [...world.residents]
  .reverse()
  .filter((r) => onRegister(r) && !withHomeCare.has(r.id) && ageOn(r.birthDate, today()) >= 65);
const young = [...world.residents]
  .reverse()
  .find(
    (r) =>
      onRegister(r) && !volunteers.has(r.id) && ageOn(r.birthDate, today()) >= 25 && ageOn(r.birthDate, today()) < 50,
  )!;
const caseworkerOf = (regionId: string): Caller => ({
  department: 'CIVIL_AFFAIRS',
  role: 'CASEWORKER',
  scope: [regionId],
  subject: `caseworker-of-${regionId}-${run}`,
});
const auditOf = (subject: string) =>
  ownerSql(
    'civil-affairs',
    `select kind, record_type as "recordType", record_ids as "recordIds", fields, outcome from audit_log
      where actor = $1 and kind = 'WRITE' order by id`,
    [subject],
  );

const SERVICE = 'id residentId kind hoursPerMonth startsOn endsOn endReason';
const ARRANGE = `mutation($input: ArrangeHomeCareInput!) { arrangeHomeCare(input: $input) { ${SERVICE} } }`;
const CHANGE = `mutation($id: ID!, $hours: Decimal!) { changeHomeCare(id: $id, hoursPerMonth: $hours) { ${SERVICE} } }`;
const END = `mutation($id: ID!, $input: EndHomeCareInput!) { endHomeCare(id: $id, input: $input) { ${SERVICE} } }`;

describe('home-care services (居家养老服务)', () => {
  const elder = elders[0];
  let serviceId: string;

  it('are arranged once per idempotency key, one running service of a kind per resident', async () => {
    const input = { idempotencyKey: randomUUID(), residentId: elder.id, kind: 'MEALS', hoursPerMonth: '20' };
    const [first, again] = [
      await as(caseworker).data(ARRANGE, { input }),
      await as(caseworker).data(ARRANGE, { input }),
    ];
    serviceId = first.arrangeHomeCare.id;
    expect(first).toEqual({
      arrangeHomeCare: {
        id: serviceId,
        residentId: elder.id,
        kind: 'MEALS',
        hoursPerMonth: '20.0',
        startsOn: today(),
        endsOn: null,
        endReason: null,
      },
    });
    expect(again).toEqual(first);
    expect(
      await ownerSql('civil-affairs', 'select count(*)::int as n from home_care_service where resident_id = $1', [
        elder.id,
      ]),
    ).toEqual([{ n: 1 }]);

    const second = await as(caseworker).graphql(ARRANGE, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(second.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['CONFLICT', `resident ${elder.id} already receives MEALS; change its hours with changeHomeCare`],
    ]);
  });

  it('refuses hours out of range and residents under 60, saying why', async () => {
    const res = await as(caseworker).graphql(CHANGE, { id: serviceId, hours: '240.1' });
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'hoursPerMonth'],
    ]);
    const under = await as(caseworker).graphql(ARRANGE, {
      input: { idempotencyKey: randomUUID(), residentId: young.id, kind: 'CLEANING', hoursPerMonth: '4' },
    });
    expect(under.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        `resident ${young.id} is ${ageOn(young.birthDate, today())}; home care is for residents 60 and over`,
      ],
    ]);
  });

  it('are changed and ended only inside the caller’s scope; outside it the service is not found, and audited so', async () => {
    const elsewhere = world.regions.find((r) => r.level === 'GRID' && r.id !== whereLives(elder).grid.id)!;
    const outsider = caseworkerOf(elsewhere.id);
    const refused = await as(outsider).graphql(CHANGE, { id: serviceId, hours: '30' });
    expect(refused.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `HomeCareService ${serviceId} does not exist or is outside your data scope`],
    ]);
    expect(await auditOf(outsider.subject!)).toEqual([
      { kind: 'WRITE', recordType: 'HomeCareService', recordIds: [serviceId], fields: ['scope'], outcome: 'DENIED' },
      {
        kind: 'WRITE',
        recordType: 'HomeCareService',
        recordIds: [serviceId],
        fields: ['changeHomeCare'],
        outcome: 'FAILED',
      },
    ]);

    const own = caseworkerOf(whereLives(elder).grid.id);
    expect((await as(own).data(CHANGE, { id: serviceId, hours: '30.5' })).changeHomeCare.hoursPerMonth).toBe('30.5');
    const ended = (await as(own).data(END, { id: serviceId, input: { reason: '入住养老机构' } })).endHomeCare;
    expect(ended).toMatchObject({ hoursPerMonth: '30.5', endsOn: today(), endReason: '入住养老机构' });
    const after = await as(own).graphql(CHANGE, { id: serviceId, hours: '10' });
    expect(after.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['CONFLICT', `home-care service ${serviceId} ended on ${today()}; arrange a new one with arrangeHomeCare`],
    ]);
    expect(await auditOf(own.subject!)).toEqual([
      {
        kind: 'WRITE',
        recordType: 'HomeCareService',
        recordIds: [serviceId],
        fields: ['changeHomeCare'],
        outcome: 'ALLOWED',
      },
      {
        kind: 'WRITE',
        recordType: 'HomeCareService',
        recordIds: [serviceId],
        fields: ['endHomeCare'],
        outcome: 'ALLOWED',
      },
      {
        kind: 'WRITE',
        recordType: 'HomeCareService',
        recordIds: [serviceId],
        fields: ['changeHomeCare'],
        outcome: 'FAILED',
      },
    ]);
    // an ended service may be arranged again
    const again = await as(own).data(ARRANGE, {
      input: { idempotencyKey: randomUUID(), residentId: elder.id, kind: 'MEALS', hoursPerMonth: '12' },
    });
    expect(again.arrangeHomeCare).toMatchObject({ kind: 'MEALS', hoursPerMonth: '12.0', endsOn: null });
  });
});

const TEAM = 'id name communityCode disbandedOn';
const CREATE = `mutation($input: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $input) { ${TEAM} } }`;
const RENAME = `mutation($id: ID!, $name: String!) { renameVolunteerTeam(id: $id, name: $name) { ${TEAM} } }`;
const DISBAND = `mutation($id: ID!, $reason: String!) { disbandVolunteerTeam(id: $id, reason: $reason) { ${TEAM} } }`;
const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`;

describe('volunteer teams (志愿服务队)', () => {
  const community = whereLives(young).community;
  // a community's caseworker (a grid's scope is its buildings, not the community)
  const own = caseworkerOf(community.id);
  const name = `测试志愿服务队-${run}`;
  let teamId: string;

  it('are founded once per idempotency key, with a name unique among the community’s serving teams', async () => {
    const input = { idempotencyKey: randomUUID(), name: ` ${name} `, communityCode: community.code };
    const first = await as(own).data(CREATE, { input });
    teamId = first.createVolunteerTeam.id;
    expect(first).toEqual({
      createVolunteerTeam: { id: teamId, name, communityCode: community.code, disbandedOn: null },
    });
    expect(await as(own).data(CREATE, { input })).toEqual(first);
    expect(
      await ownerSql('civil-affairs', 'select count(*)::int as n from volunteer_team where name = $1', [name]),
    ).toEqual([{ n: 1 }]);
    const twin = await as(own).graphql(CREATE, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(twin.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['CONFLICT', `community ${community.code} already has a serving team named "${name}"`],
    ]);
    expect(await auditOf(own.subject!)).toContainEqual({
      kind: 'WRITE',
      recordType: 'VolunteerTeam',
      recordIds: [teamId],
      fields: ['createVolunteerTeam'],
      outcome: 'ALLOWED',
    });
  });

  it('are founded only for a community in the caller’s scope, the refusal audited', async () => {
    // another community of the same street (the test district has one): its code is outside a community's scope
    const other = { code: `${community.code.slice(0, 9)}999` };
    const res = await as(own).graphql(CREATE, {
      input: { idempotencyKey: randomUUID(), name, communityCode: other.code },
    });
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', `community ${other.code} is outside your data scope: ask an official whose scope covers it`],
    ]);
    expect(await auditOf(own.subject!)).toContainEqual({
      kind: 'WRITE',
      recordType: 'VolunteerTeam',
      recordIds: [other.code],
      fields: ['scope'],
      outcome: 'DENIED',
    });
    const bad = await as(own).graphql(CREATE, { input: { idempotencyKey: randomUUID(), name, communityCode: '1101' } });
    expect(bad.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ['BAD_USER_INPUT', 'communityCode'],
    ]);
  });

  it('are renamed and disbanded; a disbanded team takes no one and changes no more', async () => {
    const renamed = `${name}（更名）`;
    expect((await as(own).data(RENAME, { id: teamId, name: renamed })).renameVolunteerTeam.name).toBe(renamed);
    expect((await as(own).data(DISBAND, { id: teamId, reason: '成员不足' })).disbandVolunteerTeam).toEqual({
      id: teamId,
      name: renamed,
      communityCode: community.code,
      disbandedOn: today(),
    });
    const join = await as(own).graphql(REGISTER, {
      input: { idempotencyKey: randomUUID(), residentId: young.id, skills: ['助老'], teamId },
    });
    expect(join.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'teamId']]);
    const again = await as(own).graphql(RENAME, { id: teamId, name });
    expect(again.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['CONFLICT', `volunteer team ${teamId} was disbanded on ${today()}`],
    ]);
    // the name is free again once the team is disbanded
    const refounded = await as(own).data(CREATE, {
      input: { idempotencyKey: randomUUID(), name: renamed, communityCode: community.code },
    });
    expect(refounded.createVolunteerTeam).toMatchObject({ name: renamed, disbandedOn: null });
  });
});

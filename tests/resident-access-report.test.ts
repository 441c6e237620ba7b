/**
 * Who read my data (谁查看了我的信息, issue 23 item 2): a resident's `myAccessReport` through the gateway, merged by the
 * resident desk from the four departments' access entries. Residents of the test's own, read by officials of three
 * departments with a purpose; the report lists exactly those reads, in order, paged, with the total.
 */
import { randomUUID } from 'node:crypto';
import { as, auditorOf, type Caller, caseworker, gridLeader, officer } from './support/callers';
import { nthGrid } from './support/grid';
import { type GraphQLResponse, ownerSql } from './support/hub';
import { REPORT } from './support/access-report';
import { asResident, registerOwnResident, takeOffTheRegister } from './support/residents';
import { onRegister, testWorld } from './support/world';

/** An entry as the resident reads it, without its id and time (which the test does not know in advance). */
const told = (node: Record<string, any>) => {
  const { id: _id, at: _at, ...rest } = node;
  return rest;
};
const entry = (
  actorDepartment: string,
  recordsOf: string,
  actorRole: string,
  purpose: string | null,
  kind: string,
  record: string,
  fields: string[],
) => ({ actorDepartment, recordsOf, actorRole, purpose, kind, what: { record, fields } });

const { households } = nthGrid(2);
const household = households[households.length - 2];
// someone else lives in another household: a read of my household is about me too (its members at the time)
const otherHousehold = households[households.length - 3];
const district = testWorld().regions.find((r) => r.level === 'DISTRICT')!.id;

const reader = (caller: Caller, purpose: string): Caller => ({
  ...caller,
  subject: `report-${caller.role.toLowerCase()}-${randomUUID()}`,
  purpose,
});
const caseworkerReads = reader(caseworker, '低保入户调查');
const officerReads = reader(officer, '居住证核查');
const leaderReads = reader(gridLeader, '月度走访');
const READS: [Caller, string][] = [
  [caseworkerReads, 'query($id: ID!) { resident(id: $id) { name assistance { program } } }'],
  [officerReads, 'query($id: ID!) { resident(id: $id) { name registration { type } } }'],
  [leaderReads, 'query($id: ID!) { resident(id: $id) { name grid { id } } }'],
];

const mine: string[] = [];
let me: string;
let someoneElse: string;
let from: string;
let to: string;

const report = (residentId: string, variables: Record<string, unknown> = {}) =>
  asResident(residentId).graphql(REPORT, { from, to, ...variables });

beforeAll(async () => {
  from = new Date(Date.now() - 1000).toISOString();
  const person = (name: string, gender: 'MALE' | 'FEMALE') => ({
    name,
    birthDate: '1979-06-21',
    gender,
    collectedBy: 'access-report-test',
  });
  me = await registerOwnResident(household.id, person('查阅报告测试', 'FEMALE'));
  someoneElse = await registerOwnResident(otherHousehold.id, person('查阅报告他人', 'MALE'));
  mine.push(me, someoneElse);
  for (const [caller, query] of READS) await as(caller).data(query, { id: me });
  // someone else read by the same departments with another purpose: none of it is in my report
  for (const [caller, query] of READS)
    await as({ ...caller, purpose: '其他居民核查' }).data(query, { id: someoneElse });
  to = new Date(Date.now() + 60_000).toISOString();
}, 60_000);

afterAll(() => takeOffTheRegister(mine));

const register = '人口登记信息 (population register)';
const household360 = '户的信息 (your household)';
const residence = '居住登记 (residence: status, household, moving in and out)';
const identity = '身份信息 (identity: name, sex, date of birth, ID number, ethnicity)';
const address = '住址 (address)';
/** What a department's official reading `resident(id) { name … }` reads of population's: the register entry and the household. */
const readsOfPopulation = (department: string, role: string, purpose: string) => [
  entry(department, 'POPULATION', role, purpose, 'READ', register, [residence, identity]),
  entry(department, 'POPULATION', role, purpose, 'READ', household360, [address]),
];
const EXPECTED = [
  // the registration (a change, and the registrar reading back the id)
  entry('POPULATION', 'POPULATION', 'REGISTRAR', null, 'WRITE', register, [
    '登记信息的变更 (a change to the register)',
  ]),
  entry('POPULATION', 'POPULATION', 'REGISTRAR', null, 'READ', register, []),
  ...readsOfPopulation('CIVIL_AFFAIRS', 'CASEWORKER', '低保入户调查'),
  entry(
    'CIVIL_AFFAIRS',
    'CIVIL_AFFAIRS',
    'CASEWORKER',
    '低保入户调查',
    'READ',
    '民政服务概况 (your civil-affairs services)',
    ['社会救助 (social assistance)'],
  ),
  ...readsOfPopulation('PUBLIC_SECURITY', 'OFFICER', '居住证核查'),
  entry(
    'PUBLIC_SECURITY',
    'PUBLIC_SECURITY',
    'OFFICER',
    '居住证核查',
    'READ',
    '公安登记概况 (your public-security records)',
    ['户籍 (hukou registration)'],
  ),
  ...readsOfPopulation('GRID', 'GRID_LEADER', '月度走访'),
  entry('GRID', 'GRID', 'GRID_LEADER', '月度走访', 'READ', '网格信息 (your grid)', ['所在网格 (your grid)']),
].map((e) => ({ ...e, actorUnits: [district] }));

const nodesOf = (res: GraphQLResponse) => res.data.myAccessReport.edges.map((e: any) => e.node);

describe('myAccessReport (谁查看了我的信息)', () => {
  it('lists exactly the reads and changes of my data, in time order, with purposes, units and roles, and the total', async () => {
    const res = await report(me);
    expect(res.errors).toBeUndefined();
    expect({ ...res.data.myAccessReport, edges: nodesOf(res).map(told) }).toEqual({
      totalCount: EXPECTED.length,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      edges: EXPECTED,
    });
    const times = nodesOf(res).map((n: any) => Date.parse(n.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // nothing about someone else, and no official's name (their subject) anywhere
    expect(JSON.stringify(res.data)).not.toMatch(/其他居民核查|report-(caseworker|officer|grid_leader)-/);
  });

  it('pages to the end with first: 2, one opaque cursor for all departments, the total on every page', async () => {
    const whole = nodesOf(await report(me));
    const pages: any[] = [];
    let after: string | undefined;
    do {
      const res = await report(me, { first: 2, after });
      expect(res.errors).toBeUndefined();
      pages.push(res.data.myAccessReport);
      after = res.data.myAccessReport.pageInfo.hasNextPage ? res.data.myAccessReport.pageInfo.endCursor : undefined;
    } while (after && pages.length < 20);
    expect(pages.map((p) => [p.edges.length, p.totalCount])).toEqual([
      [2, 11],
      [2, 11],
      [2, 11],
      [2, 11],
      [2, 11],
      [1, 11],
    ]);
    expect(pages.flatMap((p) => p.edges.map((e: any) => e.node))).toEqual(whole);
    // any edge's cursor goes on from that entry
    const third = pages[1].edges[0];
    const fromThird = await report(me, { first: 3, after: third.cursor });
    expect(nodesOf(fromThird)).toEqual(whole.slice(3, 6));
  });

  it('keeps one department with `department`, by its name in the entries or its subgraph', async () => {
    const civil = EXPECTED.filter((e) => e.recordsOf === 'CIVIL_AFFAIRS');
    for (const department of ['CIVIL_AFFAIRS', 'civil-affairs']) {
      const res = await report(me, { department });
      expect({ errors: res.errors, total: res.data.myAccessReport.totalCount, nodes: nodesOf(res).map(told) }).toEqual({
        errors: undefined,
        total: civil.length,
        nodes: civil,
      });
    }
    const population = await report(me, { department: 'POPULATION' });
    expect(nodesOf(population).map(told)).toEqual(EXPECTED.filter((e) => e.recordsOf === 'POPULATION'));
  });

  it('refuses bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ department: 'TAX_OFFICE' }, 'department'],
      [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
      // the report's own shape, with a department's position that is not one of its cursors (tampered)
      [
        { after: Buffer.from(`r:${JSON.stringify({ population: 'bm90LWEtY3Vyc29y' })}`).toString('base64url') },
        'after',
      ],
      [{ first: 0 }, 'first'],
      [{ from: to, to: from }, 'from'],
    ];
    const answers = await Promise.all(cases.map(([variables]) => report(me, variables)));
    expect(
      answers.map((r) => [
        r.data?.myAccessReport ?? null,
        r.errors?.map((e) => [e.extensions?.code, e.extensions?.field]),
      ]),
    ).toEqual(cases.map(([, field]) => [null, [['BAD_USER_INPUT', field]]]));
  });

  it('gives a supervised and an unsupervised resident reports of the same shape and fields', async () => {
    const supervised = await ownerSql<{ resident_id: string }>(
      'public-security',
      'select resident_id from key_person where active',
    );
    const watched = new Set(supervised.map((r) => r.resident_id));
    const [a] = [...watched].sort();
    const b = testWorld().residents.find((r) => onRegister(r) && !watched.has(r.id))!.id;
    // from this moment: an earlier file's read of a seeded resident (audit-writes reads the first) is not this test's
    const window = { from: new Date().toISOString() };
    const officerLooks = reader(officer, '重点人员核查');
    for (const id of [a, b]) {
      await as(officerLooks).data(
        'query($id: ID!) { resident(id: $id) { name registration { type } keyPerson { active } } }',
        {
          id,
        },
      );
    }
    const [ra, rb] = await Promise.all([a, b].map((id) => report(id, window)));
    const shape = (res: GraphQLResponse) => ({
      status: res.status,
      errors: res.errors,
      keys: Object.keys(res.data.myAccessReport).sort(),
      total: res.data.myAccessReport.totalCount,
      entries: nodesOf(res).map((n: any) => ({ keys: Object.keys(n).sort(), ...told(n) })),
    });
    expect(shape(ra)).toEqual(shape(rb));
    // the supervision read is left out for both: only the register, household and 户籍 reads are told
    expect(nodesOf(ra).map((n: any) => n.what.record)).toEqual([
      register,
      household360,
      '公安登记概况 (your public-security records)',
      '户籍 (hukou registration)',
    ]);
  });

  it('is the resident’s own: an official is answered as if nothing were there, and another resident sees only theirs', async () => {
    const official = await as(caseworker).graphql(REPORT, { from, to });
    expect(official).toEqual({
      status: 200,
      data: { myAccessReport: null },
      errors: [
        {
          message: 'AccessReport  does not exist or is outside your data scope',
          path: ['myAccessReport'],
          extensions: { code: 'NOT_FOUND', id: '', serviceName: 'resident-desk' },
        },
      ],
    });
    const theirs = await report(someoneElse);
    expect(new Set(nodesOf(theirs).map((n: any) => n.purpose))).toEqual(new Set([null, '其他居民核查']));
  });

  it('answers a resident asking a department’s access entries themselves (mine or another’s) with nothing', async () => {
    const ENTRIES = `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
      populationAccessEntries(residentId: $id, from: $from, to: $to) { totalCount nodes { id } } }`;
    const [own, other] = await Promise.all([
      asResident(me).graphql(ENTRIES, { id: me, from, to }),
      asResident(someoneElse).graphql(ENTRIES, { id: me, from, to }),
    ]);
    // only the resident desk may ask them for a resident: asked directly, they answer as every other root field does
    const empty = { status: 200, data: { populationAccessEntries: null } };
    expect([own, other]).toEqual([empty, empty]);
    // and an official who is not the department's auditor is refused them
    const refused = await as(caseworker).graphql(
      ENTRIES.replace('populationAccessEntries', 'civilAffairsAccessEntries'),
      {
        id: me,
        from,
        to,
      },
    );
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // the department's auditor still reads them (the same entries the report shows)
    const audited = await as(auditorOf('CIVIL_AFFAIRS')).data(
      ENTRIES.replace('populationAccessEntries', 'civilAffairsAccessEntries'),
      { id: me, from, to },
    );
    expect(audited.civilAffairsAccessEntries.totalCount).toBe(1);
  });
});

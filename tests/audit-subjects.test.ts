/**
 * Audit at the scale of a district (issue 23): every audit row names the residents it is about (data subjects) beside
 * the caller (the actor); `audit_log` is partitioned by month, kept ahead by the hub and append-only on every
 * partition; and each department answers its part of a resident's access report.
 */
import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../lib/codes/id-number';
import { DEPARTMENTS, OWNER } from '../lib/departments';
import { as, auditorOf, type Caller, caseworker, gridWorkerOf, officer, registrar } from './support/callers';
import { hub, sqlAt } from './support/hub';
import { onRegister, testWorld, whereLives } from './support/world';

const sql = sqlAt;

/** The local (Asia/Shanghai) month of a moment, as its partition's suffix: 2026_12. */
const monthOf = (at: Date) => {
  const fields = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .formatToParts(at)
    .map((p) => [p.type, p.value]);
  const parts = Object.fromEntries(fields);
  return `${parts.year}_${parts.month}`;
};
/** The first moment of the local month `n` months after the one `at` is in. */
const startOfMonthAfter = (at: Date, n: number) => {
  const [year, month] = monthOf(at).split('_').map(Number);
  return new Date(Date.UTC(year, month - 1 + n, 1) - 8 * 3600_000);
};

describe('audit_log by month', () => {
  const app = () => hub().databaseUrls.population;
  const owner = () => hub().ownerUrls.population;
  const marker = `partition-test-${randomUUID()}`;
  const insertAt = (at: Date) =>
    sql(
      app(),
      `insert into audit_log (at, request_id, actor, department, role, kind, record_type, record_ids, fields, outcome)
       values ($1, $2, 'partition-test', 'POPULATION', 'AUDITOR', 'READ', 'Resident', '{}', '{}', 'ALLOWED')`,
      [at, marker],
    );

  it('has this month’s and the next months’ partitions before they are needed, made by the hub at start', async () => {
    const now = new Date();
    const expected = [0, 1, 2].map((n) => `audit_log_${monthOf(startOfMonthAfter(now, n))}`);
    const rows = await sql(app(), 'select to_regclass(name)::text as made from unnest($1::text[]) name', [expected]);
    expect(rows.map((r) => r.made)).toEqual(expected);
    // asked again (as every subgraph does daily), nothing more is made
    expect(await sql(app(), 'select audit_log_prepare_partitions(2) as made')).toEqual([{ made: 0 }]);
  });

  it('puts each row in the partition of its local month, the last minutes of a month included', async () => {
    const next = startOfMonthAfter(new Date(), 1);
    const moments = [new Date(), new Date(next.getTime() - 60_000), next, new Date(next.getTime() + 60_000)];
    for (const at of moments) await insertAt(at);
    const rows = await sql(
      app(),
      'select tableoid::regclass::text as partition from audit_log where request_id = $1 order by at',
      [marker],
    );
    expect(rows.map((r) => r.partition)).toEqual(moments.map((at) => `audit_log_${monthOf(at)}`));
    expect(rows[1].partition).not.toEqual(rows[2].partition);
  });

  const partition = () => `audit_log_${monthOf(new Date())}`;
  const ATTACKS = [
    () => `drop table ${partition()}`,
    () => `alter table audit_log detach partition ${partition()}`,
    () => `drop trigger audit_log_no_truncate on ${partition()}`,
    () => `drop trigger audit_log_no_update_delete on ${partition()}`,
    () => `alter table ${partition()} disable trigger all`,
    () => `truncate ${partition()}`,
    () => `delete from ${partition()}`,
    () => `update ${partition()} set outcome = 'DENIED'`,
    () => 'truncate audit_log_default',
    () => `select audit_log_make_partitions('1900-01-01', 0)`,
  ];

  it.each(ATTACKS.map((attack, i) => [i, attack]))(
    'refuses the application role attack %i on a partition, and keeps every row',
    async (_i, attack) => {
      await insertAt(new Date());
      const count = `select count(*)::int as n, (select count(*)::int from pg_inherits where inhparent = 'audit_log'::regclass) as partitions from audit_log`;
      const [before] = await sql(app(), count);
      await expect(sql(app(), (attack as () => string)())).rejects.toThrow(
        /permission denied|must be owner|append-only/,
      );
      const [after] = await sql(app(), count);
      expect(after).toEqual(before);
    },
  );

  it('keeps the triggers on every partition', async () => {
    const rows = await sql(
      owner(),
      `select c.relname as partition, array_agg(t.tgname::text order by t.tgname) as triggers
         from pg_inherits i join pg_class c on c.oid = i.inhrelid
         left join pg_trigger t on t.tgrelid = c.oid and t.tgname like 'audit_log_no_%'
        where i.inhparent = 'audit_log'::regclass group by c.relname`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows)
      expect(row).toEqual({
        partition: row.partition,
        triggers: ['audit_log_no_truncate', 'audit_log_no_update_delete'],
      });
  });
});

const world = testWorld();
const families = world.households.filter(
  (h) => world.residents.filter((r) => r.householdId === h.id && onRegister(r)).length >= 2,
);
const household = families.at(-3)!;
const member = world.residents.find((r) => r.householdId === household.id && onRegister(r))!;
/** where the access entries' newcomer is registered (a household of its own, so the 360 above is not changed) */
const newcomerHousehold = families.at(-4)!;
const membersOf = (householdId: string) =>
  world.residents
    .filter((r) => r.householdId === householdId && onRegister(r))
    .map((r) => r.id)
    .sort();

describe('the data subjects of audit rows', () => {
  it('names, in all four departments, the resident a resident-360 reads and the members of the household it reads', async () => {
    const reader: Caller = {
      department: 'GRID',
      role: 'GRID_LEADER',
      purpose: '入户走访 数据主体测试',
      subject: `subjects-${randomUUID()}`,
    };
    await as(reader).data(
      `query($id: ID!) { resident(id: $id) { id name household { id room members { id } } registration { type }
        assistance { program } grid { id } } }`,
      { id: member.id },
    );
    const rows: Record<string, any[]> = {};
    for (const department of DEPARTMENTS)
      rows[department] = await sql(
        hub().ownerUrls[department],
        `select record_type, data_subjects from audit_log where actor = $1 and kind = 'READ' and outcome = 'ALLOWED'
          order by record_type`,
        [reader.subject],
      );
    const household360 = membersOf(household.id);
    expect(rows).toEqual({
      population: [
        { record_type: 'Household', data_subjects: household360 },
        { record_type: 'Resident', data_subjects: household360 },
      ],
      'civil-affairs': [{ record_type: 'Resident', data_subjects: [member.id] }],
      'public-security': [
        { record_type: 'HouseholdRegistration', data_subjects: [member.id] },
        { record_type: 'Resident', data_subjects: [member.id] },
      ],
      grid: [{ record_type: 'Resident', data_subjects: [member.id] }],
    });
  });
});

describe('a department’s access entries about one resident', () => {
  const where = whereLives(world.residents.find((r) => r.householdId === newcomerHousehold.id)!);
  const from = new Date();
  let residentId: string;
  const reads: [Caller, string][] = [
    [
      { ...gridWorkerOf(where.grid.id), subject: `entries-grid-${randomUUID()}`, purpose: '月度走访' },
      'query($id: ID!) { resident(id: $id) { name grid { id } } }',
    ],
    [
      { ...caseworker, subject: `entries-ca-${randomUUID()}`, purpose: '低保入户调查' },
      'query($id: ID!) { resident(id: $id) { name assistance { program } } }',
    ],
    [
      { ...officer, subject: `entries-ps-${randomUUID()}`, purpose: '居住证核查' },
      'query($id: ID!) { resident(id: $id) { name registration { type } keyPerson { category } } }',
    ],
  ];
  const ENTRIES = (
    field: string,
  ) => `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $first: Int, $after: String) {
    ${field}(residentId: $id, from: $from, to: $to, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { actorDepartment recordsOf actorUnits actorRole purpose kind what { record fields } }
    } }`;
  const FIELDS = {
    population: 'populationAccessEntries',
    'civil-affairs': 'civilAffairsAccessEntries',
    'public-security': 'publicSecurityAccessEntries',
    grid: 'gridAccessEntries',
  } as const;
  const entries = async (department: keyof typeof FIELDS, first = 50, after?: string) =>
    (
      await as(auditorOf(OWNER[department])).data(ENTRIES(FIELDS[department]), {
        id: residentId,
        from: from.toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
        first,
        after,
      })
    )[FIELDS[department]];

  beforeAll(async () => {
    const birthDate = '1988-03-14';
    residentId = (
      await as(registrar).data('mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }', {
        input: {
          idempotencyKey: randomUUID(),
          name: '查阅记录测试',
          idNumber: makeIdNumber('110105', birthDate, 400 + Math.floor(Math.random() * 500), 'FEMALE'),
          gender: 'FEMALE',
          birthDate,
          ethnicityCode: '01',
          residenceStatus: 'REGISTERED',
          householdId: newcomerHousehold.id,
          relationCode: '99',
          collectedBy: 'audit-subjects-test',
          movedInOn: '2026-10-01',
        },
      })
    ).registerResident.id;
    for (const [caller, query] of reads) await as(caller).data(query, { id: residentId });
  });

  afterAll(async () => {
    await as(registrar).data(
      'mutation($id: ID!) { moveOutResident(id: $id, input: { movedOutOn: "2026-11-30", deceased: true }) { id } }',
      { id: residentId },
    );
  });

  it('lists, per department, exactly the reads and changes made of that resident, in order, in words', async () => {
    const district = [world.regions.find((r) => r.level === 'DISTRICT')!.id];
    const answers = Object.fromEntries(
      await Promise.all(
        (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).map(async (d) => [d, await entries(d)] as const),
      ),
    );
    const entry = (
      actorDepartment: string,
      recordsOf: string,
      actorUnits: string[],
      actorRole: string,
      purpose: string | null,
      kind: string,
      record: string,
      fields: string[],
    ) => ({ actorDepartment, recordsOf, actorUnits, actorRole, purpose, kind, what: { record, fields } });
    const register = '人口登记信息 (population register)';
    const identity = '身份信息 (identity: name, sex, date of birth, ID number, ethnicity)';
    const residence = '居住登记 (residence: status, household, moving in and out)';
    const household = '户的信息 (your household)';
    const address = ['住址 (address)'];
    // each department's read of the resident reads population's facts too (its own fields @require the household)
    expect(answers.population.nodes).toEqual([
      entry('POPULATION', 'POPULATION', district, 'REGISTRAR', null, 'WRITE', register, [
        '登记信息的变更 (a change to the register)',
      ]),
      entry('POPULATION', 'POPULATION', district, 'REGISTRAR', null, 'READ', register, []),
      entry('GRID', 'POPULATION', [where.grid.id], 'GRID_WORKER', '月度走访', 'READ', register, [residence, identity]),
      entry('GRID', 'POPULATION', [where.grid.id], 'GRID_WORKER', '月度走访', 'READ', household, address),
      entry('CIVIL_AFFAIRS', 'POPULATION', district, 'CASEWORKER', '低保入户调查', 'READ', register, [
        residence,
        identity,
      ]),
      entry('CIVIL_AFFAIRS', 'POPULATION', district, 'CASEWORKER', '低保入户调查', 'READ', household, address),
      entry('PUBLIC_SECURITY', 'POPULATION', district, 'OFFICER', '居住证核查', 'READ', register, [
        residence,
        identity,
      ]),
      entry('PUBLIC_SECURITY', 'POPULATION', district, 'OFFICER', '居住证核查', 'READ', household, address),
    ]);
    expect({
      'civil-affairs': answers['civil-affairs'].nodes,
      'public-security': answers['public-security'].nodes,
      grid: answers.grid.nodes,
    }).toEqual({
      'civil-affairs': [
        entry(
          'CIVIL_AFFAIRS',
          'CIVIL_AFFAIRS',
          district,
          'CASEWORKER',
          '低保入户调查',
          'READ',
          '民政服务概况 (your civil-affairs services)',
          ['社会救助 (social assistance)'],
        ),
      ],
      // the key-person read is withheld by law, for everyone alike: only the hukou read is told
      'public-security': [
        entry(
          'PUBLIC_SECURITY',
          'PUBLIC_SECURITY',
          district,
          'OFFICER',
          '居住证核查',
          'READ',
          '公安登记概况 (your public-security records)',
          ['户籍 (hukou registration)'],
        ),
      ],
      grid: [
        entry('GRID', 'GRID', [where.grid.id], 'GRID_WORKER', '月度走访', 'READ', '网格信息 (your grid)', [
          '所在网格 (your grid)',
        ]),
      ],
    });
    expect(answers.population.totalCount).toBe(8);
    expect(JSON.stringify(answers)).not.toMatch(/entries-(grid|ca|ps)-/);
  });

  it('pages by (at, id) to the end, with the total on every page', async () => {
    const whole = await entries('population');
    const pages: any[] = [];
    let after: string | undefined;
    do {
      const page = await entries('population', 2, after);
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(pages.map((p) => [p.nodes.length, p.totalCount])).toEqual([
      [2, 8],
      [2, 8],
      [2, 8],
      [2, 8],
    ]);
    expect(pages.flatMap((p) => p.nodes)).toEqual(whole.nodes);
  });

  it('is the department auditor’s only, until the resident caller can ask for their own', async () => {
    const res = await as(caseworker).graphql(ENTRIES('civilAffairsAccessEntries'), {
      id: residentId,
      from: from.toISOString(),
      to: new Date().toISOString(),
    });
    expect(res.data).toEqual({ civilAffairsAccessEntries: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

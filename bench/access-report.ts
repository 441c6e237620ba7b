/**
 * The access report at district scale (issue 23): one resident's report over ≥ 20 million audit rows spread over the
 * four departments' partitioned `audit_log`s (36 months, many residents, the chosen one with a few hundred rows),
 * through the gateway, against one SQL query over one database holding the same rows in one table with the same
 * indexes — interleaved in rounds (bench/rounds.ts). Rows are loaded with COPY (lib/db/copy.ts, pg-copy-streams).
 * `npm run bench -- --access-report [--audit-rows N]` runs this alone.
 */
import type { Client } from 'pg';
import { withClient } from './pg-client';
import { GIN_WITHOUT_PENDING_LIST } from '../lib/audit/gin-migration';
import { copyRows } from '../lib/db/copy';
import { DEPARTMENTS, type Department } from '../lib/departments';
import { Rng, stableUuid } from '../runner/synthetic/random';
import type { World } from '../runner/synthetic/world';
import { type BenchPerson, gatewayHeaders, type BenchAuth } from './auth';
import type { LoadJob, LoadLimits } from './load-worker';
import type { Pair } from './report';
import type { RunStats } from './stats';

export const DEFAULT_AUDIT_ROWS = 20_000_000;
const MONTHS = 36;
/** rows about the chosen resident, over all four departments */
const CHOSEN_ROWS = 300;
const PAGE = 20;
const MONOLITH_DATABASE = 'audit_monolith';

/**
 * What the bench asks, and as whom: the resident's own `myAccessReport`, one request through the gateway and its resident
 * desk. 'entries' asks instead the four departments' `<dept>AccessEntries` (what the report merges), each as that
 * department's AUDITOR, the four requests together — to tell the desk's cost from the departments'.
 */
export const REPORT = 'myAccessReport' as 'entries' | 'myAccessReport';

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const ENTRIES = (department: Department) =>
  `query AccessEntries($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    ${camel(department)}AccessEntries(residentId: $id, from: $from, to: $to, first: ${PAGE}) { totalCount edges { node { id at } } } }`;
const MY_REPORT = `query MyAccessReport($from: DateTimeISO!, $to: DateTimeISO!) {
  myAccessReport(from: $from, to: $to, first: ${PAGE}) { totalCount edges { node { id at } } } }`;

/** What each department's rows read and change: a record type its vocabulary names, and fields of it. */
const READS: Record<Department, { recordType: string; fields: string[]; role: string }[]> = {
  population: [
    { recordType: 'Resident', fields: ['name', 'idNumber', 'phone'], role: 'REGISTRAR' },
    { recordType: 'Household', fields: ['members'], role: 'CLERK' },
  ],
  'civil-affairs': [
    { recordType: 'AssistanceCase', fields: ['program', 'status', 'monthlyAmount'], role: 'CASEWORKER' },
    { recordType: 'Resident', fields: ['assistance'], role: 'REVIEWER' },
  ],
  'public-security': [
    { recordType: 'ResidencePermit', fields: ['expiresOn', 'status'], role: 'OFFICER' },
    { recordType: 'HouseholdRegistration', fields: ['type'], role: 'GRID_POLICE' },
  ],
  grid: [
    { recordType: 'Visit', fields: ['visitedAt', 'notes'], role: 'GRID_WORKER' },
    { recordType: 'Household', fields: ['visits'], role: 'GRID_LEADER' },
  ],
};
const ORGANIZATION: Record<Department, string> = {
  population: 'POPULATION',
  'civil-affairs': 'CIVIL_AFFAIRS',
  'public-security': 'PUBLIC_SECURITY',
  grid: 'GRID',
};
const COLUMNS = [
  'at',
  'request_id',
  'actor',
  'actor_units',
  'department',
  'role',
  'operation',
  'kind',
  'record_type',
  'record_ids',
  'data_subjects',
  'fields',
  'purpose',
  'outcome',
];
const array = (items: string[]) => `{${items.join(',')}}`;

export interface AuditSeed {
  chosen: string;
  from: Date;
  to: Date;
  rows: number;
  chosenRows: number;
  subjects: number;
  loadSeconds: number;
}

/**
 * One department's rows: `count` reads and changes over MONTHS months before `now`, each about one resident of a
 * pool of `subjects` (a household read about three), every `every`-th about the chosen resident.
 */
function* auditRows(department: Department, count: number, seed: Omit<AuditSeed, 'loadSeconds'>, world: World) {
  const rng = new Rng(DEPARTMENTS.indexOf(department) + 23);
  const span = seed.to.getTime() - seed.from.getTime();
  const every = Math.max(1, Math.floor(count / (seed.chosenRows / DEPARTMENTS.length)));
  const units = world.regions.filter((r) => r.level === 'GRID').map((r) => r.id);
  const reads = READS[department];
  const subject = () => stableUuid(7, 'audit-subject', rng.int(seed.subjects));
  for (let i = 0; i < count; i++) {
    const read = reads[i % reads.length];
    const about = i % every === every - 1 ? seed.chosen : subject();
    const subjects = read.recordType === 'Household' ? [about, subject(), subject()] : [about];
    yield [
      new Date(seed.from.getTime() + rng.int(span)),
      `bench-${department}-${i}`,
      `official-${rng.int(500)}`,
      array([units[rng.int(units.length)]]),
      ORGANIZATION[department],
      read.role,
      'Bench',
      i % 10 === 0 ? 'WRITE' : 'READ',
      read.recordType,
      array([stableUuid(7, 'audit-record', rng.int(seed.subjects * 2))]),
      array(subjects),
      array(read.fields),
      i % 3 === 0 ? '低保复核 2026-118' : null,
      i % 50 === 0 ? 'DENIED' : 'ALLOWED',
    ];
  }
}

/**
 * A bulk load as an operator would make it: the partitioned log's indexes that are no constraint (`at`, `request_id`,
 * `actor` and the two GIN indexes, lib/audit/partition-migration.ts) dropped, the rows loaded, then each index made
 * again by its own definition, which builds it on every partition at once from sorted keys, and the GIN indexes set
 * without a pending list as the hub keeps them. Inserting 5 million rows a department into the indexes row by row
 * took the 20-million-row load past an hour.
 */
async function withIndexesBuiltAfter(client: Client, load: () => Promise<unknown>): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = 'audit_log'::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  await load();
  await client.query(`set maintenance_work_mem = '256MB'`);
  // pg_get_indexdef names a partitioned index `ON ONLY` the parent: made again over every partition
  for (const index of indexes) await client.query(index.definition.replace(' ON ONLY ', ' ON '));
  await client.query(GIN_WITHOUT_PENDING_LIST);
}

/**
 * Loads `rows` audit rows, a quarter per department, into each department's partitioned `audit_log` (as its owner,
 * the partitions of the 36 months made first) and the same rows into one table of one database (the monolith) with
 * the same indexes.
 */
export async function seedAuditRows(
  ownerUrls: Record<string, string>,
  adminUrl: (database: string) => string,
  world: World,
  rows: number,
  log: (line: string) => void,
): Promise<{ seed: AuditSeed; monolithUrl: string }> {
  const started = Date.now();
  const to = new Date();
  const from = new Date(to);
  from.setMonth(from.getMonth() - MONTHS);
  const seed = {
    chosen: world.residents[0].id,
    from,
    to,
    rows,
    chosenRows: Math.min(CHOSEN_ROWS, rows),
    subjects: Math.min(500_000, Math.max(1_000, Math.round(rows / 100))),
  };
  const perDepartment = Math.floor(rows / DEPARTMENTS.length);
  await withClient(adminUrl('postgres'), async (admin) => {
    await admin.query(`drop database if exists ${MONOLITH_DATABASE}`);
    await admin.query(`create database ${MONOLITH_DATABASE}`);
  });
  const monolithUrl = adminUrl(MONOLITH_DATABASE);
  await withClient(monolithUrl, async (client) => {
    // the ids in byte order, as in the departments' logs (lib/audit/byte-order-migration.ts)
    await client.query(`create table audit_log ("id" bigserial primary key, "at" timestamptz not null,
      "request_id" text collate "C" not null, "actor" text collate "C" not null, "actor_units" text[] not null,
      "department" text not null, "role" text not null, "operation" text null, "kind" text not null,
      "record_type" text not null, "record_ids" text[] collate "C" not null, "data_subjects" text[] collate "C" not null,
      "fields" text[] not null, "purpose" text null, "outcome" text not null)`);
  });
  // the departments' loads run side by side (each its own database); the monolith's after them
  await Promise.all(
    DEPARTMENTS.map((department) =>
      withClient(ownerUrls[department], async (client) => {
        const first = new Date(from);
        first.setMonth(first.getMonth() - 1);
        await client.query('select audit_log_make_partitions($1::date, 2)', [first.toISOString().slice(0, 10)]);
        await withIndexesBuiltAfter(client, () =>
          copyRows(client, 'audit_log', COLUMNS, auditRows(department, perDepartment, seed, world), (r) => r),
        );
        await client.query('analyze audit_log');
        log(`  ${department}: ${perDepartment.toLocaleString('en')} audit rows`);
      }),
    ),
  );
  await withClient(monolithUrl, async (client) => {
    for (const department of DEPARTMENTS)
      await copyRows(client, 'audit_log', COLUMNS, auditRows(department, perDepartment, seed, world), (r) => r);
    // the departments' indexes (lib/audit/partition-migration.ts), made after the load as a bulk load would
    await client.query('create index on audit_log ("at")');
    await client.query('create index on audit_log ("request_id")');
    await client.query('create index on audit_log ("actor")');
    await client.query('create index on audit_log using gin ("record_ids")');
    await client.query('create index on audit_log using gin ("data_subjects")');
    await client.query('analyze audit_log');
    log(`  monolith: ${(perDepartment * DEPARTMENTS.length).toLocaleString('en')} audit rows in one table`);
  });
  return {
    seed: { ...seed, rows: perDepartment * DEPARTMENTS.length, loadSeconds: (Date.now() - started) / 1000 },
    monolithUrl,
  };
}

/**
 * How one department finds the resident's first page (the statement lib/graphql/access-entries.ts sends, without the
 * withheld filters): EXPLAIN ANALYZE on its partitioned audit_log, kept with the figures, so a slow run shows whether
 * the partitions were pruned and which index found the rows.
 */
export const explainEntries = (ownerUrl: string, seed: AuditSeed): Promise<string[]> =>
  withClient(ownerUrl, async (client) => {
    // twice on one connection, the second kept: a pooled connection has the partitions' catalog entries cached, and a
    // new one spends most of its first planning reading them
    const explain = () =>
      client.query(
        `explain (analyze, costs off, timing off, summary on)
       select id, record_type, fields, actor_units, role, purpose, kind, department, to_json("at") #>> '{}' as at_iso
         from audit_log where data_subjects @> array[$1]::text[] and outcome = 'ALLOWED' and at >= $2 and at < $3
        order by at asc, id asc limit ${PAGE + 1}`,
        [seed.chosen, seed.from, seed.to],
      );
    await explain();
    const { rows } = await explain();
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']);
  });

/** The report as one SQL statement over the monolith: the total and the first page, in one row. */
export const MONOLITH_REPORT = (seed: AuditSeed) => {
  const where = `data_subjects @> array[$1]::text[] and outcome = 'ALLOWED'
    and at >= '${seed.from.toISOString()}' and at < '${seed.to.toISOString()}'`;
  return `select (select count(*) from audit_log where ${where}) as total,
    (select json_agg(p) from (select id, at, department, role, purpose, kind, record_type, fields
       from audit_log where ${where} order by at, id limit ${PAGE}) p) as page`;
};

/** The gateway's side as a load job: the four departments' entries together, or (REPORT) the resident's own report. */
export function gatewayReportJob(
  gatewayUrl: string,
  auth: BenchAuth,
  seed: AuditSeed,
): (limits: LoadLimits) => Promise<LoadJob> {
  const variables = { id: seed.chosen, from: seed.from.toISOString(), to: seed.to.toISOString() };
  if (REPORT === 'myAccessReport') {
    const resident: BenchPerson = { department: 'RESIDENT', role: 'RESIDENT', scope: [], resident: seed.chosen };
    return async (limits) => ({
      kind: 'fetch',
      url: gatewayUrl,
      headers: await gatewayHeaders(auth, resident),
      bodies: [JSON.stringify({ query: MY_REPORT, variables })],
      ...limits,
    });
  }
  return async (limits) => ({
    kind: 'fetch-together',
    requests: await Promise.all(
      DEPARTMENTS.map(async (d) => ({
        url: gatewayUrl,
        headers: await gatewayHeaders(auth, {
          department: ORGANIZATION[d] as BenchPerson['department'],
          role: 'AUDITOR',
        }),
        body: JSON.stringify({ query: ENTRIES(d), variables }),
      })),
    ),
    ...limits,
  });
}

export interface AccessReportResult {
  seed: AuditSeed;
  /** through the gateway: the four departments' entries at once (or myAccessReport), p50 and p95 */
  gateway: RunStats;
  /** the same report as one SQL query over the monolith */
  monolith: RunStats;
  pair: Pair;
  goals: { p50AtMost50ms: boolean; ratioAtMost3: boolean };
  /** the same over one month (the last whole one), as the resident's page asks */
  month: { key: string; pair: Pair; goals: { p50AtMost50ms: boolean; ratioAtMost3: boolean } };
  asked: typeof REPORT;
  /** EXPLAIN ANALYZE of population's part (explainEntries) */
  plan: string[];
}

export const accessReportGoals = (pair: Pair) => ({
  p50AtMost50ms: pair.ours.p50 <= 50,
  ratioAtMost3: pair.ratio.p50 <= 3,
});

export const renderAccessReport = (r: AccessReportResult) =>
  [
    `Access report of one resident (${r.seed.chosenRows} of their rows) over ${r.seed.rows.toLocaleString('en')} audit rows (${MONTHS} months, ${r.seed.subjects.toLocaleString('en')} residents, four departments; loaded in ${Math.round(r.seed.loadSeconds)} s)`,
    '',
    '| side | p50 ms | p95 ms | req/s | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| through the gateway (${r.asked === 'entries' ? 'four <dept>AccessEntries as each AUDITOR' : 'myAccessReport as the resident'}) | ${r.gateway.p50} | ${r.gateway.p95} | ${r.gateway.throughput} | ${r.gateway.errors} |`,
    `| one SQL query over one database | ${r.monolith.p50} | ${r.monolith.p95} | ${r.monolith.throughput} | ${r.monolith.errors} |`,
    '',
    `Ratio p50 ${r.pair.ratio.p50} (${r.pair.spread?.p50.min}–${r.pair.spread?.p50.max}), p95 ${r.pair.ratio.p95}. Goals: p50 ≤ 50 ms ${r.goals.p50AtMost50ms ? 'met' : 'NOT met'}, ratio ≤ 3 ${r.goals.ratioAtMost3 ? 'met' : 'NOT met'}.`,
    '',
    `One month (${r.month.key}), as the resident's page asks:`,
    '',
    '| side | p50 ms | p95 ms | req/s | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| through the gateway | ${r.month.pair.ours.p50} | ${r.month.pair.ours.p95} | ${r.month.pair.ours.throughput} | ${r.month.pair.ours.errors} |`,
    `| one SQL query over one database | ${r.month.pair.reference.p50} | ${r.month.pair.reference.p95} | ${r.month.pair.reference.throughput} | ${r.month.pair.reference.errors} |`,
    '',
    `Ratio p50 ${r.month.pair.ratio.p50}, p95 ${r.month.pair.ratio.p95}. Goals: p50 ≤ 50 ms ${r.month.goals.p50AtMost50ms ? 'met' : 'NOT met'}, ratio ≤ 3 ${r.month.goals.ratioAtMost3 ? 'met' : 'NOT met'}.`,
    '',
    'Population’s part, as planned and run:',
    '',
    '```',
    ...r.plan,
    '```',
  ].join('\n');

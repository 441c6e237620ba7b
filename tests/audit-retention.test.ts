/**
 * The audit log's retention and its move to monthly partitions, on a database of population's own: old months are
 * detached by the owner (kept as tables, never deleted by the application role), and the migration that partitions
 * the log moves every row over and back; the migrations after it (no GIN pending list, ids in byte order) go down and up.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { applyAuditRetention, prepareDatabase } from '../lib/db/migrate';
import { population } from '../subgraphs/population';
import { hub, sqlAt } from './support/hub';

const sql = sqlAt;

const DATABASE = 'audit_retention_probe';
const onProbe = (url: string) => Object.assign(new URL(url), { pathname: `/${DATABASE}` }).toString();
const owner = () => onProbe(hub().ownerUrls.population);
const app = () => onProbe(hub().databaseUrls.population);

/** The local (Asia/Shanghai) month `n` months before now, as YYYY_MM. */
function monthsAgo(n: number): string {
  const local = new Date(Date.now() + 8 * 3600_000);
  const month = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - n, 1));
  return `${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}
/** The 15th of that month, noon in Beijing. */
const midMonth = (n: number) => `${monthsAgo(n).replace('_', '-')}-15T12:00:00+08:00`;

const ROW = `insert into audit_log (at, request_id, actor, department, role, kind, record_type, record_ids, fields, outcome)
  values ($1, $2, 'retention-test', 'POPULATION', 'REGISTRAR', 'READ', $3, $4, '{name}', 'ALLOWED')`;

describe('audit log retention and partitioning, on a database of its own', () => {
  beforeAll(async () => {
    await sql(hub().adminUrl!, `drop database if exists ${DATABASE}`);
    await sql(hub().adminUrl!, `create database ${DATABASE} owner population_owner`);
    await sql(hub().adminUrl!, `revoke all on database ${DATABASE} from public`);
    await prepareDatabase(population, owner(), app());
    // the log of a hub that has run for 40 months: the owner made the months it missed
    await sql(owner(), `select audit_log_make_partitions(($1 || '-01')::date, 0)`, [monthsAgo(40).replace('_', '-')]);
    for (const n of [40, 37, 36, 0])
      await sql(app(), ROW, [midMonth(n), `retention-${n}`, 'Resident', ['00000000-0000-4000-8000-0000000000aa']]);
  }, 120_000);

  afterAll(() => sql(hub().adminUrl!, `drop database if exists ${DATABASE} with (force)`));

  it('detaches, as the owner, the months older than the retention (36 by default), and keeps them as tables', async () => {
    const detached = await applyAuditRetention(owner());
    expect(detached).toEqual([40, 39, 38, 37].map((n) => `audit_log_${monthsAgo(n)}`));
    expect(await sql(app(), `select request_id from audit_log where actor = 'retention-test' order by at`)).toEqual([
      { request_id: 'retention-36' },
      { request_id: 'retention-0' },
    ]);
    // a detached month is the owner's table, out of the application role's reach, its rows intact
    expect(await sql(owner(), `select request_id from audit_log_${monthsAgo(40)}`)).toEqual([
      { request_id: 'retention-40' },
    ]);
    await expect(sql(app(), `select count(*) from audit_log_${monthsAgo(37)}`)).rejects.toThrow(/permission denied/);
    // and the hub does not make a detached month again
    await sql(owner(), `select audit_log_make_partitions(($1 || '-01')::date, 0)`, [monthsAgo(40).replace('_', '-')]);
    expect(await applyAuditRetention(owner())).toEqual([]);
  });

  it('migrates down to one plain table and up again, moving every row (actor ↔ subject)', async () => {
    const orm = await MikroORM.init(population.ormConfig(owner()));
    try {
      const rows = `select request_id, record_type, record_ids from audit_log where request_id like 'retention-%' order by id`;
      const before = await sql(owner(), rows);
      partitions = await partitionCount();
      expect(await collations()).toEqual(BYTE_ORDER);
      expect(await orm.getMigrator().down()).toEqual([expect.objectContaining({ name: 'AuditIdsInByteOrder' })]);
      expect(await collations()).toEqual(BYTE_ORDER.map((c) => ({ ...c, collation: 'default' })));
      expect(await orm.getMigrator().down()).toEqual([expect.objectContaining({ name: 'AuditGinWithoutPendingList' })]);
      expect(await ginOptions()).toEqual({ indexes: 2 * partitions, options: [null] });
      expect(await orm.getMigrator().down()).toEqual([expect.objectContaining({ name: 'AuditLogByMonth' })]);
      expect(await sql(owner(), rows)).toEqual(before);
      expect(
        await sql(owner(), `select relkind from pg_class where relname = 'audit_log'`).then((r) => r[0].relkind),
      ).toBe('r');
      expect(await sql(owner(), `select count(*)::int as n from audit_log where subject = 'retention-test'`)).toEqual([
        { n: 2 },
      ]);

      await orm.getMigrator().up();
      expect(await sql(owner(), rows)).toEqual(before);
      expect(
        await sql(
          owner(),
          `select tableoid::regclass::text as partition, data_subjects from audit_log where actor = 'retention-test' order by at`,
        ),
      ).toEqual([
        { partition: `audit_log_${monthsAgo(36)}`, data_subjects: ['00000000-0000-4000-8000-0000000000aa'] },
        { partition: `audit_log_${monthsAgo(0)}`, data_subjects: ['00000000-0000-4000-8000-0000000000aa'] },
      ]);
      expect(await ginOptions()).toEqual({ indexes: 2 * (await partitionCount()), options: [['fastupdate=off']] });
      expect(await collations()).toEqual(BYTE_ORDER);
    } finally {
      await orm.close();
    }
  });

  it('keeps no GIN pending list on any partition, those made later included (a search reads only the index)', async () => {
    const before = await partitionCount();
    await sql(owner(), 'select audit_log_make_partitions(current_date, 3)');
    expect(await partitionCount()).toBeGreaterThan(before);
    expect(await ginOptions()).toEqual({ indexes: 2 * (await partitionCount()), options: [['fastupdate=off']] });
  });
});

/** The partitions of the audit log (the default one included). */
const partitionCount = () =>
  sql(owner(), `select count(*)::int as n from pg_inherits where inhparent = 'audit_log'::regclass`).then(
    (r) => r[0].n as number,
  );
let partitions = 0;

/** The audit log's id columns and the replay guard's, each with its collation ('default': the database's). */
const BYTE_ORDER = [
  { table: 'audit_log', column: 'actor', collation: 'C' },
  { table: 'audit_log', column: 'data_subjects', collation: 'C' },
  { table: 'audit_log', column: 'record_ids', collation: 'C' },
  { table: 'audit_log', column: 'request_id', collation: 'C' },
  { table: 'hub_replay_guard', column: 'id', collation: 'C' },
];
const collations = () =>
  sql(
    owner(),
    `select c.relname as table, a.attname as column, coalesce(l.collname, 'default') as collation
       from pg_attribute a join pg_class c on c.oid = a.attrelid left join pg_collation l on l.oid = nullif(a.attcollation, 100)
      where c.relname in ('audit_log', 'hub_replay_guard') and a.attname in ('actor', 'data_subjects', 'record_ids', 'request_id', 'id')
        and (c.relname = 'hub_replay_guard') = (a.attname = 'id')
      order by 1, 2`,
  );

/** How many partitions' GIN indexes there are (data_subjects and record_ids), and the distinct options they carry. */
const ginOptions = () =>
  sql(
    owner(),
    `select count(*)::int as indexes, array_agg(distinct array_to_string(c.reloptions, ',')) as options
       from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent in ('audit_log_data_subjects_index'::regclass, 'audit_log_record_ids_index'::regclass)`,
  ).then((r) => ({
    indexes: r[0].indexes as number,
    options: (r[0].options as (string | null)[]).map((o) => (o ? o.split(',') : null)),
  }));

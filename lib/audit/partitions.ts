import type { Knex } from '@mikro-orm/knex';
import type { Client } from 'pg';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes the audit log's monthly partitions from the current month to `monthsAhead` after it, through the owner's
 * SECURITY DEFINER function (lib/audit/partition-migration.ts): the application role creates no table itself.
 * Answers how many were made (0 once they exist).
 */
export async function prepareAuditPartitions(knex: Knex, monthsAhead: number): Promise<number> {
  const result = await knex.raw('select audit_log_prepare_partitions(?::integer) as made', [monthsAhead]);
  return Number(result.rows[0].made);
}

/**
 * The hub keeps its partitions ahead by itself: once at a subgraph's start and then daily (no operator cron). A failed
 * attempt is reported and retried the next day; the default partition holds any row whose month is missing meanwhile.
 * Returns the stop function for shutdown.
 */
export async function keepAuditPartitionsAhead(
  knex: Knex,
  monthsAhead: number,
  report: (error: unknown) => void,
): Promise<() => void> {
  const run = () => prepareAuditPartitions(knex, monthsAhead).catch(report);
  await run();
  const timer = setInterval(() => void run(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** The partition of a local month, e.g. audit_log_2026_12. */
export const partitionName = (year: number, month: number) => `audit_log_${year}_${String(month).padStart(2, '0')}`;

/**
 * Retention, as the owner: detaches the monthly partitions whose whole month ended more than `retentionMonths` ago
 * (months in the district's time zone). A detached partition stays in the database as the owner's own table,
 * outside `audit_log`, for the owner to archive and drop by its own procedure; the application role never deletes a row.
 * Returns the names detached.
 */
export async function detachExpiredAuditPartitions(owner: Client, retentionMonths: number): Promise<string[]> {
  const { rows } = await owner.query<{ name: string }>(
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'audit_log'::regclass and c.relname ~ '^audit_log_\\d{4}_\\d{2}$'
        and to_date(substring(c.relname from 11), 'YYYY_MM')
          < (date_trunc('month', now() at time zone 'Asia/Shanghai') - make_interval(months => $1::integer))::date
      order by 1`,
    [Math.max(6, retentionMonths)],
  );
  for (const { name } of rows) await owner.query(`alter table audit_log detach partition "${name}"`);
  return rows.map((r) => r.name);
}

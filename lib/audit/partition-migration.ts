import { Migration } from '@mikro-orm/migrations';

/** Months are the district's (Asia/Shanghai): a partition holds the rows of one local calendar month. */
const COLUMNS = `"request_id", "actor", "department", "role", "operation", "kind", "record_type", "record_ids", "fields", "purpose", "outcome"`;

/**
 * `audit_log_make_partitions(first, months)`: one month's partition per local month from `first` to `months` after the
 * current one. With `ginWithoutPendingList` (lib/audit/gin-migration.ts) each new partition's GIN indexes are set to
 * `fastupdate = off` as it is made: PostgreSQL takes that option on a partition's index, not on the partitioned one.
 */
export const makePartitionsFunction = ({ ginWithoutPendingList }: { ginWithoutPendingList: boolean }) =>
  `create or replace function audit_log_make_partitions(first date, months integer) returns integer language plpgsql
      security definer set search_path from current as $$
      declare
        month date := date_trunc('month', first)::date;
        last date := (date_trunc('month', (now() at time zone 'Asia/Shanghai')) + make_interval(months => months))::date;
        part text;
        made integer := 0;${ginWithoutPendingList ? '\n        gin regclass;' : ''}
      begin
        while month <= last loop
          part := 'audit_log_' || to_char(month, 'YYYY_MM');
          -- a name already taken is a partition made before, or one detached by retention: never made again
          if to_regclass(part) is null then
            execute format('create table %I partition of audit_log for values from (%L) to (%L)', part,
              month::timestamp at time zone 'Asia/Shanghai', (month + interval '1 month')::timestamp at time zone 'Asia/Shanghai');
            execute format('create trigger audit_log_no_truncate before truncate on %I for each statement execute function audit_log_append_only()', part);
            execute format('revoke all on %I from public', part);${
              ginWithoutPendingList
                ? `
            for gin in ${PARTITION_GIN_INDEXES.replace('$PART', 'to_regclass(part)')} loop
              execute format('alter index %s set (fastupdate = off)', gin);
            end loop;`
                : ''
            }
            made := made + 1;
          end if;
          month := (month + interval '1 month')::date;
        end loop;
        return made;
      end $$;`;

/** The audit log's GIN indexes: rows about a resident (`data_subjects`) and rows about a record (`record_ids`). */
export const GIN_INDEXES = ['audit_log_data_subjects_index', 'audit_log_record_ids_index'];

/** A query for the GIN indexes of one partition: $PART, an expression giving its regclass (`x.indrelid`: of them all). */
export const PARTITION_GIN_INDEXES = `select i.inhrelid::regclass from pg_inherits i join pg_index x on x.indexrelid = i.inhrelid
              where i.inhparent in (${GIN_INDEXES.map((name) => `'${name}'::regclass`).join(', ')}) and x.indrelid = $PART`;

/**
 * The audit log by month (PostgreSQL declarative partitioning), and the names of both parties on every row: `actor` —
 * who read or changed (until now the column `subject`), with `actor_units`, the regions of their scope — and
 * `data_subjects` — the residents whose personal data the records hold, found by "rows about this resident in this
 * period" through a GIN index and partition pruning on `at` (docs/security.md: measured against a side table).
 *
 * Append-only as before: the row trigger on the parent is cloned onto every partition (and cannot be dropped from one),
 * the TRUNCATE trigger is made on each partition as it is created; partitions belong to the owner, so the application
 * role can neither drop nor detach one. Partitions are made ahead by `audit_log_prepare_partitions(months)`, a SECURITY
 * DEFINER function the application role may only execute (the hub calls it at start and daily: lib/audit/partitions.ts).
 * A default partition catches a row whose month was not made in time, so no audit row is ever refused.
 * Existing rows move over; rows about a `Resident` name that resident as their subject.
 */
export class AuditLogByMonthMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_log" rename to "audit_log_unpartitioned";`);
    this.addSql(
      `alter table "audit_log_unpartitioned" rename constraint "audit_log_pkey" to "audit_log_unpartitioned_pkey";`,
    );
    for (const index of ['at', 'request_id', 'subject', 'record_ids'])
      this.addSql(`drop index if exists "audit_log_${index}_index";`);
    this.addSql(`create sequence "audit_log_row_id_seq" as bigint;`);
    this.addSql(`create table "audit_log" ("id" bigint not null default nextval('audit_log_row_id_seq'),
      "at" timestamptz not null default now(), "request_id" text not null, "actor" text not null, "actor_units" text[] not null default '{}', "department" text not null,
      "role" text not null, "operation" text null, "kind" text not null, "record_type" text not null, "record_ids" text[] not null,
      "data_subjects" text[] not null default '{}', "fields" text[] not null, "purpose" text null, "outcome" text not null,
      primary key ("id", "at")) partition by range ("at");`);
    this.addSql(`alter sequence "audit_log_row_id_seq" owned by "audit_log"."id";`);
    this.addSql(
      `comment on column "audit_log"."actor" is 'who read or changed: the caller''s subject (formerly "subject")';`,
    );
    this.addSql(
      `comment on column "audit_log"."actor_units" is 'the regions the actor''s scope names (their unit): what a resident''s access report tells';`,
    );
    this.addSql(
      `comment on column "audit_log"."data_subjects" is 'the residents whose personal data the records hold (数据主体)';`,
    );
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`create index "audit_log_request_id_index" on "audit_log" ("request_id");`);
    this.addSql(`create index "audit_log_actor_index" on "audit_log" ("actor");`);
    this.addSql(`create index "audit_log_record_ids_index" on "audit_log" using gin ("record_ids");`);
    this.addSql(`create index "audit_log_data_subjects_index" on "audit_log" using gin ("data_subjects");`);
    this.addSql(`create table "audit_log_default" partition of "audit_log" default;`);
    this.addSql(
      `create trigger audit_log_no_update_delete before update or delete on "audit_log" for each row execute function audit_log_append_only();`,
    );
    this.addSql(
      `create trigger audit_log_no_truncate before truncate on "audit_log" for each statement execute function audit_log_append_only();`,
    );
    this.addSql(
      `create trigger audit_log_no_truncate before truncate on "audit_log_default" for each statement execute function audit_log_append_only();`,
    );
    this.addSql(makePartitionsFunction({ ginWithoutPendingList: false }));
    this.addSql(`create function audit_log_prepare_partitions(months integer) returns integer language sql
      security definer set search_path from current as $$
        select audit_log_make_partitions((now() at time zone 'Asia/Shanghai')::date, least(greatest(months, 1), 12)) $$;`);
    this.addSql(`revoke all on function audit_log_make_partitions(date, integer) from public;`);
    this.addSql(`revoke all on function audit_log_prepare_partitions(integer) from public;`);
    this.addSql(`select audit_log_make_partitions(coalesce((select min("at") at time zone 'Asia/Shanghai' from "audit_log_unpartitioned")::date,
      (now() at time zone 'Asia/Shanghai')::date), 2);`);
    this.addSql(`insert into "audit_log" ("id", "at", ${COLUMNS}, "data_subjects")
      select "id", "at", ${COLUMNS.replace('"actor"', '"subject"')},
        case when "record_type" = 'Resident' then "record_ids" else '{}' end from "audit_log_unpartitioned" order by "id";`);
    this.addSql(
      `select setval('audit_log_row_id_seq', greatest((select max("id") from "audit_log_unpartitioned"), 0) + 1, false);`,
    );
    this.addSql(`drop table "audit_log_unpartitioned";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_log" rename to "audit_log_partitioned";`);
    this.addSql(
      `alter table "audit_log_partitioned" rename constraint "audit_log_pkey" to "audit_log_partitioned_pkey";`,
    );
    for (const index of ['at', 'request_id', 'actor', 'record_ids'])
      this.addSql(`drop index "audit_log_${index}_index";`);
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "request_id" text not null,
      "subject" text not null, "department" text not null, "role" text not null, "operation" text null, "kind" text not null,
      "record_type" text not null, "record_ids" text[] not null, "fields" text[] not null, "purpose" text null, "outcome" text not null);`);
    this.addSql(`insert into "audit_log" ("id", "at", ${COLUMNS.replace('"actor"', '"subject"')})
      select "id", "at", ${COLUMNS} from "audit_log_partitioned" order by "id";`);
    this.addSql(`select setval('audit_log_id_seq', greatest((select max("id") from "audit_log"), 0) + 1, false);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`create index "audit_log_request_id_index" on "audit_log" ("request_id");`);
    this.addSql(`create index "audit_log_subject_index" on "audit_log" ("subject");`);
    this.addSql(`create index "audit_log_record_ids_index" on "audit_log" using gin ("record_ids");`);
    this.addSql(
      `create trigger audit_log_no_update_delete before update or delete on "audit_log" for each row execute function audit_log_append_only();`,
    );
    this.addSql(
      `create trigger audit_log_no_truncate before truncate on "audit_log" for each statement execute function audit_log_append_only();`,
    );
    this.addSql(`drop function audit_log_prepare_partitions(integer);`);
    this.addSql(`drop function audit_log_make_partitions(date, integer);`);
    // its partitions go with it; partitions retention detached earlier are the owner's tables and stay
    this.addSql(`drop table "audit_log_partitioned" cascade;`);
  }
}

export const auditLogByMonthMigration = { name: 'AuditLogByMonth', class: AuditLogByMonthMigration };

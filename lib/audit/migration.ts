import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log, the same in every department: created with the department's own migrations, and append-only —
 * a trigger refuses UPDATE, DELETE and TRUNCATE, whatever role asks. (In production also run migrations as an owner
 * role and grant the application role only INSERT and SELECT, so it cannot drop the trigger either.)
 */
export class AuditLogMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "request_id" text not null,
      "subject" text not null, "department" text not null, "role" text not null, "operation" text null, "kind" text not null,
      "record_type" text not null, "record_ids" text[] not null, "fields" text[] not null, "purpose" text null, "outcome" text not null);`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);
    this.addSql(`create index "audit_log_request_id_index" on "audit_log" ("request_id");`);
    this.addSql(`create index "audit_log_subject_index" on "audit_log" ("subject");`);
    this.addSql(`create index "audit_log_record_ids_index" on "audit_log" using gin ("record_ids");`);
    this.addSql(`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(
      `create trigger audit_log_no_update_delete before update or delete on "audit_log" for each row execute function audit_log_append_only();`,
    );
    this.addSql(
      `create trigger audit_log_no_truncate before truncate on "audit_log" for each statement execute function audit_log_append_only();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "audit_log";');
    this.addSql('drop function if exists audit_log_append_only();');
  }
}

export const auditLogMigration = { name: 'AuditLog', class: AuditLogMigration };

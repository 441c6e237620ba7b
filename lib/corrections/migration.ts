import { Migration } from '@mikro-orm/migrations';

/**
 * The table of a department's correction requests (lib/corrections/entity.ts). Each department that declares
 * correctable facts has one migration of its own that extends this one, in its list at the point it was added.
 */
export class CorrectionRequestMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "correction_request" ("id" uuid not null, "tracking_code" text not null, "resident_id" uuid not null, "fact" text not null, "current_value" text null, "requested_value" text not null, "reason" text not null, "status" text not null, "filed_by" text not null, "filed_at" timestamptz not null, "due_on" date not null, "building_id" uuid null, "community_code" text null, "decided_by" text null, "decided_at" timestamptz null, "decision_reason" text null, "version" int not null default 1, constraint "correction_request_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "correction_request" add constraint "correction_request_tracking_code_unique" unique ("tracking_code");`,
    );
    this.addSql(`create index "correction_request_resident_id_index" on "correction_request" ("resident_id");`);
    this.addSql(`create index "correction_request_status_due_on_index" on "correction_request" ("status", "due_on");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "correction_request" cascade;');
  }
}

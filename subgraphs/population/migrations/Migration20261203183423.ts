import { Migration } from '@mikro-orm/migrations';

/**
 * 一次采集 (issue 22): population's worklist of collected changes (collected_change), the answers of visits' collections
 * kept for retries (collection_receipt), and the collector and visit on the change history rows.
 */
export class Migration20261203183423 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "collected_change" ("id" uuid not null, "kind" text check ("kind" in ('FACT', 'ARRIVAL', 'DEPARTURE')) not null, "resident_id" uuid null, "household_id" uuid not null, "building_id" uuid not null, "community_code" char(12) not null, "field" text null, "proposed" jsonb not null, "collected_by" text not null, "visit_id" uuid not null, "collected_at" timestamptz not null, "due_on" date not null, "status" text check ("status" in ('PENDING', 'APPLIED', 'REJECTED')) not null, "decided_by" text null, "decided_at" timestamptz null, "reason" text null, "decision_key" text null, constraint "collected_change_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "collected_change_visit_id_index" on "collected_change" ("visit_id");`);
    this.addSql(
      `create index "collected_change_building_id_status_index" on "collected_change" ("building_id", "status");`,
    );
    this.addSql(`create index "collected_change_status_due_on_index" on "collected_change" ("status", "due_on");`);

    this.addSql(
      `create table "collection_receipt" ("id" uuid not null, "household_id" uuid not null, "parts" jsonb not null, "at" timestamptz not null, constraint "collection_receipt_pkey" primary key ("id"));`,
    );

    this.addSql(`alter table "resident_change" add column "collected_by" text null, add column "visit_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "collected_change" cascade;`);

    this.addSql(`drop table if exists "collection_receipt" cascade;`);

    this.addSql(`alter table "resident_change" drop column "collected_by", drop column "visit_id";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * What each owner did with the parts of a visit (一次采集, issue 22 item 2): one row per part, its outcome, and the
 * owner's worklist item or record; a part not delivered has its row until it is delivered.
 */
export class Migration20261203183000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "visit_part" ("visit_id" uuid not null, "department" text not null, "part" text not null, "seq" int not null, "outcome" text check ("outcome" in ('APPLIED', 'PENDING_VERIFICATION', 'REFUSED', 'NOT_DELIVERED')) not null, "reason" text null, "worklist_item_id" uuid null, "record_id" uuid null, "tracking_code" text null, "answered_at" timestamptz not null, constraint "visit_part_pkey" primary key ("visit_id", "department", "part"));`,
    );
    // the parts not delivered, found from their few rows (myUndeliveredVisits), not through every visit
    this.addSql(`create index "visit_part_outcome_visit_id_index" on "visit_part" ("outcome", "visit_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "visit_part" cascade;`);
  }
}

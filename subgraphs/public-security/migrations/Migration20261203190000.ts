import { Migration } from '@mikro-orm/migrations';

const ACTIONS_BEFORE = `'INCIDENT_RECORDED', 'INCIDENT_DISPATCHED', 'INCIDENT_HANDLED', 'INCIDENT_CLOSED', 'RENTAL_REGISTERED', 'PERMIT_ISSUED', 'PERMIT_RENEWED', 'PERMIT_CANCELLED', 'SUPERVISION_STARTED', 'SUPERVISION_ENDED', 'POLICE_ASSIGNED', 'POLICE_UNASSIGNED'`;
const ACTIONS = `${ACTIONS_BEFORE}, 'TENANCY_REGISTERED', 'COLLECTION_VERIFIED', 'COLLECTION_REJECTED'`;

/** 一次采集: rentals and tenants grid staff collect, the police's worklist of them, and the receipt a visit's retry reads. */
export class Migration20261203190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "collected_rental" ("id" uuid not null, "visit_id" uuid not null, "collected_by" text not null, "collected_at" timestamptz not null, "household_id" uuid not null, "room" text null, "landlord_id" uuid null, "note" text null, "rental_id" uuid null, "tenants" jsonb not null, "status" text check ("status" in ('PENDING', 'APPLIED', 'REJECTED')) not null, "due_at" timestamptz not null, "decided_at" timestamptz null, "decided_by" text null, "reason" text null, "risk_level" text check ("risk_level" in ('LOW', 'MEDIUM', 'HIGH')) null, "building_id" uuid null, "community_code" char(12) null, "collector_regions" uuid[] not null, "scope_all" boolean not null, "scope_buildings" uuid[] not null, "scope_codes" text[] not null, constraint "collected_rental_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "collected_rental_visit_id_index" on "collected_rental" ("visit_id");`);
    this.addSql(`create index "collected_rental_collected_by_index" on "collected_rental" ("collected_by");`);
    this.addSql(`create index "collected_rental_status_due_at_index" on "collected_rental" ("status", "due_at");`);
    this.addSql(
      `create table "collection_receipt" ("id" uuid not null, "collected_by" text not null, "at" timestamptz not null, "parts" jsonb not null, constraint "collection_receipt_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "change_history" drop constraint if exists "change_history_action_check";`);
    this.addSql(
      `alter table "change_history" add constraint "change_history_action_check" check ("action" in (${ACTIONS}));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "collected_rental" cascade;`);
    this.addSql(`drop table if exists "collection_receipt" cascade;`);
    this.addSql(
      `delete from "change_history" where "action" in ('TENANCY_REGISTERED', 'COLLECTION_VERIFIED', 'COLLECTION_REJECTED');`,
    );
    this.addSql(`alter table "change_history" drop constraint if exists "change_history_action_check";`);
    this.addSql(
      `alter table "change_history" add constraint "change_history_action_check" check ("action" in (${ACTIONS_BEFORE}));`,
    );
  }
}

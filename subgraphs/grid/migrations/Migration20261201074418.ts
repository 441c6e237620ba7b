import { Migration } from '@mikro-orm/migrations';

/** Visits, events and their append-only timeline, building-assignment history, public contact-card fields. */
export class Migration20261201074418 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "event" ("id" uuid not null, "idempotency_key" text not null, "report_fingerprint" text not null, "reporter_subject" text not null, "reporter_name" text not null, "source" text check ("source" in ('GRID_WORKER', 'HOTLINE', 'STREET_CALL', 'VISIT')) not null, "category" text check ("category" in ('DISPUTE', 'SAFETY_HAZARD', 'ENVIRONMENT', 'PUBLIC_OPINION', 'SERVICE_REQUEST', 'PROPERTY', 'PUBLIC_ORDER')) not null, "title" text not null, "description" text not null, "region_id" uuid not null, "handling_region_id" uuid not null, "community_code" char(12) not null, "building_id" uuid null, "resident_ids" uuid[] not null default '{}', "status" text check ("status" in ('REPORTED', 'REGISTERED', 'REJECTED', 'DISPATCHED', 'RETURNED', 'ACCEPTED', 'IN_PROGRESS', 'SUSPENDED', 'RESOLVED', 'VERIFIED', 'CLOSED')) not null, "department" text null, "version" int not null default 1, "reported_at" timestamptz not null, "step_started_at" timestamptz not null, "step_deadline" timestamptz null, "late_steps" int not null default 0, "returned_count" int not null default 0, "closed_at" timestamptz null, "visit_id" uuid null, constraint "event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "event_region_id_index" on "event" ("region_id");`);
    this.addSql(`create index "event_handling_region_id_index" on "event" ("handling_region_id");`);
    this.addSql(`create index "event_building_id_index" on "event" ("building_id");`);
    this.addSql(`create index "event_resident_ids_index" on "event" using gin ("resident_ids");`);
    this.addSql(`create index "event_community_code_index" on "event" ("community_code");`);
    this.addSql(`create index "event_department_status_index" on "event" ("department", "status");`);
    this.addSql(`create index "event_status_step_deadline_index" on "event" ("status", "step_deadline");`);
    this.addSql(
      `alter table "event" add constraint "event_reporter_subject_idempotency_key_unique" unique ("reporter_subject", "idempotency_key");`,
    );

    this.addSql(
      `create table "event_transition" ("id" bigserial primary key, "event_id" uuid not null, "action" text check ("action" in ('REGISTER', 'REJECT', 'DISPATCH', 'ESCALATE', 'ACCEPT', 'RETURN', 'START', 'SUSPEND', 'RESUME', 'REPORT_BACK', 'VERIFY', 'REOPEN', 'CLOSE')) null, "from_status" text check ("from_status" in ('REPORTED', 'REGISTERED', 'REJECTED', 'DISPATCHED', 'RETURNED', 'ACCEPTED', 'IN_PROGRESS', 'SUSPENDED', 'RESOLVED', 'VERIFIED', 'CLOSED')) null, "to_status" text check ("to_status" in ('REPORTED', 'REGISTERED', 'REJECTED', 'DISPATCHED', 'RETURNED', 'ACCEPTED', 'IN_PROGRESS', 'SUSPENDED', 'RESOLVED', 'VERIFIED', 'CLOSED')) not null, "actor_subject" text not null, "actor_name" text not null, "actor_role" text not null, "comment" text null, "department" text null, "at" timestamptz not null, "deadline" timestamptz null, "late" boolean not null default false);`,
    );
    this.addSql(`create index "event_transition_event_id_at_index" on "event_transition" ("event_id", "at");`);

    this.addSql(
      `create table "building_assignment_period" ("id" bigserial primary key, "building_id" uuid not null, "micro_grid_id" uuid not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "responsible_staff_ids" uuid[] not null default '{}', "moved_by" text null);`,
    );
    this.addSql(
      `create index "building_assignment_period_building_id_valid_from_index" on "building_assignment_period" ("building_id", "valid_from");`,
    );

    this.addSql(
      `create table "visit" ("id" uuid not null, "household_id" uuid not null, "building_id" uuid not null, "community_code" char(12) not null, "resident_id" uuid null, "staff_id" uuid not null, "recorded_by" text not null, "visited_at" timestamptz not null, "kind" text check ("kind" in ('ROUTINE', 'CARE', 'FOLLOW_UP', 'SAFETY_CHECK')) not null, "findings" text not null, "follow_up_needed" boolean not null default false, "event_id" uuid null, constraint "visit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "visit_building_id_visited_at_index" on "visit" ("building_id", "visited_at");`);
    this.addSql(`create index "visit_household_id_visited_at_index" on "visit" ("household_id", "visited_at");`);

    this.addSql(
      `alter table "event" add constraint "event_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "event" add constraint "event_handling_region_id_foreign" foreign key ("handling_region_id") references "region" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "event_transition" add constraint "event_transition_event_id_foreign" foreign key ("event_id") references "event" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "building_assignment_period" add constraint "building_assignment_period_micro_grid_id_foreign" foreign key ("micro_grid_id") references "region" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "visit" add constraint "visit_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade;`,
    );

    this.addSql(`alter table "region" add column "boundary" text null;`);

    this.addSql(`alter table "staff" add column "office_phone" text null;`);

    // the timeline is append-only, like the audit log (lib/audit/migration.ts): no role may rewrite an event's history
    // row by row (the application role has no TRUNCATE; the owner's reload of the demo data empties it whole)
    this.addSql(`create function event_transition_append_only() returns trigger language plpgsql as $$
      begin raise exception 'event_transition is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(
      `create trigger event_transition_no_update_delete before update or delete on "event_transition" for each row execute function event_transition_append_only();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists event_transition_no_update_delete on "event_transition";`);
    this.addSql(`drop function if exists event_transition_append_only();`);
    this.addSql(`alter table "event_transition" drop constraint "event_transition_event_id_foreign";`);

    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "event_transition" cascade;`);

    this.addSql(`drop table if exists "building_assignment_period" cascade;`);

    this.addSql(`drop table if exists "visit" cascade;`);

    this.addSql(`alter table "region" drop column "boundary";`);

    this.addSql(`alter table "staff" drop column "office_phone";`);
  }
}

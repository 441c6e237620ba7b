import { Migration } from '@mikro-orm/migrations';

/**
 * The grid workforce (issue 22 item 8): every assignment of staff to a grid, or of a building leader to a building,
 * with its period, who made and ended it and why; how a member was added (home unit of officials sent down, their
 * account); the roles of officials sent down to grids (下沉力量、包联干部).
 */
export class Migration20261203183329 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "staff_assignment" ("id" uuid not null, "staff_id" uuid not null, "region_id" uuid not null, "building_id" uuid null, "status" text check ("status" in ('ACTIVE', 'ENDED')) not null, "valid_from" timestamptz not null, "valid_to" timestamptz null, "assigned_by" text not null, "assigned_by_name" text not null, "reason" text not null, "ended_by" text null, "ended_by_name" text null, "end_reason" text null, constraint "staff_assignment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "staff_assignment_region_id_index" on "staff_assignment" ("region_id");`);
    this.addSql(
      `create unique index "staff_assignment_one_active_per_place" on "staff_assignment" ("staff_id", "region_id", coalesce("building_id", '00000000-0000-0000-0000-000000000000'::uuid)) where "status" = 'ACTIVE';`,
    );
    this.addSql(
      `create index "staff_assignment_staff_id_valid_from_index" on "staff_assignment" ("staff_id", "valid_from");`,
    );

    this.addSql(
      `create table "staff_enrolment" ("staff_id" uuid not null, "home_unit" text null, "account" text null, "enrolled_by" text not null, "enrolled_at" timestamptz not null, constraint "staff_enrolment_pkey" primary key ("staff_id"));`,
    );
    this.addSql(`alter table "staff_enrolment" add constraint "staff_enrolment_account_unique" unique ("account");`);

    this.addSql(
      `alter table "staff_assignment" add constraint "staff_assignment_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "staff_assignment" add constraint "staff_assignment_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "staff_enrolment" add constraint "staff_enrolment_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "staff" drop constraint if exists "staff_role_check";`);

    this.addSql(
      `alter table "staff" add constraint "staff_role_check" check("role" in ('GRID_LEADER', 'FULL_TIME_WORKER', 'PART_TIME_WORKER', 'GRID_POLICE', 'BUILDING_LEADER', 'VOLUNTEER', 'SENT_DOWN_OFFICIAL', 'LIAISON_OFFICIAL'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "staff_assignment" cascade;`);

    this.addSql(`drop table if exists "staff_enrolment" cascade;`);

    this.addSql(`alter table "staff" drop constraint if exists "staff_role_check";`);

    this.addSql(
      `alter table "staff" add constraint "staff_role_check" check("role" in ('GRID_LEADER', 'FULL_TIME_WORKER', 'PART_TIME_WORKER', 'GRID_POLICE', 'BUILDING_LEADER', 'VOLUNTEER'));`,
    );
  }
}

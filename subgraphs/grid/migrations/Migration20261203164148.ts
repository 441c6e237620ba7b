import { Migration } from '@mikro-orm/migrations';

/**
 * The facility register (采物, issue 22 item 4): city components (城市部件) classified by GB/T 30428.2, at a building or
 * at coordinates (exactly one), their append-only condition history, and the facility an event names.
 */
export class Migration20261203164148 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "facility" ("id" uuid not null, "class_code" char(4) not null, "name" text not null, "region_id" uuid not null, "community_code" char(12) not null, "building_id" uuid null, "scope_building_id" uuid null, "longitude" double precision null, "latitude" double precision null, "condition" text check ("condition" in ('GOOD', 'DAMAGED', 'MISSING', 'OCCUPIED', 'DECOMMISSIONED')) not null, "version" int not null default 1, "recorded_by" text not null, "recorded_by_name" text not null, "recorded_at" timestamptz not null, constraint "facility_pkey" primary key ("id"), constraint facility_one_location check ((building_id is null) = (longitude is not null and latitude is not null) and (longitude is null) = (latitude is null)));`,
    );
    this.addSql(`create index "facility_class_code_index" on "facility" ("class_code");`);
    this.addSql(`create index "facility_region_id_index" on "facility" ("region_id");`);
    this.addSql(`create index "facility_building_id_index" on "facility" ("building_id");`);
    this.addSql(`create index "facility_community_code_index" on "facility" ("community_code");`);

    this.addSql(
      `create table "facility_condition_change" ("id" bigserial primary key, "facility_id" uuid not null, "from_condition" text check ("from_condition" in ('GOOD', 'DAMAGED', 'MISSING', 'OCCUPIED', 'DECOMMISSIONED')) null, "to_condition" text check ("to_condition" in ('GOOD', 'DAMAGED', 'MISSING', 'OCCUPIED', 'DECOMMISSIONED')) not null, "note" text null, "actor_subject" text not null, "actor_name" text not null, "at" timestamptz not null);`,
    );
    this.addSql(
      `create index "facility_condition_change_facility_id_at_index" on "facility_condition_change" ("facility_id", "at");`,
    );

    this.addSql(
      `alter table "facility" add constraint "facility_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "facility_condition_change" add constraint "facility_condition_change_facility_id_foreign" foreign key ("facility_id") references "facility" ("id") on update cascade;`,
    );

    this.addSql(`alter table "event" add column "facility_id" uuid null;`);
    this.addSql(
      `alter table "event" add constraint "event_facility_id_foreign" foreign key ("facility_id") references "facility" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "event_facility_id_index" on "event" ("facility_id");`);

    // the condition history, like the timeline, is append-only (grid_append_only: Migration20261203153650)
    this.addSql(
      `create trigger facility_condition_change_no_update_delete before update or delete on "facility_condition_change" for each row execute function grid_append_only();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists facility_condition_change_no_update_delete on "facility_condition_change";`);
    this.addSql(
      `alter table "facility_condition_change" drop constraint "facility_condition_change_facility_id_foreign";`,
    );

    this.addSql(`alter table "event" drop constraint "event_facility_id_foreign";`);

    this.addSql(`drop table if exists "facility" cascade;`);

    this.addSql(`drop table if exists "facility_condition_change" cascade;`);

    this.addSql(`drop index "event_facility_id_index";`);
    this.addSql(`alter table "event" drop column "facility_id";`);
  }
}

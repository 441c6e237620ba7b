import { Migration } from '@mikro-orm/migrations';

export class Migration20261124144530 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "region" ("id" uuid not null, "parent_id" uuid null, "level" text check ("level" in ('DISTRICT', 'STREET', 'COMMUNITY', 'GRID', 'MICRO_GRID')) not null, "code" varchar(17) not null, "name" text not null, "grid_type" text check ("grid_type" in ('GENERAL', 'DEDICATED')) null, "target_households" int null, "path" text not null, constraint "region_pkey" primary key ("id"), constraint region_grid_type_only_on_grids check (grid_type is null or level = 'GRID' or level = 'MICRO_GRID'), constraint region_code_fits_level check (code ~ '^[0-9]+$' and length(code) = case level when 'DISTRICT' then 6 when 'STREET' then 9 when 'COMMUNITY' then 12 when 'GRID' then 15 else 17 end));`,
    );
    this.addSql(`create index "region_parent_id_index" on "region" ("parent_id");`);
    this.addSql(`alter table "region" add constraint "region_code_unique" unique ("code");`);
    this.addSql(`create index "region_level_code_index" on "region" ("level", "code");`);
    this.addSql(`create index "region_path_prefix_index" on "region" ("path" text_pattern_ops);`);

    this.addSql(
      `create table "building_assignment" ("building_id" uuid not null, "micro_grid_id" uuid not null, constraint "building_assignment_pkey" primary key ("building_id"));`,
    );
    this.addSql(`create index "building_assignment_micro_grid_id_index" on "building_assignment" ("micro_grid_id");`);

    this.addSql(
      `create table "staff" ("id" uuid not null, "name" text not null, "role" text check ("role" in ('GRID_LEADER', 'FULL_TIME_WORKER', 'PART_TIME_WORKER', 'GRID_POLICE', 'BUILDING_LEADER', 'VOLUNTEER')) not null, "phone" text not null, constraint "staff_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "staff_region" ("staff_id" uuid not null, "region_id" uuid not null, constraint "staff_region_pkey" primary key ("staff_id", "region_id"));`,
    );
    this.addSql(`create index "staff_region_region_id_index" on "staff_region" ("region_id");`);

    this.addSql(
      `alter table "region" add constraint "region_parent_id_foreign" foreign key ("parent_id") references "region" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "building_assignment" add constraint "building_assignment_micro_grid_id_foreign" foreign key ("micro_grid_id") references "region" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "staff_region" add constraint "staff_region_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "staff_region" add constraint "staff_region_region_id_foreign" foreign key ("region_id") references "region" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "region" drop constraint "region_parent_id_foreign";`);

    this.addSql(`alter table "building_assignment" drop constraint "building_assignment_micro_grid_id_foreign";`);

    this.addSql(`alter table "staff_region" drop constraint "staff_region_region_id_foreign";`);

    this.addSql(`alter table "staff_region" drop constraint "staff_region_staff_id_foreign";`);

    this.addSql(`drop table if exists "region" cascade;`);

    this.addSql(`drop table if exists "building_assignment" cascade;`);

    this.addSql(`drop table if exists "staff" cascade;`);

    this.addSql(`drop table if exists "staff_region" cascade;`);
  }
}

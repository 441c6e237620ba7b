import { Migration } from '@mikro-orm/migrations';

export class Migration20261124143544 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "building" ("id" uuid not null, "address" text not null, "community_code" char(12) not null, "name" text not null, "use" text check ("use" in ('RESIDENTIAL', 'COMMERCIAL', 'MIXED', 'BUNGALOW')) not null, "floors" smallint not null, "latitude" double precision null, "longitude" double precision null, constraint "building_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "building_community_code_index" on "building" ("community_code");`);

    this.addSql(
      `create table "household" ("id" uuid not null, "building_id" uuid not null, "room" text not null, "type" text check ("type" in ('FAMILY', 'COLLECTIVE')) not null, constraint "household_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "household_building_id_index" on "household" ("building_id");`);

    this.addSql(
      `create table "resident" ("id" uuid not null, "name" text not null, "id_number" char(18) not null, "gender" text check ("gender" in ('MALE', 'FEMALE')) not null, "ethnicity_code" char(2) not null, "birth_date" date not null, "phone" text null, "household_id" uuid null, "relation_code" char(2) null, "residence_status" text check ("residence_status" in ('REGISTERED', 'FLOATING', 'OVERSEAS')) not null, "education" text check ("education" in ('NONE', 'PRIMARY', 'JUNIOR', 'SENIOR', 'COLLEGE', 'BACHELOR', 'POSTGRADUATE')) null, "marital_status" text check ("marital_status" in ('UNMARRIED', 'MARRIED', 'WIDOWED', 'DIVORCED')) null, "political_status" text check ("political_status" in ('CPC_MEMBER', 'CYL_MEMBER', 'OTHER_PARTY', 'MASSES')) null, "employment_status" text check ("employment_status" in ('EMPLOYED', 'UNEMPLOYED', 'RETIRED', 'STUDENT', 'OTHER')) null, "living_arrangement" text check ("living_arrangement" in ('ALONE', 'EMPTY_NEST', 'WITH_FAMILY')) not null, "self_care_ability" text check ("self_care_ability" in ('FULL', 'PARTIAL', 'NONE')) not null, "health_insurance" boolean not null default false, "pension_insurance" boolean not null default false, "status" text check ("status" in ('ACTIVE', 'MOVED_OUT', 'DECEASED')) not null default 'ACTIVE', "left_on" date null, "collected_by" text not null, "last_verified_at" timestamptz not null, constraint "resident_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "resident" add constraint "resident_id_number_unique" unique ("id_number");`);
    this.addSql(`create index "resident_household_id_index" on "resident" ("household_id");`);
    this.addSql(`create index "resident_status_birth_date_index" on "resident" ("status", "birth_date");`);

    this.addSql(
      `alter table "household" add constraint "household_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "resident" add constraint "resident_household_id_foreign" foreign key ("household_id") references "household" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "household" drop constraint "household_building_id_foreign";`);

    this.addSql(`alter table "resident" drop constraint "resident_household_id_foreign";`);

    this.addSql(`drop table if exists "building" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "resident" cascade;`);
  }
}

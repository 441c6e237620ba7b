import { Migration } from '@mikro-orm/migrations';

export class Migration20261124144101 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "household_registration" ("resident_id" uuid not null, "type" text check ("type" in ('LOCAL', 'NON_LOCAL', 'NONE')) not null, "hukou_address" text null, "hukou_division_code" char(6) null, "registered_on" date null, constraint "household_registration_pkey" primary key ("resident_id"), constraint household_registration_none_has_no_hukou check (type <> 'NONE' or (hukou_address is null and hukou_division_code is null)));`,
    );

    this.addSql(
      `create table "key_person" ("id" uuid not null, "resident_id" uuid not null, "category" text check ("category" in ('COMMUNITY_CORRECTION', 'RELEASED_PRISONER', 'DRUG_REHABILITATION', 'SEVERE_MENTAL_DISORDER', 'OTHER')) not null, "risk_level" text check ("risk_level" in ('LOW', 'MEDIUM', 'HIGH')) not null, "supervising_officer" text not null, "since" date not null, "until" date null, "active" boolean not null, constraint "key_person_pkey" primary key ("id"), constraint key_person_until_after_since check (until is null or until >= since));`,
    );
    this.addSql(`create index "key_person_resident_id_index" on "key_person" ("resident_id");`);
    this.addSql(
      `create unique index "key_person_one_active_per_resident" on "key_person" ("resident_id") where "active";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "household_registration" cascade;`);

    this.addSql(`drop table if exists "key_person" cascade;`);
  }
}

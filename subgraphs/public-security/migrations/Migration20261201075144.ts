import { Migration } from '@mikro-orm/migrations';

/** Residence permits, rentals with tenancies and inspections, the key-person contact log, incidents, grid police. */
export class Migration20261201075144 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "grid_police_assignment" ("region_id" uuid not null, "staff_id" uuid not null, "badge_number" text not null, "police_station" text not null, "since" date not null, constraint "grid_police_assignment_pkey" primary key ("region_id"));`,
    );

    this.addSql(
      `create table "incident" ("id" uuid not null, "occurred_at" timestamptz not null, "type" text check ("type" in ('THEFT', 'FRAUD', 'FIGHT', 'DISPUTE', 'DOMESTIC', 'NOISE', 'TRAFFIC', 'FIRE', 'MISSING_PERSON', 'OTHER')) not null, "status" text check ("status" in ('REPORTED', 'DISPATCHED', 'HANDLED', 'CLOSED')) not null, "building_id" uuid null, "community_code" char(12) not null, "summary" text not null, constraint "incident_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "incident_building_id_index" on "incident" ("building_id");`);
    this.addSql(
      `create index "incident_community_code_occurred_at_index" on "incident" ("community_code", "occurred_at");`,
    );

    this.addSql(
      `create table "incident_party" ("incident_id" uuid not null, "resident_id" uuid not null, "role" text check ("role" in ('REPORTER', 'VICTIM', 'SUSPECT', 'WITNESS', 'PARTY')) not null, constraint "incident_party_pkey" primary key ("incident_id", "resident_id"));`,
    );
    this.addSql(`create index "incident_party_resident_id_index" on "incident_party" ("resident_id");`);

    this.addSql(
      `create table "key_person_contact" ("id" uuid not null, "key_person_id" uuid not null, "contacted_on" date not null, "method" text check ("method" in ('VISIT', 'INTERVIEW', 'PHONE', 'VIDEO')) not null, "officer" text not null, "notes" text null, constraint "key_person_contact_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "key_person_contact_key_person_id_contacted_on_index" on "key_person_contact" ("key_person_id", "contacted_on");`,
    );

    this.addSql(
      `create table "rental_housing" ("id" uuid not null, "building_id" uuid not null, "community_code" char(12) not null, "room" text not null, "landlord_id" uuid not null, "registered_on" date null, "risk_level" text check ("risk_level" in ('LOW', 'MEDIUM', 'HIGH')) not null, constraint "rental_housing_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "rental_housing_community_code_index" on "rental_housing" ("community_code");`);
    this.addSql(`create index "rental_housing_landlord_id_index" on "rental_housing" ("landlord_id");`);
    this.addSql(
      `alter table "rental_housing" add constraint "rental_housing_building_id_room_unique" unique ("building_id", "room");`,
    );

    this.addSql(
      `create table "rental_inspection" ("id" uuid not null, "rental_id" uuid not null, "inspected_on" date not null, "result" text check ("result" in ('PASSED', 'HAZARDS_FOUND', 'FAILED')) not null, "hazards" text null, "inspector" text not null, constraint "rental_inspection_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "rental_inspection_rental_id_inspected_on_index" on "rental_inspection" ("rental_id", "inspected_on");`,
    );

    this.addSql(
      `create table "rental_tenancy" ("id" uuid not null, "rental_id" uuid not null, "resident_id" uuid not null, "moved_in_on" date not null, "moved_out_on" date null, "registered_on" date null, constraint "rental_tenancy_pkey" primary key ("id"), constraint rental_tenancy_out_after_in check (moved_out_on is null or moved_out_on >= moved_in_on));`,
    );
    this.addSql(`create index "rental_tenancy_rental_id_index" on "rental_tenancy" ("rental_id");`);
    this.addSql(`create index "rental_tenancy_resident_id_index" on "rental_tenancy" ("resident_id");`);
    this.addSql(
      `create unique index "rental_tenancy_one_open" on "rental_tenancy" ("rental_id", "resident_id") where "moved_out_on" is null;`,
    );

    this.addSql(
      `create table "residence_permit" ("id" uuid not null, "resident_id" uuid not null, "number" text not null, "issued_on" date not null, "expires_on" date not null, "reason" text check ("reason" in ('WORK', 'BUSINESS', 'STUDY', 'FAMILY', 'OTHER')) not null, "employer" text null, "employer_organization_id" uuid null, "building_id" uuid null, "community_code" char(12) null, constraint "residence_permit_pkey" primary key ("id"), constraint residence_permit_expires_after_issue check (expires_on > issued_on));`,
    );
    this.addSql(`create index "residence_permit_resident_id_index" on "residence_permit" ("resident_id");`);
    this.addSql(`alter table "residence_permit" add constraint "residence_permit_number_unique" unique ("number");`);
    this.addSql(`create index "residence_permit_community_code_index" on "residence_permit" ("community_code");`);
    this.addSql(`create index "residence_permit_expires_on_index" on "residence_permit" ("expires_on");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "grid_police_assignment" cascade;`);

    this.addSql(`drop table if exists "incident" cascade;`);

    this.addSql(`drop table if exists "incident_party" cascade;`);

    this.addSql(`drop table if exists "key_person_contact" cascade;`);

    this.addSql(`drop table if exists "rental_housing" cascade;`);

    this.addSql(`drop table if exists "rental_inspection" cascade;`);

    this.addSql(`drop table if exists "rental_tenancy" cascade;`);

    this.addSql(`drop table if exists "residence_permit" cascade;`);
  }
}

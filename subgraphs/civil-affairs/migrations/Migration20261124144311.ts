import { Migration } from '@mikro-orm/migrations';

export class Migration20261124144311 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "assistance_case" ("id" uuid not null, "resident_id" uuid not null, "household_id" uuid null, "program" text check ("program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY', 'TEMPORARY', 'MAJOR_ILLNESS')) not null, "status" text check ("status" in ('APPLIED', 'REVIEWING', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'REJECTED')) not null, "monthly_amount" numeric(12,2) null, "one_off_amount" numeric(12,2) null, "applied_on" date not null, "decided_on" date null, "starts_on" date null, "ends_on" date null, constraint "assistance_case_pkey" primary key ("id"), constraint assistance_case_one_off_amount_range check ("one_off_amount" > 0 and "one_off_amount" <= 100000), constraint assistance_case_monthly_amount_range check ("monthly_amount" > 0 and "monthly_amount" <= 100000));`,
    );
    this.addSql(`create index "assistance_case_resident_id_index" on "assistance_case" ("resident_id");`);
    this.addSql(`create index "assistance_case_household_id_index" on "assistance_case" ("household_id");`);
    this.addSql(
      `create unique index "assistance_case_open_unique" on "assistance_case" ("resident_id", "program") where "status" in ('APPLIED', 'REVIEWING') or ("program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY') and "status" in ('APPROVED', 'ACTIVE', 'SUSPENDED'));`,
    );
    this.addSql(`create index "assistance_case_program_status_index" on "assistance_case" ("program", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "assistance_case" cascade;`);
  }
}

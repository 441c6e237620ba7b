import { Migration } from '@mikro-orm/migrations';

/**
 * Civil affairs, complete: each assistance case's history (append-only, in order), periodic reviews, one open monthly
 * case per household and program; disability, elderly care, special care, service applications with their steps,
 * volunteers.
 */
export class Migration20261201084258 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "assistance_case_step" ("id" uuid not null, "case_id" uuid not null, "position" smallint not null, "action" text check ("action" in ('APPLY', 'START_REVIEW', 'APPROVE', 'REJECT', 'START_PAYMENT', 'SUSPEND', 'RESUME', 'TERMINATE', 'REVIEW')) not null, "from_status" text check ("from_status" in ('APPLIED', 'REVIEWING', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'REJECTED')) null, "to_status" text check ("to_status" in ('APPLIED', 'REVIEWING', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'REJECTED')) not null, "at" timestamptz not null, "actor" text not null, "reason" text null, "amount" numeric(12,2) null, constraint "assistance_case_step_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "assistance_case_step" add constraint "assistance_case_step_case_id_position_unique" unique ("case_id", "position");`,
    );

    this.addSql(
      `create table "disability" ("id" uuid not null, "resident_id" uuid not null, "building_id" uuid null, "community_code" char(12) null, "type" text check ("type" in ('VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE')) not null, "grade" smallint not null, "certificate_number" varchar(20) not null, "issued_on" date not null, constraint "disability_pkey" primary key ("id"), constraint disability_grade_range check ("grade" between 1 and 4));`,
    );
    this.addSql(`create index "disability_resident_id_index" on "disability" ("resident_id");`);
    this.addSql(`create index "disability_community_code_index" on "disability" ("community_code");`);
    this.addSql(
      `alter table "disability" add constraint "disability_certificate_number_unique" unique ("certificate_number");`,
    );
    this.addSql(`alter table "disability" add constraint "disability_resident_id_unique" unique ("resident_id");`);

    this.addSql(
      `create table "elderly_allowance" ("id" uuid not null, "resident_id" uuid not null, "building_id" uuid null, "community_code" char(12) null, "monthly_amount" numeric(12,2) not null, "starts_on" date not null, "ends_on" date null, constraint "elderly_allowance_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "elderly_allowance_resident_id_index" on "elderly_allowance" ("resident_id");`);
    this.addSql(`create index "elderly_allowance_community_code_index" on "elderly_allowance" ("community_code");`);
    this.addSql(
      `alter table "elderly_allowance" add constraint "elderly_allowance_resident_id_unique" unique ("resident_id");`,
    );

    this.addSql(
      `create table "home_care_service" ("id" uuid not null, "resident_id" uuid not null, "building_id" uuid null, "community_code" char(12) null, "kind" text check ("kind" in ('MEALS', 'BATHING', 'CLEANING', 'NURSING', 'COMPANIONSHIP', 'EMERGENCY_CALL')) not null, "hours_per_month" numeric(6,1) not null, "starts_on" date not null, constraint "home_care_service_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "home_care_service_resident_id_index" on "home_care_service" ("resident_id");`);
    this.addSql(`create index "home_care_service_community_code_index" on "home_care_service" ("community_code");`);
    this.addSql(`create index "home_care_service_kind_index" on "home_care_service" ("kind");`);

    this.addSql(
      `create table "service_application" ("id" uuid not null, "resident_id" uuid not null, "building_id" uuid null, "community_code" char(12) null, "kind" text check ("kind" in ('MINIMUM_LIVING', 'MAJOR_ILLNESS_AID', 'TEMPORARY_AID', 'MEDICAL_INSURANCE', 'PENSION_INSURANCE', 'DISABILITY_CERTIFICATE', 'ELDERLY_ALLOWANCE', 'ELDERLY_CARE_CARD', 'SPECIAL_CARE', 'UNEMPLOYMENT_REGISTRATION', 'BIRTH_SERVICE', 'RESIDENCE_PERMIT', 'HOUSING_AID', 'EDUCATION_AID', 'FUNERAL_SUBSIDY', 'CERTIFICATE_OF_RESIDENCE')) not null, "status" text check ("status" in ('SUBMITTED', 'ACCEPTED', 'FORWARDED', 'COMPLETED', 'RETURNED', 'REJECTED')) not null, "tracking_code" varchar(24) not null, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, "steps" smallint not null default 0, constraint "service_application_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "service_application_resident_id_index" on "service_application" ("resident_id");`);
    this.addSql(`create index "service_application_community_code_index" on "service_application" ("community_code");`);
    this.addSql(
      `alter table "service_application" add constraint "service_application_tracking_code_unique" unique ("tracking_code");`,
    );
    this.addSql(`create index "service_application_status_index" on "service_application" ("status");`);

    this.addSql(
      `create table "service_application_step" ("id" uuid not null, "application_id" uuid not null, "position" smallint not null, "status" text check ("status" in ('SUBMITTED', 'ACCEPTED', 'FORWARDED', 'COMPLETED', 'RETURNED', 'REJECTED')) not null, "at" timestamptz not null, "actor" text not null, "note" text null, constraint "service_application_step_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "service_application_step" add constraint "service_application_step_application_id_position_unique" unique ("application_id", "position");`,
    );

    this.addSql(
      `create table "special_care" ("id" uuid not null, "resident_id" uuid not null, "building_id" uuid null, "community_code" char(12) null, "category" text check ("category" in ('VETERAN', 'DISABLED_SOLDIER', 'MARTYR_FAMILY', 'SERVICEMAN_FAMILY')) not null, "monthly_amount" numeric(12,2) null, "since" date not null, constraint "special_care_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "special_care_resident_id_index" on "special_care" ("resident_id");`);
    this.addSql(`create index "special_care_community_code_index" on "special_care" ("community_code");`);
    this.addSql(
      `alter table "special_care" add constraint "special_care_resident_id_category_unique" unique ("resident_id", "category");`,
    );

    this.addSql(
      `create table "volunteer" ("id" uuid not null, "resident_id" uuid not null, "building_id" uuid null, "community_code" char(12) null, "skills" text[] not null, "team_id" uuid null, "registered_on" date not null, "total_hours" numeric(8,1) not null default '0', constraint "volunteer_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "volunteer_resident_id_index" on "volunteer" ("resident_id");`);
    this.addSql(`create index "volunteer_community_code_index" on "volunteer" ("community_code");`);
    this.addSql(`create index "volunteer_team_id_index" on "volunteer" ("team_id");`);
    this.addSql(`alter table "volunteer" add constraint "volunteer_resident_id_unique" unique ("resident_id");`);

    this.addSql(
      `create table "volunteer_service" ("id" uuid not null, "volunteer_id" uuid not null, "served_on" date not null, "hours" numeric(5,1) not null, "activity" text not null, constraint "volunteer_service_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "volunteer_service_volunteer_id_served_on_index" on "volunteer_service" ("volunteer_id", "served_on");`,
    );

    this.addSql(
      `create table "volunteer_team" ("id" uuid not null, "name" text not null, "community_code" char(12) not null, constraint "volunteer_team_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "volunteer_team_community_code_index" on "volunteer_team" ("community_code");`);

    this.addSql(
      `alter table "assistance_case" add column "steps" smallint not null default 0, add column "next_review_on" date null;`,
    );
    this.addSql(`create index "assistance_case_next_review_on_index" on "assistance_case" ("next_review_on");`);
    // a case's history and an application's steps are kept as they were taken: no UPDATE, no DELETE, whoever asks
    this.addSql(`create function civil_affairs_history_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(
      `create trigger assistance_case_step_append_only before update or delete on "assistance_case_step" for each row execute function civil_affairs_history_append_only();`,
    );
    this.addSql(
      `create trigger service_application_step_append_only before update or delete on "service_application_step" for each row execute function civil_affairs_history_append_only();`,
    );
    this.addSql(
      `create unique index "assistance_case_household_open_unique" on "assistance_case" ("household_id", "program") where "household_id" is not null and "program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY') and "status" in ('APPLIED', 'REVIEWING', 'APPROVED', 'ACTIVE', 'SUSPENDED');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "assistance_case_step" cascade;`);

    this.addSql(`drop table if exists "disability" cascade;`);

    this.addSql(`drop table if exists "elderly_allowance" cascade;`);

    this.addSql(`drop table if exists "home_care_service" cascade;`);

    this.addSql(`drop table if exists "service_application" cascade;`);

    this.addSql(`drop table if exists "service_application_step" cascade;`);

    this.addSql(`drop table if exists "special_care" cascade;`);

    this.addSql(`drop table if exists "volunteer" cascade;`);

    this.addSql(`drop table if exists "volunteer_service" cascade;`);

    this.addSql(`drop table if exists "volunteer_team" cascade;`);

    this.addSql(`drop index "assistance_case_next_review_on_index";`);
    this.addSql(`drop index "assistance_case_household_open_unique";`);
    this.addSql(`alter table "assistance_case" drop column "steps", drop column "next_review_on";`);
  }
}

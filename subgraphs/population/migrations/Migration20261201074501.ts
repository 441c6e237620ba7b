import { Migration } from '@mikro-orm/migrations';

/**
 * Organizations (辖区单位), and the residents' change history: a trigger refuses UPDATE and DELETE of a history row,
 * whoever asks. TRUNCATE is not refused: the application role holds no TRUNCATE grant, and the owner's reload of the
 * synthetic district (runner/seed.ts) empties the history with the residents it describes.
 */
export class Migration20261201074501 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organization" ("id" uuid not null, "name" text not null, "credit_code" char(18) not null, "type" text check ("type" in ('ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'GOVERNMENT_AGENCY', 'PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION')) not null, "building_id" uuid not null, "contact_name" text null, "contact_phone" text null, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "organization" add constraint "organization_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "organization_building_id_index" on "organization" ("building_id");`);

    this.addSql(
      `create table "resident_change" ("id" uuid not null, "resident_id" uuid not null, "at" timestamptz not null, "effective_on" date null, "kind" text check ("kind" in ('REGISTERED', 'MOVED', 'STATUS', 'FACT', 'VERIFIED')) not null, "field" text null, "from_value" text null, "to_value" text null, "from_household_id" uuid null, "to_household_id" uuid null, "changed_by" text not null, "request_id" text null, constraint "resident_change_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "resident_change_from_household_id_index" on "resident_change" ("from_household_id");`);
    this.addSql(`create index "resident_change_to_household_id_index" on "resident_change" ("to_household_id");`);
    this.addSql(`create index "resident_change_resident_id_at_index" on "resident_change" ("resident_id", "at");`);

    this.addSql(
      `alter table "organization" add constraint "organization_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade;`,
    );

    this.addSql(`create function resident_change_append_only() returns trigger language plpgsql as $$
      begin raise exception 'resident_change is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(
      `create trigger resident_change_no_update_delete before update or delete on "resident_change" for each row execute function resident_change_append_only();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "resident_change" cascade;`);
    this.addSql(`drop function if exists resident_change_append_only();`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * 代办 (issue 22 item 5): who filed an application on a resident's behalf and the resident's consent, and civil
 * affairs' answer to each visit's applications under the visit's id. Both are kept as written (append-only, like the
 * steps of a case): a consent on record is not edited afterwards.
 */
export class Migration20261203183739 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "on_behalf_filing" ("record_id" uuid not null, "record_type" text check ("record_type" in ('ServiceApplication', 'AssistanceCase')) not null, "resident_id" uuid not null, "filed_by" text not null, "filed_as" text not null, "consent_method" text check ("consent_method" in ('SIGNED_FORM', 'VERBAL_WITNESSED', 'GUARDIAN')) not null, "consent_witness" text null, "visit_id" uuid null, "filed_at" timestamptz not null, constraint "on_behalf_filing_pkey" primary key ("record_id"));`,
    );
    this.addSql(`create index "on_behalf_filing_resident_id_index" on "on_behalf_filing" ("resident_id");`);
    this.addSql(
      `create table "on_behalf_visit" ("id" uuid not null, "filed_by" text not null, "household_id" uuid not null, "parts" jsonb not null, "filed_at" timestamptz not null, constraint "on_behalf_visit_pkey" primary key ("id"));`,
    );
    for (const table of ['on_behalf_filing', 'on_behalf_visit'])
      this.addSql(
        `create trigger ${table}_append_only before update or delete on "${table}" for each row execute function civil_affairs_history_append_only();`,
      );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "on_behalf_visit" cascade;`);
    this.addSql(`drop table if exists "on_behalf_filing" cascade;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Where each key person is supervised (列管地), so the records are scoped like every personal record. */
export class Migration20261125033000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "key_person" add column "building_id" uuid null, add column "community_code" char(12) null;`,
    );
    this.addSql(`create index "key_person_community_code_index" on "key_person" ("community_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "key_person_community_code_index";`);
    this.addSql(`alter table "key_person" drop column "building_id", drop column "community_code";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Where each case is handled (受理地), so case files are scoped like every personal record. */
export class Migration20261125030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "assistance_case" add column "building_id" uuid null, add column "community_code" char(12) null;`,
    );
    this.addSql(`create index "assistance_case_community_code_index" on "assistance_case" ("community_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "assistance_case_community_code_index";`);
    this.addSql(`alter table "assistance_case" drop column "building_id", drop column "community_code";`);
  }
}

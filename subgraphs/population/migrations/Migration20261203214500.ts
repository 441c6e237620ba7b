import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in by ID number (issue 23): the number's keyed hash beside it, indexed. Migrations hold no key: population fills
 * the hash of existing rows when it starts (sign-in.ts) and keeps it on every write of the number.
 */
export class Migration20261203214500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "resident" add column "id_number_hash" char(64) null;`);
    this.addSql(`create index "resident_id_number_hash_index" on "resident" ("id_number_hash");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "resident_id_number_hash_index";`);
    this.addSql(`alter table "resident" drop column "id_number_hash";`);
  }
}

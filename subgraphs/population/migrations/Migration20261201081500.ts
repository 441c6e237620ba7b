import { Migration } from '@mikro-orm/migrations';

/** Resident.version: optimistic locking of changes to a resident (every change adds one). */
export class Migration20261201081500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "resident" add column "version" integer not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "resident" drop column "version";`);
  }
}

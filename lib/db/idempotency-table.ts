import { Migration } from '@mikro-orm/migrations';

/** The table of used keys, the same in every department (after the department's own migrations, like the audit log). */
export class IdempotencyKeyMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_key" ("actor" text not null, "operation" text not null, "key" text not null, "fingerprint" text not null,
      "record_id" text null, "created_at" timestamptz not null default now(), constraint "idempotency_key_pkey" primary key ("actor", "operation", "key"));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "idempotency_key";');
  }
}

export const idempotencyKeyMigration = { name: 'IdempotencyKey', class: IdempotencyKeyMigration };

/** The table no entity maps (the schema diff leaves it alone). */
export const IDEMPOTENCY_TABLE = 'idempotency_key';

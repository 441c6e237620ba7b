import { Migration } from '@mikro-orm/migrations';
import { REPLAY_TABLE } from './replay-store';

/**
 * The replay guard's table in every department's database (lib/auth/replay-store.ts): the ids of forwarded identities
 * already used, shared by every replica of the department's subgraph. UNLOGGED: ids live seconds.
 */
export class ReplayGuardMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create unlogged table "${REPLAY_TABLE}" ("id" text primary key, "expires_at" timestamptz not null);`);
    this.addSql(`create index "${REPLAY_TABLE}_expires_at_index" on "${REPLAY_TABLE}" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "${REPLAY_TABLE}";`);
  }
}

export const replayGuardMigration = { name: 'ReplayGuard', class: ReplayGuardMigration };

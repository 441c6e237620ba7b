import { Migration } from '@mikro-orm/migrations';

/** An id a capability may be used under once (a forwarded identity's `jti`), and until when it is remembered. */
export interface FirstUse {
  id: string;
  expiresAtMs: number;
}

/** The table, UNLOGGED: ids live seconds; a crash that empties it is outlived by no capability older than the restart. */
export const REPLAY_TABLE = 'hub_replay_guard';
export const REPLAY_TABLE_DDL = [
  `create unlogged table if not exists "${REPLAY_TABLE}" ("id" text primary key, "expires_at" timestamptz not null)`,
  `create index if not exists "${REPLAY_TABLE}_expires_at_index" on "${REPLAY_TABLE}" ("expires_at")`,
];

/**
 * The replay guard's table in every department's database (lib/auth/replay-store.ts keeps it): the ids of forwarded identities
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

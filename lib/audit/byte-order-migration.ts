import { Migration } from '@mikro-orm/migrations';
import { REPLAY_TABLE } from '../db/replay-table';
import { GIN_WITHOUT_PENDING_LIST } from './gin-migration';

/** The audit log's id columns that its indexes hold, and the replay guard's key: compared in byte order. */
export const BYTE_ORDER_COLUMNS = [
  { table: 'audit_log', column: 'record_ids', type: 'text[]' },
  { table: 'audit_log', column: 'data_subjects', type: 'text[]' },
  { table: 'audit_log', column: 'request_id', type: 'text' },
  { table: 'audit_log', column: 'actor', type: 'text' },
  { table: REPLAY_TABLE, column: 'id', type: 'text' },
] as const;

const alterAll = (collation: string) =>
  [...new Set(BYTE_ORDER_COLUMNS.map((c) => c.table))].map(
    (table) =>
      `alter table "${table}" ${BYTE_ORDER_COLUMNS.filter((c) => c.table === table)
        .map((c) => `alter column "${c.column}" type ${c.type} collate "${collation}"`)
        .join(', ')};`,
  );

/**
 * Ids, request ids and actors in the audit log, and the replay guard's ids, compared byte by byte (collation "C")
 * instead of by the database's language rules. They are identifiers: no one sorts them as words, and two of them are
 * equal under either rule exactly when their bytes are. Under a language collation every comparison an index makes
 * goes through `strcoll` (or ICU), and an audit row of a grid's roster names some 600 residents and as many records or
 * more, each a key of the two GIN indexes: a row of 2,100 keys cost 10.4 ms of PostgreSQL's CPU under C.UTF-8, 13.4
 * under ICU's zh, 8.8 in byte order (docs/security.md, "Ids in byte order").
 *
 * PostgreSQL rewrites no row for a change of collation but builds each partition's indexes on those columns again,
 * which drops the GIN indexes' `fastupdate = off` (set again here), holding the log's lock meanwhile: on a log of tens
 * of millions of rows, run it at a quiet hour (docs/operations.md).
 */
export class AuditIdsInByteOrderMigration extends Migration {
  override async up(): Promise<void> {
    for (const statement of alterAll('C')) this.addSql(statement);
    this.addSql(GIN_WITHOUT_PENDING_LIST);
  }

  override async down(): Promise<void> {
    for (const statement of alterAll('default')) this.addSql(statement);
    this.addSql(GIN_WITHOUT_PENDING_LIST);
  }
}

export const auditIdsInByteOrderMigration = { name: 'AuditIdsInByteOrder', class: AuditIdsInByteOrderMigration };

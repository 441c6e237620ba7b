import { Migration } from '@mikro-orm/migrations';
import { makePartitionsFunction, PARTITION_GIN_INDEXES } from './partition-migration';

/** Every partition's GIN indexes set to keep no pending list, and what they hold in one merged into the index. */
export const GIN_WITHOUT_PENDING_LIST = `do $$ declare gin regclass; begin
      for gin in ${PARTITION_GIN_INDEXES.replace('$PART', 'x.indrelid')} loop
        execute format('alter index %s set (fastupdate = off)', gin);
        perform gin_clean_pending_list(gin);
      end loop; end $$;`;

/**
 * The audit log's GIN indexes without a pending list (`fastupdate = off`). With PostgreSQL's default, new rows' keys
 * wait in a pending list of up to `gin_pending_list_limit` (4 MB) per partition, which every search reads whole, until
 * autovacuum (not a plain ANALYZE) merges it: a resident's report over 36 monthly partitions read 36 such lists, about
 * 3 ms each (docs/performance.md). Without it an insert updates the index at once: a little more work per audit INSERT
 * (one per moment, shared by the requests of that moment) for searches that read only the index.
 *
 * PostgreSQL takes the option on a partition's index, not on the partitioned index: each existing partition's GIN
 * indexes are set and their pending lists merged now, and `audit_log_make_partitions` sets it on the partitions it
 * makes from now on. No index is rebuilt, so the migration is quick on a full log.
 */
export class AuditGinWithoutPendingListMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(makePartitionsFunction({ ginWithoutPendingList: true }));
    this.addSql(GIN_WITHOUT_PENDING_LIST);
  }

  override async down(): Promise<void> {
    this.addSql(makePartitionsFunction({ ginWithoutPendingList: false }));
    this.addSql(`do $$ declare gin regclass; begin
      for gin in ${PARTITION_GIN_INDEXES.replace('$PART', 'x.indrelid')} loop
        execute format('alter index %s reset (fastupdate)', gin);
      end loop; end $$;`);
  }
}

export const auditGinWithoutPendingListMigration = {
  name: 'AuditGinWithoutPendingList',
  class: AuditGinWithoutPendingListMigration,
};

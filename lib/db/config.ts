import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { auditLogMigration } from '../audit/migration';
import { auditIdsInByteOrderMigration } from '../audit/byte-order-migration';
import { auditGinWithoutPendingListMigration } from '../audit/gin-migration';
import { auditLogByMonthMigration } from '../audit/partition-migration';
import { type Department, departmentInfo } from '../departments';
import { settings } from '../config/settings';
import { log } from '../observability/log';
import { AUDIT_TABLE } from './roles';
import { IDEMPOTENCY_TABLE, idempotencyKeyMigration } from './idempotency-table';
import { REPLAY_TABLE, replayGuardMigration } from './replay-table';
import { FIGURES_TABLES } from '../stats/community-cache.migration';

export interface DepartmentOrmOptions {
  entities: Options['entities'];
  migrations: MigrationObject[];
}

/** The department's PostgreSQL URL: its DATABASE_URL_<DEPT> setting (the start script sets it for the embedded cluster). */
export function databaseUrl(name: Department, env: NodeJS.ProcessEnv = process.env): string {
  const url = settings(env).departments[name].databaseUrl;
  if (!url)
    throw new Error(
      `${departmentInfo(name).databaseUrlEnv} is not set: run the hub with 'npm start', or point it at your PostgreSQL`,
    );
  return url;
}

/** The owner's URL when one is given (DATABASE_OWNER_URL_<DEPT>): a subgraph given it runs the migrations itself. */
export const ownerUrlOnly = (name: Department, env: NodeJS.ProcessEnv = process.env): string | undefined =>
  settings(env).departments[name].ownerUrl;

/** The owner's URL (migrations, bulk loads): DATABASE_OWNER_URL_<DEPT>, else the department's own URL. */
export function ownerUrl(name: Department, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return ownerUrlOnly(name, env) ?? settings(env).departments[name].databaseUrl;
}

/** MikroORM configuration for one department's own database (each subgraph's mikro-orm.config.ts calls this). */
export function departmentOrmConfig(name: Department, options: DepartmentOrmOptions, url = databaseUrl(name)) {
  return defineConfig({
    clientUrl: url,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      // every department's audit log comes after its own tables
      migrationsList: [
        ...options.migrations,
        auditLogMigration,
        idempotencyKeyMigration,
        replayGuardMigration,
        auditLogByMonthMigration,
        auditGinWithoutPendingListMigration,
        auditIdsInByteOrderMigration,
      ],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
    },
    // the schema diff (npm run migration:create) compares entities with the database: tables no entity maps are not
    // its to drop — the audit log above all
    schemaGenerator: { skipTables: [AUDIT_TABLE, IDEMPOTENCY_TABLE, REPLAY_TABLE, ...FIGURES_TABLES] },
    // a request waits for a connection at most DB_POOL_ACQUIRE_TIMEOUT_MS, then is refused as OVERLOADED (retryable):
    // the department stays up for its readers instead of queueing every caller for knex's default minute
    pool: { min: 0, max: settings().DB_POOL_MAX, acquireTimeoutMillis: settings().DB_POOL_ACQUIRE_TIMEOUT_MS },
    // resolvers must use the request's fork; the global EntityManager refuses to be used directly
    allowGlobalContext: false,
    // a write flushes where it says so (in its transaction), never behind a query. In the default 'auto' mode the ORM
    // also gives every entity it loads an accessor per column so a query can tell whether one was touched: on a roster
    // of a thousand entities that was population’s largest single cost, for nothing (docs/performance.md)
    flushMode: 'commit',
    debug: false,
    // the ORM's and knex's own lines (the migrator's, a lost connection) go into the JSON log, without colour codes
    colors: false,
    logger: (message: string) => log.info({ source: 'orm' }, message),
    driverOptions: {
      log: {
        warn: (message: string) => log.warn({ source: 'knex' }, message),
        error: (message: string) => log.error({ source: 'knex' }, message),
        deprecate: (message: string) => log.debug({ source: 'knex' }, message),
        debug: (message: string) => log.debug({ source: 'knex' }, message),
      },
    },
  });
}

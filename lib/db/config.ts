import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { auditLogMigration } from '../audit/migration';
import { type Department, departmentInfo } from '../departments';

export interface DepartmentOrmOptions {
  entities: Options['entities'];
  migrations: MigrationObject[];
}

/** The department's PostgreSQL URL: its DATABASE_URL_<DEPT> setting (the start script sets it for the embedded cluster). */
export function databaseUrl(name: Department, env: NodeJS.ProcessEnv = process.env): string {
  const info = departmentInfo(name);
  const url = env[info.databaseUrlEnv];
  if (!url) throw new Error(`${info.databaseUrlEnv} is not set: run the hub with 'npm start', or point it at your PostgreSQL`);
  return url;
}

/** MikroORM configuration for one department's own database (each subgraph's mikro-orm.config.ts calls this). */
export function departmentOrmConfig(name: Department, options: DepartmentOrmOptions, url = databaseUrl(name)) {
  return defineConfig({
    clientUrl: url,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      // every department's audit log comes after its own tables
      migrationsList: [...options.migrations, auditLogMigration],
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
    },
    pool: { min: 0, max: Number(process.env.DB_POOL_MAX ?? 10) },
    // resolvers must use the request's fork; the global EntityManager refuses to be used directly
    allowGlobalContext: false,
    debug: false,
  });
}

import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Department } from '../departments';
import { Client } from 'pg';
import { detachExpiredAuditPartitions } from '../audit/partitions';
import { settings } from '../config/settings';
import { grantApplicationRole } from './roles';

/** What migrating needs of a department (a DepartmentModule has it): its name and its MikroORM options. */
export interface MigratableDepartment {
  name: Department;
  ormConfig(url?: string): Options;
}

/**
 * Applies the department's migrations to its database, or to one schema of another database (the bench's monolith
 * keeps every department in a schema of its own: give `url` a search_path of that schema too).
 */
export async function migrate(department: MigratableDepartment, url: string, schema?: string): Promise<string[]> {
  const orm = await MikroORM.init(
    schema
      ? { ...department.ormConfig(url), schema, driverOptions: { connection: { options: `-c search_path=${schema}` } } }
      : department.ormConfig(url),
  );
  try {
    return (await orm.getMigrator().up()).map((m) => m.name);
  } finally {
    await orm.close();
  }
}

/**
 * Brings a department's database up to date as its owner, then gives its application role exactly its rights
 * (./roles.ts). `appUrl` is what the subgraph connects with.
 */
export async function prepareDatabase(
  department: MigratableDepartment,
  ownerUrl: string,
  appUrl: string,
): Promise<string[]> {
  const applied = await migrate(department, ownerUrl);
  await grantApplicationRole(ownerUrl, appUrl);
  await applyAuditRetention(ownerUrl);
  return applied;
}

/** Retention of the audit log, as its owner: monthly partitions older than AUDIT_RETENTION_MONTHS are detached. */
export async function applyAuditRetention(ownerUrl: string): Promise<string[]> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    return await detachExpiredAuditPartitions(owner, settings().AUDIT_RETENTION_MONTHS);
  } finally {
    await owner.end();
  }
}

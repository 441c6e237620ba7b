import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { DepartmentModule } from '../department-module';
import type { World } from '../synthetic/world';

/** Applies the department's migrations to its database. */
export async function migrate(department: DepartmentModule, url: string): Promise<string[]> {
  const orm = await MikroORM.init(department.ormConfig(url));
  try {
    return (await orm.getMigrator().up()).map((m) => m.name);
  } finally {
    await orm.close();
  }
}

/** True when none of the department's own tables holds a row (a fresh database). */
export async function isEmpty(department: DepartmentModule, url: string): Promise<boolean> {
  const orm = await MikroORM.init(department.ormConfig(url));
  try {
    const tables = Object.values(orm.getMetadata().getAll())
      .filter((meta) => !meta.abstract && !meta.embeddable && meta.tableName)
      .map((meta) => meta.tableName);
    const sql = tables.map((t) => `select exists(select 1 from "${t}") as rows`).join(' union all ');
    const rows: { rows: boolean }[] = tables.length ? await orm.em.getConnection().execute(sql) : [];
    return rows.every((r) => !r.rows);
  } finally {
    await orm.close();
  }
}

/** Writes the department's slice of the world in one transaction; returns rows per table. */
export async function seed(department: DepartmentModule, url: string, world: World): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const counts = await department.seed(client, world);
    await client.query('commit');
    await client.query('analyze');
    return counts;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

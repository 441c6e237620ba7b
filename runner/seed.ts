import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { DepartmentModule } from '../lib/department-module';
import type { SeededDepartment } from './synthetic/seeder';
import type { World } from './synthetic/world';

/** The tables of the department's own entities (never the audit log, which no entity maps). */
async function entityTables(department: DepartmentModule, url: string): Promise<string[]> {
  const orm = await MikroORM.init({ ...department.ormConfig(url), connect: false });
  try {
    return Object.values(orm.getMetadata().getAll())
      .filter((meta) => !meta.abstract && !meta.embeddable && !meta.virtual && meta.tableName)
      .map((meta) => meta.tableName);
  } finally {
    await orm.close();
  }
}

/** True when none of the department's own tables holds a row (a fresh database). */
export async function isEmpty(department: DepartmentModule, url: string): Promise<boolean> {
  const tables = await entityTables(department, url);
  if (!tables.length) return true;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: boolean }>(
      tables.map((t) => `select exists(select 1 from "${t}") as rows`).join(' union all '),
    );
    return rows.every((r) => !r.rows);
  } finally {
    await client.end();
  }
}

interface IndexDefinition {
  table: string;
  name: string;
  /** 'p' primary key, 'u' unique, 'x' exclusion, 'f' foreign key, 'i' an index that is no constraint */
  kind: string;
  definition: string;
}

/** The indexes and key constraints of `tables`, so a bulk load can drop them and build each once afterwards. */
async function indexesOf(client: Client, tables: string[]): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `select c.conrelid::regclass::text as "table", c.conname as name, c.contype::text as kind, pg_get_constraintdef(c.oid) as definition
       from pg_constraint c where c.conrelid = any($1::regclass[]) and c.contype in ('p', 'u', 'x', 'f')
     union all
     select i.indrelid::regclass::text, i.indexrelid::regclass::text, 'i', pg_get_indexdef(i.indexrelid)
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u', 'x'))`,
    [tables.map((t) => `"${t}"`)],
  );
  return rows;
}

/** Foreign keys go first when dropping (they lean on the keys) and last when building. */
const DROP_ORDER = ['f', 'p', 'u', 'x', 'i'];

async function dropIndexes(client: Client, indexes: IndexDefinition[]): Promise<void> {
  for (const kind of DROP_ORDER) {
    for (const index of indexes.filter((i) => i.kind === kind)) {
      await client.query(
        kind === 'i' ? `drop index ${index.name}` : `alter table ${index.table} drop constraint "${index.name}"`,
      );
    }
  }
}

async function buildIndexes(client: Client, indexes: IndexDefinition[]): Promise<void> {
  for (const kind of [...DROP_ORDER].reverse()) {
    for (const index of indexes.filter((i) => i.kind === kind)) {
      await client.query(
        kind === 'i'
          ? index.definition
          : `alter table ${index.table} add constraint "${index.name}" ${index.definition}`,
      );
    }
  }
}

/**
 * Writes the department's slice of the world in one transaction and returns rows per table: empties the department's
 * entity tables (never `audit_log`), drops their indexes and keys, bulk-loads with COPY, builds the indexes and keys
 * once over the loaded rows, commits, and refreshes the planner's statistics. A failure leaves the old data as it was.
 */
export async function seed(department: SeededDepartment, url: string, world: World): Promise<Record<string, number>> {
  const tables = await entityTables(department, url);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    // one commit at the end, sorting for index builds in memory
    await client.query(`set local synchronous_commit = off; set local maintenance_work_mem = '256MB'`);
    // the audit log is never emptied: it is append-only, and its history outlives any reload of the data
    if (tables.length) await client.query(`truncate table ${tables.map((t) => `"${t}"`).join(', ')}`);
    const indexes = tables.length ? await indexesOf(client, tables) : [];
    await dropIndexes(client, indexes);
    const counts = await department.seed(client, world);
    await buildIndexes(client, indexes);
    await client.query('commit');
    if (tables.length) await client.query(`analyze ${tables.map((t) => `"${t}"`).join(', ')}`);
    return counts;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export interface DistrictSeedReport {
  /** rows per department and table */
  counts: Record<string, Record<string, number>>;
  rows: number;
  /** milliseconds: generating the world, then loading all departments (in parallel, one connection each) */
  generateMs: number;
  loadMs: number;
}

/**
 * Loads one world into every department's database at once: each department on its own connection, so PostgreSQL
 * works on the four loads (and their index builds) in parallel while this process makes the rows.
 */
export async function seedDistrict(
  departments: SeededDepartment[],
  urls: Record<string, string>,
  generate: () => World,
): Promise<DistrictSeedReport> {
  const started = Date.now();
  const world = generate();
  const generated = Date.now();
  const results = await Promise.all(
    departments.map(async (d) => [d.name, await seed(d, urls[d.name], world)] as const),
  );
  const counts = Object.fromEntries(results);
  const rows = Object.values(counts).reduce((sum, tables) => sum + Object.values(tables).reduce((a, b) => a + b, 0), 0);
  return { counts, rows, generateMs: generated - started, loadMs: Date.now() - generated };
}

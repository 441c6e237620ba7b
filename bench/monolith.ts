/**
 * The monolith baseline: the same world in ONE database, each department's tables in a schema of its own (made by the
 * department's own migrations and loaded by its own seeder), so the same questions can be asked as one SQL statement —
 * the physical floor of what answering them costs, against which federation's price is measured.
 */
import { Client } from 'pg';
import type { SeededDepartment } from '../runner/synthetic/seeder';
import { departmentInfo } from '../lib/departments';
import { migrate } from '../lib/db/migrate';
import { seed } from '../runner/seed';
import type { World } from '../runner/synthetic/world';

export const MONOLITH_DATABASE = 'monolith';

/** `url` with every connection's search_path set to `schema` (the departments' SQL names tables unqualified). */
const inSchema = (url: string, schema: string) =>
  `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

/** (Re)creates the monolith database in the cluster and loads the world into it; returns its URL and the rows loaded. */
export async function loadMonolith(
  adminUrl: (database: string) => string,
  departments: SeededDepartment[],
  world: World,
): Promise<{ url: string; rows: number }> {
  const admin = new Client({ connectionString: adminUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${MONOLITH_DATABASE}`);
    await admin.query(`create database ${MONOLITH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = adminUrl(MONOLITH_DATABASE);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const d of departments) await client.query(`create schema ${departmentInfo(d.name).database}`);
  } finally {
    await client.end();
  }
  const counts = await Promise.all(
    departments.map(async (d) => {
      const schema = departmentInfo(d.name).database;
      await migrate(d, inSchema(url, schema), schema);
      return seed(d, inSchema(url, schema), world);
    }),
  );
  return { url, rows: counts.reduce((sum, tables) => sum + Object.values(tables).reduce((a, b) => a + b, 0), 0) };
}

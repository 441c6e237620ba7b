/**
 * The documented way to add a field (docs/extending.md, "Adding a field to a subgraph") on a database that has an audit history
 * (the security issue, item 9): the migration `npm run migration:create` writes touches only the changed entity's
 * table, and applying it keeps every audit row.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { prepareDatabase } from '../lib/db/migrate';
import { population } from '../subgraphs/population';
import { hub } from './support/hub';

async function query(url: string, sql: string): Promise<any[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const DATABASE = 'migration_probe';
/** `url` pointed at the throwaway database */
const onProbe = (url: string) => Object.assign(new URL(url), { pathname: `/${DATABASE}` }).toString();

describe('a migration written after an entity change', () => {
  let dir: string;
  const owner = () => onProbe(hub().ownerUrls.population);
  const app = () => onProbe(hub().databaseUrls.population);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'));
    // a database of population's own, made the way the cluster makes it: owned by the owner role
    await query(hub().adminUrl!, `drop database if exists ${DATABASE}`);
    await query(hub().adminUrl!, `create database ${DATABASE} owner population_owner`);
    await query(hub().adminUrl!, `revoke all on database ${DATABASE} from public`);
    await prepareDatabase(population, owner(), app());
    await query(
      app(),
      `insert into audit_log (request_id, actor, department, role, kind, record_type, record_ids, fields, outcome)
      select 'history-' || n, 'auditor', 'POPULATION', 'REGISTRAR', 'READ', 'Resident', '{}', '{}', 'ALLOWED' from generate_series(1, 5) n`,
    );
  }, 120_000);

  afterAll(async () => {
    await query(hub().adminUrl!, `drop database if exists ${DATABASE} with (force)`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('touches only that entity’s table, and applied over an audit history keeps every row', async () => {
    // the state the documented steps leave: the Building class has a property the database lacks
    await query(owner(), 'alter table building drop column latitude');
    const config = population.ormConfig(owner());
    const orm = await MikroORM.init({
      ...config,
      migrations: { ...config.migrations, path: dir, pathTs: dir, emit: 'ts' },
    });
    try {
      const written = await orm.getMigrator().createMigration(dir);
      expect(written.diff.up).toEqual([
        expect.stringMatching(/^alter table "building" add column "latitude" double precision null;$/),
      ]);
      expect(readFileSync(join(dir, written.fileName), 'utf8')).not.toMatch(/audit_log/);

      for (const statement of written.diff.up) await query(owner(), statement);
      expect(await query(app(), `select count(*)::int as n from audit_log where request_id like 'history-%'`)).toEqual([
        { n: 5 },
      ]);
      expect(
        await query(
          app(),
          `select column_name from information_schema.columns where table_name = 'building' and column_name = 'latitude'`,
        ),
      ).toEqual([{ column_name: 'latitude' }]);
    } finally {
      await orm.close();
    }
  });
});

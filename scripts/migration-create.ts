/**
 * npm run migration:create -- <department>
 * Diffs the department's entities against its migrated database (a throwaway embedded cluster) and writes
 * a new migration class under subgraphs/<department>/migrations/. Add it to that folder's index.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { isDepartment } from '../lib/departments';
import { startCluster } from '../runner/cluster';
import { departments } from './registry';

async function main() {
  const name = process.argv[2] ?? '';
  const department = isDepartment(name) ? departments[name] : undefined;
  if (!department) throw new Error(`usage: npm run migration:create -- <department>; got "${name}"`);
  const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
  const cluster = await startCluster({
    dataDir: dir,
    port: 55000 + Math.floor(Math.random() * 1000),
    persistent: false,
  });
  try {
    // as the owner, like every migration
    const config = department.ormConfig(cluster.ownerUrls[department.name]);
    const orm = await MikroORM.init({
      ...config,
      migrations: {
        ...config.migrations,
        path: `subgraphs/${name}/migrations`,
        pathTs: `subgraphs/${name}/migrations`,
        emit: 'ts',
      },
    });
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false);
    console.log(
      result.fileName
        ? `wrote subgraphs/${name}/migrations/${result.fileName}`
        : 'no changes: entities match the migrations',
    );
    await orm.close();
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * node dist/scripts/migrate.js <department>
 * Brings one department's database up to date as its owner (DATABASE_OWNER_URL_<DEPT>) and gives its application role
 * (the user in DATABASE_URL_<DEPT>, created if missing) exactly its rights. docker-compose.yml runs it once per
 * department before that department's subgraph starts; `npm start` does the same for the embedded cluster.
 */
import { databaseUrl, ownerUrl } from '../lib/db/config';
import { departmentInfo, isDepartment } from '../lib/departments';
import { prepareDatabase } from '../lib/db/migrate';
import { departments } from './registry';

async function main() {
  const name = process.argv[2] ?? '';
  if (!isDepartment(name)) throw new Error(`usage: node dist/scripts/migrate.js <department>; got "${name}"`);
  const owner = ownerUrl(name);
  if (!owner) throw new Error(`set ${departmentInfo(name).ownerUrlEnv} (the owner role's URL) to migrate ${name}`);
  const applied = await prepareDatabase(departments[name]!, owner, databaseUrl(name));
  console.log(
    `${name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}; application role granted its rights`,
  );
}

main().catch((error) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});

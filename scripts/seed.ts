/**
 * npm run seed -- --residents N [--seed S] [--if-empty]: replaces the synthetic district in all four department
 * databases with one of N residents, generated deterministically (the same N and seed give the same data, the data
 * `npm start` loads at its demo size). Migrations run first. The audit logs are kept. `--if-empty` loads only the
 * departments whose tables hold nothing (docker-compose.yml's seed job: `docker compose up` again keeps the data).
 *
 * The embedded cluster in HUB_DATA_DIR (default .data) on EMBEDDED_PG_PORT (default 54329), as `npm start` uses it,
 * unless DATABASE_URL_<DEPT> points a department elsewhere. Stop `npm start` first when it uses the same cluster.
 */
import { settings } from '../lib/config/settings';
import type { SeededDepartment } from '../runner/synthetic/seeder';
import type { EmbeddedCluster } from '../runner/cluster';
import { startCluster } from '../runner/cluster';
import { findDistrict, tokenCommand } from '../runner/first-screen';
import { prepareDatabase } from '../lib/db/migrate';
import { isEmpty, seedDistrict } from '../runner/seed';
import { departmentUrls, externalDepartments } from '../runner/urls';
import { generateWorld } from '../runner/synthetic/world';
import { departments } from './registry';

const USAGE = 'usage: npm run seed -- --residents N [--seed S] [--if-empty]';

export function parseSeedArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { residents: number; seed?: number; ifEmpty: boolean } {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const residents = Number((value('residents') ?? String(settings(env).HUB_SEED_RESIDENTS)).replace(/[_,]/g, ''));
  if (!Number.isInteger(residents) || residents < 1)
    throw new Error(`--residents must be a positive whole number\n${USAGE}`);
  const seedText = value('seed');
  const seed = seedText === undefined ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed must be a whole number\n${USAGE}`);
  return { residents, seed, ifEmpty: argv.includes('--if-empty') };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const { residents, seed, ifEmpty } = parseSeedArgs(process.argv.slice(2));
  const env = process.env;
  const given = settings(env);
  const modules = Object.values(departments) as SeededDepartment[];
  const names = modules.map((d) => d.name);
  const started = Date.now();
  let cluster: EmbeddedCluster | undefined;
  try {
    if (externalDepartments(names, env).length < names.length) {
      const dataDir = given.HUB_DATA_DIR;
      const port = given.EMBEDDED_PG_PORT;
      try {
        cluster = await startCluster({ dataDir, port, persistent: true });
      } catch (error) {
        throw new Error(
          `the embedded PostgreSQL in ${dataDir} could not start on port ${port} (is \`npm start\` running? stop it first): ${error instanceof Error ? error.message : error}`,
        );
      }
      console.log(`PostgreSQL (embedded) on 127.0.0.1:${port}, data in ${dataDir}`);
    }
    // migrations and the bulk load are the owner's; the application role gets its rights back afterwards
    const urls = departmentUrls(names, env, cluster);
    await Promise.all(modules.map((d) => prepareDatabase(d, urls.owner[d.name], urls.app[d.name])));
    const load = ifEmpty
      ? (await Promise.all(modules.map(async (d) => ((await isEmpty(d, urls.owner[d.name])) ? [d] : [])))).flat()
      : modules;
    if (!load.length) console.log('every department already holds data: nothing loaded (--if-empty)');
    else await loadDistrict(load, urls.owner, residents, seed);
    const district = await findDistrict(urls.owner.grid);
    console.log(
      'id' in district
        ? `district region id ${district.id}; a token for it: ${tokenCommand(district.id, given.HUB_DATA_DIR)}`
        : `no district: ${district.reason}`,
    );
    console.log(`${seconds(Date.now() - started)} in all with start-up and migrations`);
  } finally {
    await cluster?.stop();
  }
}

/** Loads one world of `residents` into `modules` and prints rows per table and the rate. */
async function loadDistrict(
  modules: SeededDepartment[],
  ownerUrls: Record<string, string>,
  residents: number,
  seed: number | undefined,
): Promise<void> {
  console.log(
    `loading a district of ${residents.toLocaleString('en')} residents into ${modules.map((d) => d.name).join(', ')}…`,
  );
  const report = await seedDistrict(modules, ownerUrls, () => generateWorld({ residents, seed }));
  for (const [name, tables] of Object.entries(report.counts)) {
    console.log(
      `  ${name.padEnd(16)}${Object.entries(tables)
        .map(([t, n]) => `${n.toLocaleString('en')} ${t}`)
        .join(', ')}`,
    );
  }
  const ms = report.generateMs + report.loadMs;
  console.log(
    `seeded ${report.rows.toLocaleString('en')} rows in ${seconds(ms)} (generate ${seconds(report.generateMs)}, load and index ${seconds(report.loadMs)}): ` +
      `${Math.round(report.rows / (ms / 1000)).toLocaleString('en')} rows/s`,
  );
}

if (require.main === module) {
  main().catch((error) => {
    console.error('seeding failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

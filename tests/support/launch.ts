import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEPARTMENTS, GATEWAY_PORT_ENV, departmentInfo } from '../../lib/departments';
import { freePorts } from './ports';

/** The last line of `npm start`'s first screen (scripts/start.ts), printed just before the ready file is written. */
const FIRST_SCREEN_LAST_LINE = 'Ctrl-C stops everything.';

export const ROOT = resolve(__dirname, '..', '..');

export interface HubInfo {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** each department's application role (what its subgraph connects as) */
  databaseUrls: Record<string, string>;
  /** each database's owner (migrations, bulk loads) */
  ownerUrls: Record<string, string>;
  /** the gateway's database (replay ids, public lookup counts), shared by every gateway in front of this hub */
  gatewayDatabaseUrl?: string;
  /** the embedded cluster's superuser, on its `postgres` database */
  adminUrl?: string;
  secretsFile: string;
  /** each service's process id when the hub said it was ready */
  pids: Record<string, number>;
}

export interface LaunchedHub {
  info: HubInfo;
  child: ChildProcess;
  output: () => string;
}

/** Runs `node dist/scripts/start.js` (what `npm start` runs) on free ports and waits until it says it is ready. */
export async function launchHub(options: {
  dataDir: string;
  seedResidents: number;
  ephemeral: boolean;
  readyFile: string;
  env?: NodeJS.ProcessEnv;
}): Promise<LaunchedHub> {
  const [pgPort, gatewayPort, ...subgraphPorts] = await freePorts(2 + DEPARTMENTS.length);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_DATA_DIR: options.dataDir,
    HUB_EPHEMERAL: options.ephemeral ? '1' : '0',
    HUB_SEED_RESIDENTS: String(options.seedResidents),
    HUB_READY_FILE: options.readyFile,
    HUB_QUIET: '1',
    EMBEDDED_PG_PORT: String(pgPort),
    [GATEWAY_PORT_ENV]: String(gatewayPort),
  };
  for (const [i, d] of DEPARTMENTS.entries()) {
    env[departmentInfo(d).portEnv] = String(subgraphPorts[i]);
    delete env[departmentInfo(d).databaseUrlEnv];
    delete env[departmentInfo(d).ownerUrlEnv];
    delete env[departmentInfo(d).replicaUrlsEnv];
  }
  // a test's own settings last: an external database for a department, a port of its choosing
  Object.assign(env, options.env);
  let output = '';
  // a process group of its own, as a terminal gives `npm start`: Ctrl-C (interrupt) reaches every process in it
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'scripts', 'start.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!existsSync(options.readyFile)) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the hub did not start within 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // the ready file is written after the first screen is printed, but the printed lines reach this process through a
  // pipe, which a busy machine may deliver after the file is seen (fresh-clone CI at c280785): wait for its last line
  const printed = Date.now() + 10_000;
  while (!output.includes(FIRST_SCREEN_LAST_LINE) && Date.now() < printed) await new Promise((r) => setTimeout(r, 50));
  return { info: JSON.parse(readFileSync(options.readyFile, 'utf8')) as HubInfo, child, output: () => output };
}

/**
 * Ctrl-C: SIGINT to the hub's whole process group, as a terminal sends it (npm start, its subgraphs, the gateway and
 * the embedded PostgreSQL each receive it), and waits for the hub to exit.
 */
export async function interrupt(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  process.kill(-child.pid!, 'SIGINT');
  return exited;
}

/** Which of these processes still run (after a hub stopped: none should). */
export function stillRunning(pids: Record<string, number>): string[] {
  return Object.entries(pids).flatMap(([name, pid]) => {
    try {
      process.kill(pid, 0);
      return [name];
    } catch {
      return [];
    }
  });
}

/** What npm start prints once Ctrl-C has stopped everything. */
export const STOPPED_LINE = 'stopped: subgraphs, gateway and PostgreSQL are down';

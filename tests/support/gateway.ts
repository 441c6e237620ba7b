import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINDING_KEY_ENV, bindingKeyFor } from '../../lib/auth/forwarded';
import { type Department, DEPARTMENTS, departmentInfo } from '../../lib/departments';
import { hub } from './hub';
import { ROOT } from './launch';
import { freePorts } from './ports';

export interface ExtraGateway {
  url: string;
  /** its process (a test may freeze it with SIGSTOP) */
  pid: number;
  stop(): void;
}

/** Another gateway process in front of the test hub's subgraphs, configured by `env` (production mode by default). */
export async function startExtraGateway(env: NodeJS.ProcessEnv): Promise<ExtraGateway> {
  const secrets = JSON.parse(readFileSync(hub().secretsFile, 'utf8'));
  const [port] = await freePorts(1);
  const full: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_MODE: 'production',
    GATEWAY_PORT: String(port),
    HUB_JWT_SECRET: secrets.jwtSecret,
    HUB_GATEWAY_PRIVATE_KEY: secrets.gatewayPrivateKey,
    HUB_GATEWAY_PUBLIC_KEY: secrets.gatewayPublicKey,
    // a replica of the hub's gateway: it keeps replay ids and lookup counts in the same database
    GATEWAY_DATABASE_URL: hub().gatewayDatabaseUrl,
    ...env,
  };
  for (const d of DEPARTMENTS) full[departmentInfo(d).urlEnv] = env[departmentInfo(d).urlEnv] ?? hub().subgraphUrls[d];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'gateway', 'main.js')], {
    env: full,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) break;
    // /ready: it serves, even while a department it is pointed at is down
    if ((await fetch(url.replace('/graphql', '/ready')).catch(() => null))?.ok)
      return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the extra gateway did not start:\n${output}`);
}

/**
 * A second replica of one department's subgraph: the same database (as its application role) and binding key as the
 * test hub's, on a port of its own — what Kubernetes runs behind the department's Service.
 */
export async function startSubgraphReplica(department: Department): Promise<ExtraGateway> {
  const secrets = JSON.parse(readFileSync(hub().secretsFile, 'utf8'));
  const [port] = await freePorts(1);
  const info = departmentInfo(department);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_MODE: 'production',
    [info.databaseUrlEnv]: hub().databaseUrls[department],
    [info.ownerUrlEnv]: undefined,
    [info.portEnv]: String(port),
    HUB_GATEWAY_PUBLIC_KEY: secrets.gatewayPublicKey,
    [BINDING_KEY_ENV]: bindingKeyFor(secrets.gatewayPrivateKey, department).toString('base64url'),
    HUB_GATEWAY_URL: hub().gatewayUrl,
  };
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'subgraphs', department, 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    if ((await fetch(url.replace('/graphql', '/health')).catch(() => null))?.ok)
      return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the ${department} replica did not start:\n${output}`);
}

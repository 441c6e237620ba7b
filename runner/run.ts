import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BINDING_KEY_ENV, bindingKeyFor } from '../lib/auth/forwarded';
import { loadOrCreateSecrets, SECRET_ENV, secretsEnv, secretsFile } from '../lib/auth/secrets';
import { settings, subgraphPort } from '../lib/config/settings';
import { type Department, GATEWAY_DATABASE_ENV, GATEWAY_PORT_ENV, departmentInfo } from '../lib/departments';
import { prepareDatabase } from '../lib/db/migrate';
import type { SeededDepartment } from './synthetic/seeder';
import { generateWorld } from './synthetic/world';
import { RECORD_KEY_ENV, recordKeySecretFor } from '../lib/stats/cell-key';
import { ID_NUMBER_KEY_ENV, idNumberKeyFor } from '../lib/auth/id-number-key';
import { type EmbeddedCluster, startCluster } from './cluster';
import { isEmpty, seed } from './seed';
import { departmentUrls, externalDepartments } from './urls';
import { type Service, spawnService } from './processes';
import { appSettings, ownerSettings, requireReachable } from './reach';

export interface HubOptions {
  departments: SeededDepartment[];
  /** folder of the embedded cluster (ignored for departments given an external DATABASE_URL_*) */
  dataDir: string;
  pgPort: number;
  /** keep the embedded cluster's files after stopping */
  persistent: boolean;
  /** residents in the synthetic district loaded into empty databases (0: load nothing) */
  seedResidents: number;
  /** root of the compiled tree (dist/) where subgraphs/<d>/main.js and gateway/main.js live */
  distDir: string;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  log?: (line: string) => void;
  /** restart PostgreSQL (embedded), a subgraph or the gateway that dies, with backoff (default true) */
  supervise?: boolean;
  /** more settings for the embedded PostgreSQL (`-c name=value` pairs; the bench's `--pg-statements`) */
  postgresFlags?: string[];
}

export interface RunningHub {
  gatewayUrl: string;
  subgraphUrls: Record<Department, string>;
  databaseUrls: Record<Department, string>;
  /** each database's owner (migrations, bulk loads): never handed to a subgraph */
  ownerUrls: Record<Department, string>;
  /** the gateway's database (replay ids, public lookup counts), when there is one */
  gatewayDatabaseUrl?: string;
  /** the embedded cluster's superuser URL for a database (tests and benchmarks only), if embedded */
  adminUrl?: (database: string) => string;
  /** where the hub's keys are kept (the JWT secret `npm run token` signs with) */
  secretsFile: string;
  /** the process id of each service now, and of the embedded `postgres` (a supervised one gets a new id on restart) */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

/** Starts the whole hub: PostgreSQL, migrations, demo data, four subgraph processes and the gateway. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  // a start that fails removes what it made: a data folder that was not there before (keys, a fresh cluster)
  const freshDataDir = !existsSync(options.dataDir);
  const secrets = await loadOrCreateSecrets(options.dataDir);
  const env = { ...process.env, ...options.env, ...secretsEnv(secrets, { ...process.env, ...options.env }) };
  const log = options.log ?? ((line: string) => console.log(line));
  const names = options.departments.map((d) => d.name);
  const external = externalDepartments(names, env);
  let cluster: EmbeddedCluster | undefined;
  const services: Service[] = [];
  const supervise = options.supervise ?? true;
  const stop = async () => {
    cluster?.endSupervision();
    await Promise.all(services.map((service) => service.stop()));
    await cluster?.stop();
  };
  try {
    if (external.length < names.length) {
      cluster = await startCluster({
        dataDir: options.dataDir,
        port: options.pgPort,
        persistent: options.persistent,
        supervise,
        log,
        flags: options.postgresFlags,
      });
      log(`PostgreSQL (embedded) on 127.0.0.1:${options.pgPort}, data in ${options.dataDir}`);
    }
    const { app: databaseUrls, owner: ownerUrls } = departmentUrls(names, env, cluster);
    // a wrong URL or a server that is not there stops the start here, naming the department, the variable and the cause
    await requireReachable(ownerSettings(names, ownerUrls, env));

    const empty: SeededDepartment[] = [];
    for (const department of options.departments) {
      try {
        await prepareDatabase(department, ownerUrls[department.name], databaseUrls[department.name]);
      } catch (error) {
        throw new Error(
          `${department.name}: migrating its database failed: ${error instanceof Error ? error.message : error}`,
        );
      }
      if (options.seedResidents > 0 && (await isEmpty(department, ownerUrls[department.name]))) empty.push(department);
    }
    if (empty.length) {
      const started = Date.now();
      const world = generateWorld({ residents: options.seedResidents });
      for (const department of empty) {
        const counts = await seed(department, ownerUrls[department.name], world);
        log(
          `seeded ${department.name}: ${Object.entries(counts)
            .map(([t, n]) => `${n} ${t}`)
            .join(', ')}`,
        );
      }
      log(
        `demo district of ${options.seedResidents} residents loaded in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      );
    }

    // the application role exists now (migrations create it for an external database): its URL must work too
    await requireReachable(appSettings(names, databaseUrls, env));

    const spawnOptions = { quiet: options.quiet, supervise, log };
    const gatewayPort = settings(env).GATEWAY_PORT;
    const subgraphUrls = {} as Record<Department, string>;
    for (const department of options.departments) {
      const info = departmentInfo(department.name);
      const port = subgraphPort(department.name, env);
      const service = spawnService(
        department.name,
        join(options.distDir, 'subgraphs', department.name, 'main.js'),
        {
          ...env,
          [info.databaseUrlEnv]: databaseUrls[department.name],
          // a subgraph connects as its application role only: the owner's URL never reaches it
          [info.ownerUrlEnv]: undefined,
          // nor the gateway's keys: only the public half and the key that binds requests to this subgraph
          [SECRET_ENV.gatewayPrivateKey]: undefined,
          [SECRET_ENV.jwtSecret]: undefined,
          [BINDING_KEY_ENV]: bindingKeyFor(settings(env).HUB_GATEWAY_PRIVATE_KEY!, department.name).toString(
            'base64url',
          ),
          // the secret of the statistics' record keys, the same in every department (lib/stats/cell-key.ts)
          [RECORD_KEY_ENV]: recordKeySecretFor(settings(env).HUB_GATEWAY_PRIVATE_KEY!).toString('base64url'),
          // the key of ID numbers' keyed hash: population's only (lib/auth/id-number-key.ts)
          [ID_NUMBER_KEY_ENV]:
            department.name === 'population'
              ? (settings(env).HUB_ID_NUMBER_KEY ??
                idNumberKeyFor(settings(env).HUB_GATEWAY_PRIVATE_KEY!).toString('base64url'))
              : undefined,
          [info.portEnv]: String(port),
          HUB_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
        },
        spawnOptions,
      );
      services.push(service);
      subgraphUrls[department.name] = `http://127.0.0.1:${port}/graphql`;
    }
    // each says over IPC that it listens, or why it cannot (a port in use: lib/server/listen.ts)
    await Promise.all(services.map((s) => s.ready));

    // the gateway keeps what its replicas share in its own database: the one given, else the embedded cluster's
    const gatewayDatabaseUrl = settings(env).GATEWAY_DATABASE_URL ?? cluster?.gatewayUrl;
    const gateway = spawnService(
      'gateway',
      join(options.distDir, 'gateway', 'main.js'),
      {
        ...env,
        [GATEWAY_DATABASE_ENV]: gatewayDatabaseUrl,
        [GATEWAY_PORT_ENV]: String(gatewayPort),
        ...Object.fromEntries(names.map((n) => [departmentInfo(n).urlEnv, subgraphUrls[n]])),
      },
      spawnOptions,
    );
    services.push(gateway);
    await gateway.ready;

    const pids = () => ({
      ...Object.fromEntries(services.map((s) => [s.name, s.child.pid!])),
      ...(cluster?.pid() ? { postgres: cluster.pid()! } : {}),
    });
    return {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      subgraphUrls,
      databaseUrls,
      ownerUrls,
      gatewayDatabaseUrl,
      adminUrl: cluster?.adminUrl,
      secretsFile: secretsFile(options.dataDir),
      pids,
      stop,
    };
  } catch (error) {
    await stop();
    if (freshDataDir) rmSync(options.dataDir, { recursive: true, force: true });
    throw error;
  }
}

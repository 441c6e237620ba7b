import '../observability/telemetry';
import { MikroORM } from '@mikro-orm/postgresql';
import type { DepartmentModule } from '../department-module';
import { departmentInfo } from '../departments';
import { databaseUrl, ownerUrlOnly } from '../db/config';
import { connectionFailure, redacted } from '../db/connection-failure';
import { prepareDatabase } from '../db/migrate';
import { databaseOutage } from '../db/unavailable';
import { ReplicaRouter } from '../db/replicas';
import { settings } from '../config/settings';
import { type RunningSubgraph, runSubgraphProcess, serveSubgraph } from './subgraph';

/**
 * Opens the department's own database as its application role and serves its subgraph. Migrations are the owner's
 * (npm start and scripts/migrate.ts run them before any subgraph starts); given the owner's URL
 * (DATABASE_OWNER_URL_<DEPT>), the subgraph runs them itself first.
 */
export async function startDepartment(
  department: DepartmentModule,
  options: { url?: string; port?: number } = {},
): Promise<RunningSubgraph> {
  const url = options.url ?? databaseUrl(department.name);
  const owner = ownerUrlOnly(department.name);
  if (owner) await prepareDatabase(department, owner, url);
  const replicaUrls = settings().departments[department.name].replicaUrls;
  // each replica gets a pool of its own (MikroORM's `replicas`); lib/db/replicas.ts decides which reads go there
  const replicas = replicaUrls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl }));
  const config = { ...department.ormConfig(url), ...(replicas.length ? { replicas } : {}) };
  const orm = await initPatiently(() => MikroORM.init(config)).catch((error: unknown) => {
    // a subgraph started on its own (compose, Kubernetes) says which setting to fix, like npm start does
    throw new Error(
      `cannot use its database (${departmentInfo(department.name).databaseUrlEnv}=${redacted(url)}): ${connectionFailure(error)}`,
    );
  });
  await department.prepare?.(orm);
  return serveSubgraph({
    name: department.name,
    orm,
    replicas: replicas.length
      ? ReplicaRouter.install(
          orm,
          replicas.map((r) => r.name),
          {
            maxLagMs: settings().HUB_REPLICA_MAX_LAG_MS,
            maxLagBytes: settings().HUB_REPLICA_MAX_LAG_BYTES,
            probeMs: settings().HUB_REPLICA_PROBE_MS,
          },
        )
      : undefined,
    schema: (await department.buildSchema()).schema,
    createLoaders: department.createLoaders,
    keptFigures: department.keptFigures,
    port: options.port,
  });
}

/**
 * The first connection may take longer than a request may wait for one (DB_POOL_ACQUIRE_TIMEOUT_MS, a fraction of a
 * second when a small pool is tuned to refuse early): on a busy machine a new PostgreSQL backend takes longer to
 * start. A timed-out first connection is tried again for up to STARTUP_PATIENCE_MS; any other failure is final.
 */
const STARTUP_PATIENCE_MS = 20_000;
async function initPatiently(init: () => Promise<MikroORM>): Promise<MikroORM> {
  const deadline = Date.now() + STARTUP_PATIENCE_MS;
  for (;;) {
    try {
      return await init();
    } catch (error) {
      if (databaseOutage(error) !== 'no connection to the database in time' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A department's process entry (subgraphs/<department>/main.ts). */
export function runDepartmentProcess(department: DepartmentModule): void {
  void runSubgraphProcess(() => startDepartment(department), department.name);
}

import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintUserToken } from '../../lib/auth/user-token';
import type { Organization } from '../../lib/auth/identity';
import { type GraphQLResponse, graphql } from './hub';
import { interrupt, type LaunchedHub, launchHub } from './launch';

/**
 * A hub of a test's own (not the shared one of the global setup), for tests that break it: kill a subgraph, stop a
 * database. `stop()` ends it and removes its folder; call it in afterAll.
 */
export interface PrivateHub extends LaunchedHub {
  dir: string;
  /** an operation as a caller with the whole district in scope */
  ask<T = any>(
    caller: { department: Organization; role: string; purpose?: string; subject?: string },
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** the gateway's /health and /ready */
  health(): Promise<{ status: number; body: { status: string; subgraphs: { name: string; status: string }[] } }>;
  ready(): Promise<number>;
  /** waits (bounded) until /health reports `department` as `status` */
  untilDepartment(department: string, status: 'ok' | 'unavailable'): Promise<void>;
  stop(): Promise<void>;
}

export function privateDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the data folder
  return dir;
}

export async function startPrivateHub(options: {
  dir: string;
  residents: number;
  districtId: string;
  env?: NodeJS.ProcessEnv;
  /**
   * another hub over the same folder (its keys) and the same external databases: a second process of every service, as
   * a second pod of each is on Kubernetes; it leaves the folder to the first hub's stop()
   */
  second?: boolean;
}): Promise<PrivateHub> {
  const hub = await launchHub({
    dataDir: join(options.dir, 'data'),
    seedResidents: options.residents,
    ephemeral: true,
    readyFile: join(options.dir, options.second ? 'second-hub.json' : 'hub.json'),
    env: options.env,
  });
  const { jwtSecret } = JSON.parse(readFileSync(hub.info.secretsFile, 'utf8')) as { jwtSecret: string };
  const healthUrl = hub.info.gatewayUrl.replace(/\/graphql$/, '/health');
  type Health = Awaited<ReturnType<PrivateHub['health']>>;
  const health = async (): Promise<Health> => {
    const res = await fetch(healthUrl, { headers: { connection: 'close' } });
    return { status: res.status, body: (await res.json()) as Health['body'] };
  };
  return {
    ...hub,
    dir: options.dir,
    async ask(caller, query, variables = {}) {
      const token = await mintUserToken(
        {
          subject: caller.subject ?? 'fault-test',
          name: 'fault test',
          department: caller.department,
          role: caller.role,
          scope: [options.districtId],
        },
        jwtSecret,
        { ttlSeconds: 3600 },
      );
      const purpose: Record<string, string> = caller.purpose ? { 'x-purpose': encodeURIComponent(caller.purpose) } : {};
      return graphql(query, variables, {
        url: hub.info.gatewayUrl,
        headers: { authorization: `Bearer ${token}`, ...purpose },
      });
    },
    health,
    async ready() {
      return (await fetch(hub.info.gatewayUrl.replace(/\/graphql$/, '/ready'), { headers: { connection: 'close' } }))
        .status;
    },
    async untilDepartment(department, status) {
      for (let i = 0; i < 300; i++) {
        const { body } = await health().catch(() => ({
          body: { subgraphs: [] as { name: string; status: string }[] },
        }));
        if (body.subgraphs.find((s) => s.name === department)?.status === status) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`/health never reported ${department} ${status}:\n${hub.output()}`);
    },
    async stop() {
      await interrupt(hub.child);
      if (!options.second) rmSync(options.dir, { recursive: true, force: true });
    },
  };
}

/**
 * What clients saw around `during`: each response of `clients` parallel loops of `request`. Every client has had an
 * answer before `during` starts and asks once more after it ends, so the tally always holds the state before and the
 * state after, however long `during` takes; in between at most `maxRequests` are sent (then the clients wait).
 */
export async function underLoad<T>(
  request: () => Promise<T>,
  during: () => Promise<void>,
  options: { clients?: number; maxRequests?: number } = {},
): Promise<(T | { thrown: string })[]> {
  const seen: (T | { thrown: string })[] = [];
  const max = options.maxRequests ?? 5000;
  // a request that fails outright (no HTTP answer) is recorded too: the gateway must never leave a client without one
  const answer = async () => seen.push(await request().catch((error: unknown) => ({ thrown: String(error) })));
  let done = false;
  const client = async (first: Promise<number>) => {
    await first;
    while (!done) {
      if (seen.length < max) await answer();
      else await new Promise((r) => setTimeout(r, 50));
    }
    await answer();
  };
  const firsts = Array.from({ length: options.clients ?? 4 }, answer);
  const clients = firsts.map(client);
  try {
    await Promise.all(firsts);
    await during();
  } finally {
    done = true;
    await Promise.all(clients);
  }
  return seen;
}

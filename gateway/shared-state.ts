import { settings } from '../lib/config/settings';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GATEWAY_DATABASE_ENV } from '../lib/departments';
import { WritePositions } from '../lib/auth/write-positions';
import { type KeySetStore, MemoryKeySets, PostgresKeySets } from './cohort/key-sets';
import { MemoryReplayStore, PostgresReplayStore, type ReplayStore, sharedStatePool } from '../lib/auth/replay-store';

const LOOKUPS_TABLE = 'hub_public_lookups';

/**
 * What must hold across every gateway replica: capabilities used once, the public lookups a client has made, and the
 * cohorts kept for their later pages.
 */
export interface GatewayState {
  /** ids of asking-back capabilities, and of identities forwarded to the cohort planner */
  replays: ReplayStore;
  /** public lookups per client address and minute (rate-limiter-flexible) */
  lookups: RateLimiterAbstract;
  /** each caller's newest write positions (read-your-writes across processes: lib/auth/write-positions.ts) */
  writes: WritePositions;
  /** cohorts kept for their later pages (gateway/cohort/key-sets.ts) */
  keySets: KeySetStore;
  /** where they are kept, for the log */
  where: string;
  close(): Promise<void>;
}

/**
 * In the gateway's database when GATEWAY_DATABASE_URL is set (the embedded hub, compose and Kubernetes all set it);
 * without it, in this process's memory — right only for a gateway that has no replica (docs/capabilities.md).
 */
export async function gatewayState(
  lookupsPerMinute: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayState> {
  const url = settings(env).GATEWAY_DATABASE_URL;
  const perProcess = new RateLimiterMemory({ points: lookupsPerMinute, duration: 60 });
  if (!url)
    return {
      replays: new MemoryReplayStore(),
      lookups: perProcess,
      writes: new WritePositions(),
      keySets: new MemoryKeySets(),
      where: `this process's memory (${GATEWAY_DATABASE_ENV} is not set: run one gateway only)`,
      close: async () => undefined,
    };
  const pool = sharedStatePool(url);
  const replays = await new PostgresReplayStore(pool, 'the gateway').createTable();
  const writes = await new WritePositions(pool).createTable();
  const keySets = await new PostgresKeySets(pool).createTable();
  const lookups = await new Promise<RateLimiterPostgres>((resolve, reject) => {
    const limiter: RateLimiterPostgres = new RateLimiterPostgres(
      // while the database does not answer, each gateway counts on its own rather than refusing everyone
      {
        storeClient: pool,
        storeType: 'pool',
        tableName: LOOKUPS_TABLE,
        points: lookupsPerMinute,
        duration: 60,
        clearExpiredByTimeout: true,
        insuranceLimiter: perProcess,
      },
      (error?: Error) => (error ? reject(error) : resolve(limiter)),
    );
  });
  return {
    replays,
    lookups,
    writes,
    keySets,
    where: 'the gateway database',
    close: () => {
      writes.close();
      void keySets.close();
      return replays.close();
    },
  };
}

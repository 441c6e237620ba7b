import DataLoader from 'dataloader';
import { Pool } from 'pg';
import { departmentUnavailable } from '../errors';
import { REPLAY_TABLE, REPLAY_TABLE_DDL } from '../db/replay-table';
import { databaseOutage } from '../db/unavailable';
import { GraphQLError } from 'graphql';

/**
 * Where the ids of capabilities already used are kept until they expire (a forwarded identity's `jti`, an asking-back
 * capability's id), so that each is accepted once by every process that shares the store — every replica of a
 * subgraph, every gateway — not once per process (docs/capabilities.md).
 */
export interface ReplayStore {
  /** true the first time `id` is offered (it is then remembered until `expiresAtMs`), false every time after */
  firstUse(id: string, expiresAtMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** ids offered within one tick go to the database as one INSERT (one round trip for all the requests of the moment) */
const INSERT = `insert into "${REPLAY_TABLE}" ("id", "expires_at") select * from unnest($1::text[], $2::timestamptz[]) on conflict ("id") do nothing returning "id"`;
const PRUNE = `delete from "${REPLAY_TABLE}" where "expires_at" < now()`;
const PRUNE_EVERY_MS = 30_000;

/**
 * The store in PostgreSQL: a subgraph's in its own department's database, the gateway's in its own (GATEWAY_DATABASE_URL).
 * An id is accepted when its row is inserted; a second insert of the same id, by any process, conflicts and is refused.
 * Its own small pool, so the check never waits behind the requests' transactions nor counts among their statements.
 */
export class PostgresReplayStore implements ReplayStore {
  private readonly batches: DataLoader<{ id: string; expiresAtMs: number }, boolean>;
  private readonly pruning: NodeJS.Timeout;

  /** `owner`: whose database it is, named in the error when it does not answer */
  constructor(
    readonly pool: Pool,
    private readonly owner: string,
  ) {
    this.batches = new DataLoader((offers) => this.insert(offers), { cache: false, maxBatchSize: 5000 });
    this.pruning = setInterval(() => void this.pool.query(PRUNE).catch(() => undefined), PRUNE_EVERY_MS).unref();
  }

  /** Creates the table where the process owns its database (the gateway's); departments get it from a migration. */
  async createTable(): Promise<this> {
    for (const statement of REPLAY_TABLE_DDL) await this.pool.query(statement);
    return this;
  }

  firstUse(id: string, expiresAtMs: number): Promise<boolean> {
    return this.batches.load({ id, expiresAtMs });
  }

  private async insert(offers: readonly { id: string; expiresAtMs: number }[]): Promise<boolean[]> {
    let rows: { id: string }[];
    try {
      ({ rows } = await this.pool.query<{ id: string }>({
        name: 'hub_replay_insert',
        text: INSERT,
        values: [offers.map((o) => o.id), offers.map((o) => new Date(o.expiresAtMs))],
      }));
    } catch (error) {
      const outage = databaseOutage(error);
      if (!outage) throw error;
      // no answer on whether it was used: refused, as an outage of the store's owner (the gateway retries nothing)
      const { message, extensions } = departmentUnavailable(this.owner, `its database: ${outage}`);
      // wrapping the driver's error: a subgraph that claims as its answer leaves withholds the answer as an outage too
      throw new GraphQLError(message, {
        originalError: error as Error,
        extensions: { ...extensions, http: { status: 503 } },
      });
    }
    // the same id twice in one batch: the INSERT keeps one row, the first offer wins
    const fresh = new Set(rows.map((r) => r.id));
    return offers.map((o) => fresh.delete(o.id));
  }

  async close(): Promise<void> {
    clearInterval(this.pruning);
    await this.pool.end();
  }
}

/** A small pool of its own for shared state (replay ids, rate limits): never waits behind the requests' transactions. */
export function sharedStatePool(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // an idle connection the server closes (a restart) is replaced on the next check; it must not end the process
  pool.on('error', () => undefined);
  return pool;
}

/**
 * The store in one process's memory: for a process that is the only one of its kind (the embedded hub's gateway when
 * GATEWAY_DATABASE_URL is not set) and for tests; never for replicas.
 */
export class MemoryReplayStore implements ReplayStore {
  private seen = new Map<string, number>();
  private prunedAt = 0;

  async firstUse(id: string, expiresAtMs: number): Promise<boolean> {
    const now = Date.now();
    // forgetting the expired ones once a second keeps this cheap under load
    if (now - this.prunedAt > 1000) {
      this.prunedAt = now;
      for (const [known, until] of this.seen) if (until < now) this.seen.delete(known);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, expiresAtMs);
    return true;
  }

  async close(): Promise<void> {}
}

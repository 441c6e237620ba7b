import type { Pool } from 'pg';
import { isLsn, parseLsn, READS_REPLICAS_HEADER, WRITTEN_AT_HEADER } from '../db/write-position';
import { throttledLog } from '../observability/log-throttle';

const TABLE = 'hub_write_positions';
const DDL = [
  `create table if not exists "${TABLE}" (
    "caller" text not null,
    "department" text not null,
    "lsn" pg_lsn not null,
    "written_at" timestamptz not null default now(),
    primary key ("caller", "department"))`,
];
const RECORD = `insert into "${TABLE}" ("caller", "department", "lsn") values ($1, $2, $3)
  on conflict ("caller", "department")
  do update set "lsn" = greatest("${TABLE}"."lsn", excluded."lsn"), "written_at" = now()`;
const POSITIONS = `select "department", "lsn"::text as "lsn" from "${TABLE}" where "caller" = $1`;
/**
 * A replica in rotation is at most HUB_REPLICA_MAX_LAG_MS (seconds) behind, so a write an hour old is on every one of
 * them: its row tells nothing any more.
 */
const PRUNE = `delete from "${TABLE}" where "written_at" < now() - interval '1 hour'`;
const PRUNE_EVERY_MS = 60_000;
const FORGET_AFTER_MS = 3_600_000;

const logTrouble = throttledLog(10_000);

type Positions = Map<string, { lsn: string; at: number }>;

/**
 * Gateway side of read-your-writes across processes (lib/db/write-position.ts): each caller's newest write position per
 * department that reads replicas. Kept in this process's memory and, when the gateway has its database
 * (GATEWAY_DATABASE_URL), there too, so that every gateway process forwards it. Costs nothing while no department reads
 * replicas: the departments say on their answers whether they do.
 */
export class WritePositions {
  /** departments whose answers say they read replicas: the caller's position is looked up only for these */
  private readonly tracked = new Set<string>();
  private readonly memory = new Map<string, Positions>();
  private readonly pruning?: NodeJS.Timeout;

  constructor(private readonly pool?: Pool) {
    if (pool) this.pruning = setInterval(() => void pool.query(PRUNE).catch(() => undefined), PRUNE_EVERY_MS).unref();
  }

  /** Creates the table in the gateway's database (it owns that database, as for the replay ids). */
  async createTable(): Promise<this> {
    for (const statement of DDL) await this.pool?.query(statement);
    return this;
  }

  /**
   * What a department's answer to `caller`'s request says: that it reads replicas, and where the primary's WAL stood
   * after the change the request committed. Kept before the gateway answers, so the caller's next request, through any
   * gateway process, finds it.
   */
  async answered(department: string, caller: string | undefined, headers: Pick<Headers, 'get'>): Promise<void> {
    if (headers.get(READS_REPLICAS_HEADER)) this.tracked.add(department);
    const lsn = headers.get(WRITTEN_AT_HEADER);
    if (caller === undefined || !isLsn(lsn)) return;
    this.remember(caller, department, lsn);
    try {
      await this.pool?.query({ name: 'hub_write_position_record', text: RECORD, values: [caller, department, lsn] });
    } catch (error) {
      // the change is saved and answered; only another gateway process may, for at most the lag bound, not know of it
      logTrouble('record', `[gateway] a write position could not be kept in the gateway database: ${reason(error)}`);
    }
  }

  /**
   * Where `caller`'s newest write to each department that reads replicas stands ('' for none lately); undefined while
   * no department reads replicas, or when the gateway's database does not answer (every read then goes to a primary).
   */
  async of(caller: string): Promise<Record<string, string> | undefined> {
    if (!this.tracked.size) return undefined;
    const known = new Map<string, string>();
    for (const [department, { lsn }] of this.memory.get(caller) ?? []) known.set(department, lsn);
    if (this.pool) {
      try {
        const { rows } = await this.pool.query<{ department: string; lsn: string }>({
          name: 'hub_write_position_of',
          text: POSITIONS,
          values: [caller],
        });
        for (const row of rows) known.set(row.department, newer(known.get(row.department), row.lsn));
      } catch (error) {
        logTrouble('of', `[gateway] write positions could not be read from the gateway database: ${reason(error)}`);
        return undefined;
      }
    }
    return Object.fromEntries([...this.tracked].map((department) => [department, known.get(department) ?? '']));
  }

  close(): void {
    clearInterval(this.pruning);
  }

  private remember(caller: string, department: string, lsn: string): void {
    const now = Date.now();
    let positions = this.memory.get(caller);
    if (!positions) this.memory.set(caller, (positions = new Map()));
    positions.set(department, { lsn: newer(positions.get(department)?.lsn, lsn), at: now });
    // callers in the order of their last write: the oldest are forgotten first
    this.memory.delete(caller);
    this.memory.set(caller, positions);
    for (const [oldest, kept] of this.memory) {
      if ([...kept.values()].some((p) => now - p.at < FORGET_AFTER_MS)) break;
      this.memory.delete(oldest);
    }
  }
}

const newer = (a: string | undefined, b: string) => (a !== undefined && parseLsn(a) > parseLsn(b) ? a : b);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

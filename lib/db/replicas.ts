import type { AbstractSqlConnection as Connection } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Gauge } from 'prom-client';
import { registry, sqlStatements } from '../metrics';
import { log } from '../observability/log';
import { requestCommitted, requestState } from './request-state';
import { connectionFailure } from './connection-failure';
import { parseLsn, READS_REPLICAS_HEADER, WRITTEN_AT_HEADER } from './write-position';

export { parseLsn } from './write-position';

/**
 * Reads past one primary (issue 24). MikroORM opens a pool per replica (its `replicas` option) and asks its driver for
 * a 'read' connection for every read outside a transaction; this module answers that question instead of its random
 * pick. A read goes to a replica only when all of these hold, else to the primary:
 * - it is part of a GraphQL request (health checks, start-up and anything outside a request read the primary);
 * - the request is not a mutation and has committed nothing (a write's own reads and answer are the primary's);
 * - the replica is in rotation: reachable, and at most HUB_REPLICA_MAX_LAG_MS and HUB_REPLICA_MAX_LAG_BYTES behind;
 * - read-your-writes: the replica has replayed past the caller's newest write to this department, in any process of it.
 *
 * Lag is measured by LSN, not by replay timestamps (which stand still on an idle primary and so look "late" while the
 * replica is caught up): every HUB_REPLICA_PROBE_MS the primary's WAL position is sampled, then each replica's replay
 * position. A replica whose replay has passed the sample taken at time t holds every transaction committed before t:
 * its lag is the age of the newest such sample, and it may serve a caller whose last write finished before t. The
 * caller's write needs no extra query; it waits (on the primary) at most one probe after the replica has replayed it.
 * The memory of who wrote when is this process's: a caller's next request reaching another process (pod) of the same
 * subgraph is bounded by the lag bound only (docs/operations.md).
 */

interface ReplicaTarget {
  name: string;
  connection: Connection;
  /** the time of the newest primary sample this replica has replayed past; undefined: none yet */
  caughtUpAt?: number;
  /** its replay position when last measured */
  replayed?: bigint;
  lagMs: number;
  lagBytes: number;
  inRotation: boolean;
  reason: string;
}

export interface ReplicaBounds {
  maxLagMs: number;
  maxLagBytes: number;
  probeMs: number;
}

const REPLAY_POSITION = 'select pg_last_wal_replay_lsn()::text as lsn';
/** where the primary's WAL ends now: past the commit record of every transaction committed before */
const WRITE_POSITION = 'select pg_current_wal_insert_lsn()::text as lsn';

interface Sample {
  at: number;
  lsn: bigint;
}

/**
 * How far a replica that replayed up to `replayed` is behind, given the primary's samples (oldest first, the last one
 * taken just before the replica was asked): the time of the newest sample it has passed (undefined: none kept), its
 * lag in ms from the newest sample's time, and in bytes from the newest sample's position.
 */
export function lagOf(
  samples: readonly Sample[],
  replayed: bigint,
): { caughtUpAt: number | undefined; lagMs: number; lagBytes: number } {
  const newest = samples[samples.length - 1];
  const passed = [...samples].reverse().find((s) => s.lsn <= replayed);
  const lagBytes = replayed >= newest.lsn ? 0 : Number(newest.lsn - replayed);
  return {
    caughtUpAt: passed?.at,
    lagMs: passed ? newest.at - passed.at : Number.POSITIVE_INFINITY,
    lagBytes,
  };
}

const replicaReads = new Counter({
  name: 'hub_db_replica_reads_total',
  help: 'Reads of requests sent to each read replica (one per statement; the rest go to the primary)',
  labelNames: ['replica'],
  registers: [registry],
});
const replicaLag = new Gauge({
  name: 'hub_db_replica_lag_seconds',
  help: 'How far each read replica is behind its primary (age of the newest primary position it has replayed)',
  labelNames: ['replica'],
  registers: [registry],
});
const replicaInRotation = new Gauge({
  name: 'hub_db_replica_in_rotation',
  help: 'Whether each read replica is served reads (1) or taken out of rotation (0)',
  labelNames: ['replica'],
  registers: [registry],
});

export class ReplicaRouter {
  private samples: Sample[] = [];
  private timer?: NodeJS.Timeout;
  private probing?: Promise<void>;

  constructor(
    private readonly primary: Connection,
    private readonly replicas: ReplicaTarget[],
    private readonly bounds: ReplicaBounds,
  ) {}

  /** Routes `orm`'s reads (its driver's `replicas`, one per URL in `names`' order) and starts probing them. */
  static install(orm: MikroORM, names: string[], bounds: ReplicaBounds): ReplicaRouter {
    const driver = orm.em.getDriver() as unknown as {
      replicas: Connection[];
      getConnection(type?: 'read' | 'write'): Connection;
    };
    const primary = driver.getConnection('write');
    const router = new ReplicaRouter(
      primary,
      driver.replicas.map((connection, i) => ({
        name: names[i],
        connection,
        lagMs: Number.POSITIVE_INFINITY,
        lagBytes: Number.POSITIVE_INFINITY,
        inRotation: false,
        reason: 'not measured yet',
      })),
      bounds,
    );
    driver.getConnection = (type = 'write') => (type === 'write' ? primary : router.pick());
    for (const [i, connection] of driver.replicas.entries()) {
      const knex = connection.getKnex();
      // the lag probe is not a read of the department's
      knex.on('query', (query: { sql: string }) => void (query.sql !== REPLAY_POSITION && sqlStatements.inc()));
      // one connection taken per read outside a transaction (ORM or prepared statement); the probe runs outside requests
      const client = knex.client as { acquireConnection(): Promise<unknown> };
      const acquire = client.acquireConnection.bind(client);
      client.acquireConnection = () => {
        if (requestState()) replicaReads.inc({ replica: names[i] });
        return acquire();
      };
    }
    router.start();
    return router;
  }

  /** The connection a read goes to now (see the module's comment). */
  pick(): Connection {
    const request = requestState();
    if (!request || request.primary || request.committed || request.writtenAt === undefined) return this.primary;
    const wrote = request.writtenAt;
    const eligible = this.replicas.filter((r) => r.inRotation && r.replayed !== undefined && r.replayed >= wrote);
    if (!eligible.length) return this.primary;
    return eligible[Math.floor(Math.random() * eligible.length)].connection;
  }

  /**
   * Where the request's caller last wrote to this department, as the gateway forwarded it: a WAL position, '' for no
   * write lately, undefined when the gateway did not say (its reads then go to the primary).
   */
  static enter(writtenAt: string | undefined): void {
    const request = requestState();
    if (request && writtenAt !== undefined) request.writtenAt = writtenAt === '' ? 0n : parseLsn(writtenAt);
  }

  /** The request is a mutation: every read of it is the primary's (it decides on what it reads). */
  static readPrimary(): void {
    const request = requestState();
    if (request) request.primary = true;
  }

  /**
   * The request is answered: the answer says this department reads replicas, and, when the request committed a change,
   * where the primary's WAL stood after it (the gateway forwards it with the caller's next requests).
   */
  async answered(headers: { set(name: string, value: string): unknown }): Promise<void> {
    headers.set(READS_REPLICAS_HEADER, '1');
    if (!requestCommitted()) return;
    try {
      const [row] = await this.primary.execute<{ lsn: string }[]>(WRITE_POSITION);
      headers.set(WRITTEN_AT_HEADER, row.lsn);
    } catch (error) {
      // the change is saved; only the caller's next read on another process may miss it, for at most the lag bound
      log.warn({ reason: connectionFailure(error) }, 'the write position after a change could not be read');
    }
  }

  /** Where each replica stands (for /health). */
  states(): { name: string; inRotation: boolean; lagMs: number | null; lagBytes: number | null; reason: string }[] {
    return this.replicas.map((r) => ({
      name: r.name,
      inRotation: r.inRotation,
      lagMs: Number.isFinite(r.lagMs) ? r.lagMs : null,
      lagBytes: Number.isFinite(r.lagBytes) ? r.lagBytes : null,
      reason: r.reason,
    }));
  }

  /** Measures every replica once now (the probe also runs on its own every HUB_REPLICA_PROBE_MS). */
  probe(): Promise<void> {
    this.probing ??= this.measure().finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.probing ?? Promise.resolve();
  }

  private start(): void {
    void this.probe();
    this.timer = setInterval(() => void this.probe(), this.bounds.probeMs);
    this.timer.unref();
  }

  private async measure(): Promise<void> {
    const at = Date.now();
    try {
      const [row] = await this.primary.execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn');
      this.samples.push({ at, lsn: parseLsn(row.lsn) });
    } catch (_error) {
      // the primary does not answer (its outage is reported by the requests and /health): a replica keeps serving
      // reads only while what it last had replayed is within the time bound
      for (const replica of this.replicas) {
        const lagMs = replica.caughtUpAt === undefined ? Number.POSITIVE_INFINITY : at - replica.caughtUpAt;
        this.settle(replica, {
          lagMs,
          inRotation: replica.inRotation && lagMs <= this.bounds.maxLagMs,
          reason: 'primary unreachable: lag counted from the last measure',
        });
      }
      return;
    }
    // keep the samples a replica within the bound can have passed, and one older (to tell how far beyond it is)
    const horizon = at - this.bounds.maxLagMs - 2 * this.bounds.probeMs;
    while (this.samples.length > 2 && this.samples[1].at < horizon) this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.measureReplica(r)));
  }

  private async measureReplica(replica: ReplicaTarget): Promise<void> {
    try {
      const [row] = await replica.connection.execute<{ lsn: string | null }[]>(REPLAY_POSITION);
      if (row.lsn === null) {
        this.settle(replica, { inRotation: false, reason: 'not a standby (pg_last_wal_replay_lsn is null)' });
        return;
      }
      const replayed = parseLsn(row.lsn);
      const lag = lagOf(this.samples, replayed);
      const within = lag.lagMs <= this.bounds.maxLagMs && lag.lagBytes <= this.bounds.maxLagBytes;
      this.settle(replica, {
        ...lag,
        replayed,
        inRotation: within,
        reason: within ? 'in rotation' : `behind by ${describeLag(lag.lagMs, lag.lagBytes)}`,
      });
    } catch (error) {
      this.settle(replica, { inRotation: false, reason: `unreachable: ${connectionFailure(error)}` });
    }
  }

  /** A replica's new state, in /metrics, and in the log when it enters or leaves the rotation. */
  private settle(replica: ReplicaTarget, next: Partial<ReplicaTarget>): void {
    const before = replica.inRotation;
    Object.assign(replica, next);
    replicaLag.set({ replica: replica.name }, Number.isFinite(replica.lagMs) ? replica.lagMs / 1000 : -1);
    replicaInRotation.set({ replica: replica.name }, replica.inRotation ? 1 : 0);
    if (before !== replica.inRotation)
      log.warn(
        { replica: replica.name, inRotation: replica.inRotation, reason: replica.reason },
        replica.inRotation ? 'read replica back in rotation' : 'read replica taken out of rotation',
      );
  }
}

function describeLag(ms: number, bytes: number): string {
  const time = Number.isFinite(ms) ? `${ms} ms` : 'more than the kept samples';
  return `${time}, ${bytes} bytes of WAL`;
}

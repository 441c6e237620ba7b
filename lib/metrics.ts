import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process, served at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** SQL statements sent to the department's database (benchmarks and N+1 tests read it). */
export const sqlStatements = new Counter({
  name: 'hub_sql_statements_total',
  help: 'SQL statements sent to this department database',
  registers: [registry],
});

/** Audit INSERTs and the rows they carried: rows ÷ INSERTs is how many requests' rows a commit serves. */
export const auditBatches = new Counter({
  name: 'hub_audit_inserts_total',
  help: 'INSERT statements (and commits) written to this department audit log',
  registers: [registry],
});

export const auditRows = new Counter({
  name: 'hub_audit_rows_total',
  help: 'Rows written to this department audit log',
  registers: [registry],
});

/** Latency of each GraphQL request by operation name: its count is the request rate (`rate(..._count[1m])`). */
export const requestDuration = new Histogram({
  name: 'hub_graphql_request_duration_seconds',
  help: 'GraphQL requests answered by this process, by operation name, and how long each took',
  labelNames: ['operation'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Errors in GraphQL answers by their `extensions.code`. */
export const graphqlErrors = new Counter({
  name: 'hub_graphql_errors_total',
  help: 'Errors in the GraphQL answers of this process, by extensions.code',
  labelNames: ['code'],
  registers: [registry],
});

/** What a request waits for its audit rows to be committed (the group commit included). */
export const auditWriteDuration = new Histogram({
  name: 'hub_audit_write_duration_seconds',
  help: 'Time from a request handing over its audit rows to their commit',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});

/** The gateway's fetches from each department, by department and outcome. */
export const subgraphFetchDuration = new Histogram({
  name: 'hub_subgraph_fetch_duration_seconds',
  help: 'Requests of the gateway to each subgraph, and how long each took',
  labelNames: ['subgraph', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Pooled connections asked for while the same request held a transaction (a bug: lib/writes/unit-of-work.ts). */
export const poolAcquiredInTransaction = new Counter({
  name: 'hub_db_pool_acquired_in_transaction_total',
  help: 'Second pooled connections asked for while a request held a transaction (should stay 0)',
  registers: [registry],
});

/** How long requests waited for a pooled connection, and how many were refused as OVERLOADED after waiting. */
export const poolWaitDuration = new Histogram({
  name: 'hub_db_pool_wait_seconds',
  help: 'Time a request waited for a connection of this department database pool',
  labelNames: ['outcome'],
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}
/** how to find each watched pool when /metrics is scraped (a pool that is rebuilt is read anew) */
const pools: (() => Pool | undefined)[] = [];

// registered with the first pool watched: the gateway has no department pool, so it exports no such gauge
const poolConnections = new Gauge({
  name: 'hub_db_pool_connections',
  help: 'Connections of this department database pool: in use, idle, and requests waiting for one',
  labelNames: ['state'],
  registers: [],
  collect() {
    const sum = (read: (pool: Pool) => number) => pools.reduce((n, pool) => n + (pool() ? read(pool()!) : 0), 0);
    this.set(
      { state: 'used' },
      sum((p) => p.numUsed()),
    );
    this.set(
      { state: 'free' },
      sum((p) => p.numFree()),
    );
    this.set(
      { state: 'pending' },
      sum((p) => p.numPendingAcquires()),
    );
  },
});

/** Counts a database pool (tarn, under knex) in hub_db_pool_connections. */
export function watchPool(pool: () => Pool | undefined): void {
  if (!pools.length) registry.registerMetric(poolConnections);
  pools.push(pool);
}

/**
 * Label values a client can influence (operation names, error codes) are kept to a bounded set, so no client can grow
 * the registry without end: the first `max` values keep their own series, later ones share "other".
 */
function boundedLabel(max: number, fallback: string): (value: string | null | undefined) => string {
  const seen = new Set<string>();
  return (value) => {
    const label = value || fallback;
    if (seen.has(label)) return label;
    if (seen.size >= max || label.length > 100) return 'other';
    seen.add(label);
    return label;
  };
}

export const operationLabel = boundedLabel(200, 'anonymous');
export const errorCodeLabel = boundedLabel(50, 'NONE');

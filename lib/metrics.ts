import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

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

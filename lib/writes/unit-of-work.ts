import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { insertAuditRows } from '../db/audit-writer';
import type { RequestContext } from '../context';
import { log } from '../observability/log';
import { poolExhausted } from '../db/unavailable';
import { markRequestCommitted, requestCommitted } from '../db/request-state';
import { ScopedStorage, switchOffOrmTransactionStorage } from '../db/scoped-storage';
import { poolAcquiredInTransaction, poolWaitDuration } from '../metrics';

/**
 * One unit of work = one transaction = one connection.
 *
 * A mutation's transaction holds one pooled connection from BEGIN to COMMIT. Anything that needs a second connection
 * meanwhile (a loader of the request, a prepared lookup, the audit INSERT) waits for the pool while holding the first:
 * with as many such transactions open as the pool has connections, none gets its second one and the department
 * starves (issue 18). So inside `inTransaction` the resolver gets a context whose EntityManager, loaders and prepared
 * statements all run on the transaction's connection, the change's audit rows are written on it and commit with it,
 * and asking the graph back (HTTP) is refused: it belongs before the transaction opens.
 */
const holding = new ScopedStorage<{ department: string }>();
/** transactions of this process open now (or opening): MikroORM's transaction storage is switched off at none */
let openTransactions = 0;

/** How long a request that committed a change keeps waiting for the connections its answer and audit rows need. */
const COMMITTED_PATIENCE_MS = 8_000;

/**
 * Runs `attempt`, and — once the request has committed a change — tries again while the pool is exhausted, up to
 * COMMITTED_PATIENCE_MS: an acknowledged change must be answered, so the reads of its answer and its audit rows wait
 * for a connection rather than fail the answer of a write that is already saved (a client would retry it, or give up on
 * a record that exists). A request that has written nothing is refused early as OVERLOADED instead.
 */
export async function patientOnceCommitted<T>(attempt: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!requestCommitted() || !poolExhausted(error) || Date.now() - started > COMMITTED_PATIENCE_MS) throw error;
    }
  }
}

/** Whether the code running now is inside a request's transaction. */
export const holdsTransaction = (): boolean => holding.get() !== undefined;

/** Refuses slow work (HTTP, asking back) while a transaction holds a connection; `what` says what was attempted. */
export function refuseWhileHoldingTransaction(what: string): void {
  if (holdsTransaction())
    throw new Error(`${what} inside a transaction: do it before the transaction opens (lib/writes/unit-of-work.ts)`);
}

/**
 * Runs `work` in one transaction with a context bound to it: `tx.em` is the transaction's EntityManager, `tx.loaders`
 * fresh loaders reading through it. The audit rows gathered so far commit with the change (an acknowledged change is
 * never without its trace, and a rolled-back one leaves only the attempt, written at the end of the request). After the
 * commit the request's own loaders are emptied: they may hold what the transaction changed. Nested calls join the
 * transaction they are in.
 */
export async function inTransaction<C extends RequestContext, T>(ctx: C, work: (tx: C) => Promise<T>): Promise<T> {
  if (ctx.em.isInTransaction()) return work(ctx);
  let auditWritten = false;
  openTransactions++;
  try {
    const result = await ctx.em.transactional((em: EntityManager) =>
      holding.run({ department: ctx.identity.department }, async () => {
        const tx = { ...ctx, em, loaders: ctx.loadersFor(em) } as C;
        const answer = await work(tx);
        await insertAuditRows(em, await ctx.audit.take());
        auditWritten = true;
        return answer;
      }),
    );
    clearLoaders(ctx.loaders);
    markRequestCommitted();
    return result;
  } catch (error) {
    if (auditWritten) ctx.audit.restore();
    throw error;
  } finally {
    if (--openTransactions === 0) switchOffOrmTransactionStorage();
  }
}

function clearLoaders(loaders: unknown): void {
  for (const loader of Object.values((loaders ?? {}) as Record<string, unknown>))
    if (loader instanceof DataLoader) loader.clearAll();
}

/**
 * Times every wait for a pooled connection (hub_db_pool_wait_seconds), and makes a second pooled connection taken while
 * the same request holds a transaction a bug that cannot go unnoticed: refused in development and tests (`strict`),
 * counted and logged in production (where refusing would fail a request that may still succeed). The transaction's own
 * statements never reach the pool: knex's transaction client hands out only the transaction's connection.
 */
export function instrumentPool(knex: Knex, department: string, strict: boolean): void {
  const client = knex.client as { acquireConnection(): Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async function acquireConnection() {
    const held = holding.get();
    if (held) {
      poolAcquiredInTransaction.inc();
      const message = `${department}: a second pooled connection was asked for while this request holds a transaction — read through the transaction's context (tx.em, tx.loaders) or before it opens`;
      if (strict) throw new Error(message);
      log.warn({ department }, message);
    }
    const end = poolWaitDuration.startTimer();
    try {
      const connection = await patientOnceCommitted(acquire);
      end({ outcome: 'acquired' });
      return connection;
    } catch (error) {
      end({ outcome: 'refused' });
      throw error;
    }
  };
}

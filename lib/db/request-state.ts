import { Counter } from 'prom-client';
import { registry } from '../metrics';
import { ScopedStorage } from './scoped-storage';

/**
 * One request's state that parts of it read without being handed the request: whether it has committed a change
 * (marked by the unit of work, lib/writes/unit-of-work.ts, when its transaction commits; read by the pool, which waits
 * longer for an acknowledged change) and where its reads may go (lib/db/replicas.ts).
 *
 * It lives in an AsyncLocalStorage, which costs every promise of the process while it is on (lib/db/scoped-storage.ts),
 * so a request gets a scope only when it can use one (`needsRequestScope`): a document that can be a change, or any
 * request of a department that reads replicas. A read elsewhere has nothing to keep here: it commits nothing and reads
 * the primary.
 */
export interface RequestState {
  committed: boolean;
  /** every read of the request is the primary's (a mutation) */
  primary: boolean;
  /** the WAL position a replica must have replayed (0: the caller wrote nothing lately); undefined: not told */
  writtenAt?: bigint;
}

const request = new ScopedStorage<RequestState>();
const scopesOpened = new Counter({
  name: 'hub_request_scopes_total',
  help: 'GraphQL requests given a scope of their own (a document that can be a change, or any request of a department that reads replicas)',
  registers: [registry],
});

/** The state of the request running now; undefined outside a request's scope. */
export const requestState = (): RequestState | undefined => request.get();

/**
 * Whether a request with this JSON body needs a scope. Only a document with the word `mutation` in it can hold a
 * change (a query's shorthand `{ … }` is never one), so anything else — a batch, a body without a document — gets one.
 */
export function needsRequestScope(body: unknown, readsReplicas: boolean): boolean {
  if (readsReplicas) return true;
  const query = (body as { query?: unknown } | null)?.query;
  return typeof query !== 'string' || query.includes('mutation');
}

/**
 * Runs what follows (`next`) in a scope of its own until the response is closed, when the request needs one (see
 * `needsRequestScope`); else runs it as it is.
 */
export function requestScope(
  res: { once(event: 'close', listener: () => void): unknown },
  needed: boolean,
  next: () => void,
): void {
  if (!needed) {
    next();
    return;
  }
  scopesOpened.inc();
  res.once('close', request.enter({ committed: false, primary: false }, next));
}

/** Whether the request running now has committed a change (its answer must then not turn into a failure). */
export const requestCommitted = (): boolean => request.get()?.committed === true;

/** Records that the request running now has committed a change. */
export function markRequestCommitted(): void {
  const scope = request.get();
  if (scope) scope.committed = true;
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One request's state that every part of it shares: whether it has committed a change. Set around each GraphQL request
 * (`requestScope`, mounted by the subgraph server), marked by the unit of work (lib/writes/unit-of-work.ts) when its
 * transaction commits, read by the pool (which waits longer for an acknowledged change) and the replica router (a
 * request that wrote reads the primary).
 */
const request = new AsyncLocalStorage<{ committed: boolean }>();

/** Express middleware: what follows runs in a request scope of its own. */
export const requestScope = (_req: unknown, _res: unknown, next: () => void): void =>
  request.run({ committed: false }, next);

/** Whether the request running now has committed a change (its answer must then not turn into a failure). */
export const requestCommitted = (): boolean => request.getStore()?.committed === true;

/** Records that the request running now has committed a change. */
export function markRequestCommitted(): void {
  const scope = request.getStore();
  if (scope) scope.committed = true;
}

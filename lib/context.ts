import type { EntityManager } from '@mikro-orm/postgresql';

/** What every resolver of every subgraph receives: its own EntityManager fork and its own loaders. */
export interface RequestContext<Loaders = unknown> {
  /** fork of the department's EntityManager for this request only */
  em: EntityManager;
  /** DataLoaders created for this request (batched, cached for the request's lifetime only) */
  loaders: Loaders;
  /** ties this department's work (and audit rows) to the gateway's request */
  requestId: string;
}

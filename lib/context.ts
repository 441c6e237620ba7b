import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditCollector } from './audit/collector';
import type { ForwardedIdentity } from './auth/forwarded';

/** What every resolver of every subgraph receives. */
export interface RequestContext<Loaders = unknown> {
  /** the request's id (X-Request-Id, as the gateway sent it): in every log line about it */
  requestId: string;
  /** fork of the department's EntityManager for this request only */
  em: EntityManager;
  /** DataLoaders created for this request (batched, cached for the request's lifetime only) */
  loaders: Loaders;
  /** the same loaders over another EntityManager (a transaction's: lib/writes/unit-of-work.ts) */
  loadersFor: (em: EntityManager) => Loaders;
  /** who is asking, as signed by the gateway and verified here */
  identity: ForwardedIdentity;
  /** personal reads and changes of this request, written to the department's audit log at the end */
  audit: AuditCollector;
  /** a mutation's capability to ask the graph back as this caller (lib/graph/ask.ts), if the gateway gave one */
  callback: string | null;
  /** scope decisions already taken in this request, per record object */
  scopeDecisions: WeakMap<object, boolean>;
}

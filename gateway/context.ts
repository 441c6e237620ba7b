import type { ForwardedIdentity } from '../lib/auth/forwarded';

export interface GatewayContext {
  requestId: string;
  /** null when the request carries no token: only public fields may then be asked */
  identity: ForwardedIdentity | null;
  /** set when a department asks the graph back for the caller it serves: only registered documents may run */
  callbackFrom?: string;
  /** the identity as forwarded to subgraphs (with the operation name), once the operation is known */
  forwarded?: ForwardedIdentity;
  operationType?: 'query' | 'mutation' | 'subscription';
  /** the client's address (what the public lookups are rate-limited by) */
  clientIp?: string;
}

import type { ForwardedIdentity } from '../lib/auth/forwarded';

export interface GatewayContext {
  requestId: string;
  /** null when the request carries no token: only public fields may then be asked */
  identity: ForwardedIdentity | null;
  /** the identity signed for subgraphs, made once per request */
  signedIdentity?: Promise<string>;
}

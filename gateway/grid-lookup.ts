import type { IdentityForwarder } from '../lib/auth/forwarded';
import type { Identity } from '../lib/auth/identity';
import { askAsCaller } from './ask-as-caller';

export interface GridLookup {
  requestId: string;
  purpose: string;
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Asks grid itself about its (non-personal) region tree as `identity` with an empty scope, signed as the gateway signs
 * every forwarded request. The gateway resolves a token's scope so, and the development login finds the district so:
 * neither can ask through the gateway, which refuses a token whose scope covers nothing.
 */
export async function askGrid<T>(forwarder: IdentityForwarder, identity: Identity, lookup: GridLookup): Promise<T> {
  const answer = await askAsCaller<T>(forwarder, identity, { department: 'grid', ...lookup });
  if (!answer.data)
    throw new Error(
      `grid could not answer ${lookup.operationName}: ${answer.errors?.map((e) => e.message).join('; ')}`,
    );
  return answer.data;
}

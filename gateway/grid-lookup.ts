import { type ForwardedIdentity, IDENTITY_HEADER, type IdentityForwarder } from '../lib/auth/forwarded';
import type { Identity } from '../lib/auth/identity';
import { NO_SCOPE } from '../lib/auth/scope';
import { subgraphUrl } from '../lib/config/settings';

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
  const asking: ForwardedIdentity = {
    ...identity,
    resolvedScope: NO_SCOPE,
    purpose: lookup.purpose,
    requestId: lookup.requestId,
    operationName: lookup.operationName,
  };
  const body = JSON.stringify({ query: lookup.query, variables: lookup.variables });
  const res = await fetch(subgraphUrl('grid'), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await forwarder.header(asking, { recipient: 'grid', body }),
    },
    body,
    signal: AbortSignal.timeout(5000),
  });
  const answer = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!answer.data)
    throw new Error(
      `grid could not answer ${lookup.operationName}: ${answer.errors?.map((e) => e.message).join('; ')}`,
    );
  return answer.data;
}

import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CALLBACK_HEADER, signCallback } from '../lib/auth/callback';
import { type ForwardedIdentity, IDENTITY_HEADER, type IdentityForwarder } from '../lib/auth/forwarded';
import { REQUEST_ID_HEADER } from '../lib/observability/request-id';
import type { GatewayContext } from './context';

type SigningKey = Parameters<typeof signCallback>[1];
type SendRequest = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];

/** Set by the data source, consumed by the fetcher: never leaves the gateway. */
const PENDING = 'x-hub-pending-identity';

interface Pending {
  identity: ForwardedIdentity;
  /** a mutation's request also carries the capability to ask the graph back (lib/auth/callback.ts) */
  callback: boolean;
}

/**
 * Hands the request's verified identity to the fetcher, which signs it over the exact body it sends: Apollo builds the
 * body after `willSendRequest`, so only the fetcher sees the bytes the identity must be bound to.
 */
export class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: SendRequest) {
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (!context.forwarded) return;
    const pending: Pending = { identity: context.forwarded, callback: context.operationType === 'mutation' };
    request.http?.headers.set(PENDING, Buffer.from(JSON.stringify(pending)).toString('base64url'));
  }
}

/** A fetch for one subgraph that replaces the pending identity with one bound to that subgraph and that body. */
export function signingFetcher(recipient: string, forwarder: IdentityForwarder, key: SigningKey, send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const headers = { ...(init?.headers as Record<string, string>) };
    const pending = headers[PENDING];
    delete headers[PENDING];
    if (pending) {
      const { identity, callback } = JSON.parse(Buffer.from(pending, 'base64url').toString('utf8')) as Pending;
      headers[IDENTITY_HEADER] = await forwarder.header(identity, { recipient, body: String(init?.body ?? '') });
      if (callback) headers[CALLBACK_HEADER] = await signCallback(identity, key, recipient);
    }
    return send(input, { ...init, headers });
  };
}

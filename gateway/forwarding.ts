import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CALLBACK_HEADER, signCallback } from '../lib/auth/callback';
import { type ForwardedIdentity, IDENTITY_HEADER, type IdentityForwarder } from '../lib/auth/forwarded';
import { REQUEST_ID_HEADER } from '../lib/observability/request-id';
import { type AskBackPolicy, callbackPurpose } from './ask-back';
import type { GatewayContext } from './context';
import { throttledLog } from '../lib/observability/log-throttle';
import { onEntityFields, outageReason, unavailableAnswer } from './department-down';

const logOutage = throttledLog(10_000);

type SigningKey = Parameters<typeof signCallback>[1];
type SendRequest = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];
type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];

/** Set by the data source, consumed by the fetcher: never leaves the gateway. */
const PENDING = 'x-hub-pending-identity';

interface Pending {
  identity: ForwardedIdentity;
  /** a mutation's request may also carry the capability to ask the graph back (lib/auth/callback.ts) */
  callback: boolean;
}

/**
 * Hands the request's verified identity to the fetcher, which signs it over the exact body it sends: Apollo builds the
 * body after `willSendRequest`, so only the fetcher sees the bytes the identity must be bound to.
 */
export class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** the subgraph's name (a department's, or the cohort planner's) */
  readonly name: string;

  constructor({
    name,
    ...config
  }: NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0]> & { name: string }) {
    super(config);
    this.name = name;
  }

  /** A department that is down answers nothing, with DEPARTMENT_UNAVAILABLE on each field asked of it. */
  override async process(options: ProcessOptions) {
    try {
      return onEntityFields(
        await super.process(options),
        options.request,
        'document' in options ? options.document : undefined,
      );
    } catch (error) {
      const reason = outageReason(error);
      if (!reason) throw error;
      logOutage(`${this.name}: ${reason}`, `[gateway] ${this.name} is unavailable: ${reason}`);
      const document = 'document' in options ? options.document : undefined;
      return unavailableAnswer(this.name, options.request, document, reason) as Awaited<
        ReturnType<RemoteGraphQLDataSource['process']>
      >;
    }
  }

  override willSendRequest({ request, context }: SendRequest) {
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (!context.forwarded) return;
    const pending: Pending = { identity: context.forwarded, callback: context.operationType === 'mutation' };
    request.http?.headers.set(PENDING, Buffer.from(JSON.stringify(pending)).toString('base64url'));
  }
}

/**
 * A fetch for one subgraph that replaces the pending identity with one bound to that subgraph and that body, and, for
 * a mutation of its own that asks back, the capability to do so (gateway/ask-back.ts).
 */
export function signingFetcher(
  recipient: string,
  forwarder: IdentityForwarder,
  key: SigningKey,
  askBack: AskBackPolicy,
  send: typeof fetch,
): typeof fetch {
  return async (input, init) => {
    const headers = { ...(init?.headers as Record<string, string>) };
    const pending = headers[PENDING];
    delete headers[PENDING];
    if (!pending) return send(input, { ...init, headers });
    const { identity, callback } = JSON.parse(Buffer.from(pending, 'base64url').toString('utf8')) as Pending;
    const body = String(init?.body ?? '');
    headers[IDENTITY_HEADER] = await forwarder.header(identity, { recipient, body });
    const purpose = callback ? callbackPurpose(askBack, recipient, body) : null;
    if (purpose) headers[CALLBACK_HEADER] = await signCallback(identity, key, recipient, purpose);
    const response = await send(input, { ...init, headers });
    // a change it committed: where the caller's next reads must find it (lib/auth/write-positions.ts)
    await forwarder.writes.answered(recipient, identity.subject, response.headers);
    return response;
  };
}

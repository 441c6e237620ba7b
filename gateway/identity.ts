import { GraphQLError } from 'graphql';
import { CALLBACK_HEADER, type CallbackVerifier } from '../lib/auth/callback';
import { unauthenticated } from '../lib/auth/identity';
import { type UserTokenConfig, verifyUserToken } from '../lib/auth/user-token';
import type { GatewayContext } from './context';
import type { ScopeResolver } from './scope';
import type { ResidentLookup } from './resident';
import { isResident } from '../lib/auth/resident';

const MAX_PURPOSE = 200;

/** What the gateway reads of a request to know its caller: Express's request, or Node's with its parsed body. */
export interface CallerRequest {
  header(name: string): string | undefined;
  body?: unknown;
}

/** The stated purpose of a request (X-Purpose): the case or event it serves, e.g. "低保复核 2026-118". */
function purposeOf(req: CallerRequest): string | null {
  const raw = req.header('x-purpose');
  if (!raw) return null;
  // percent-encoded so Chinese text survives HTTP headers; taken as sent when it is not valid encoding
  let purpose = raw;
  try {
    purpose = decodeURIComponent(raw);
  } catch {
    // keep the raw value
  }
  purpose = purpose.trim();
  if (purpose.length > MAX_PURPOSE) {
    // thrown while Apollo Server builds the context: only extensions.http makes it a 400 rather than a 500
    throw new GraphQLError(
      `X-Purpose must be at most ${MAX_PURPOSE} characters; got ${purpose.length}: name the case or event, e.g. "低保复核 2026-118"`,
      {
        extensions: { code: 'BAD_USER_INPUT', field: 'X-Purpose', http: { status: 400 } },
      },
    );
  }
  return purpose || null;
}

export interface Verifiers {
  tokens: UserTokenConfig;
  scopes: ScopeResolver;
  residents: ResidentLookup;
  callbacks: CallbackVerifier;
}

/**
 * Who is asking, verified: no identity without an Authorization header (the operation rules then decide whether that
 * is enough); UNAUTHENTICATED for an expired, forged or malformed token. A department asking back for the caller it
 * serves (lib/auth/callback.ts) is that caller, in that caller's request.
 */
export async function identify(req: CallerRequest, verifiers: Verifiers, requestId: string): Promise<GatewayContext> {
  const callback = req.header(CALLBACK_HEADER);
  if (callback) {
    const { callbackFrom, ...identity } = await verifiers.callbacks.verify(
      callback,
      (req.body ?? {}) as { query?: unknown; variables?: unknown },
    );
    return { requestId: identity.requestId || requestId, identity, callbackFrom };
  }
  if (!req.header('authorization')) return { requestId, identity: null };
  const token = await verifyUserToken(req.header('authorization'), verifiers.tokens);
  // a resident's token names a person; population says which register entry (gateway/resident.ts)
  const resident = isResident(token);
  const identity = resident ? await verifiers.residents.confirm(token, requestId) : token;
  // an official's token whose scope covers nothing would answer every query empty (totalCount 0): refused, saying what
  // is missing (a resident's scope is their own register entry, not regions)
  if (!resident && !identity.scope.length)
    throw unauthenticated(
      'your token has no data scope: it names no region whose records you may see; mint one with a scope (npm run token -- … --scope <regionId>)',
    );
  const resolvedScope = await verifiers.scopes.resolve(identity, requestId);
  if (!resident && !resolvedScope.all && !resolvedScope.codePrefixes.length && !resolvedScope.buildingIds.length)
    throw unauthenticated(
      `your token's data scope covers nothing: grid's region tree has none of its regions (${identity.scope.join(', ')}), or they hold no buildings; mint one with a region that exists (npm run token -- … --scope <regionId>)`,
    );
  return {
    requestId,
    identity: { ...identity, resolvedScope, purpose: purposeOf(req), requestId, operationName: null },
  };
}

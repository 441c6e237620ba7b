import type { Request } from 'express';
import { type ForwardedIdentity } from '../lib/auth/forwarded';
import { GraphQLError } from 'graphql';
import { type UserTokenConfig, verifyUserToken } from '../lib/auth/user-token';
import type { ScopeResolver } from './scope';

const MAX_PURPOSE = 200;

/** The stated purpose of a request (X-Purpose): the case or event it serves, e.g. "低保复核 2026-118". */
function purposeOf(req: Request): string | null {
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
    throw new GraphQLError(`X-Purpose must be at most ${MAX_PURPOSE} characters; got ${purpose.length}: name the case or event, e.g. "低保复核 2026-118"`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'X-Purpose', http: { status: 400 } },
    });
  }
  return purpose || null;
}

/**
 * Who is asking, verified: null without an Authorization header (the operation rules then decide whether that
 * is enough); UNAUTHENTICATED for an expired, forged or malformed token.
 */
export async function identify(req: Request, config: UserTokenConfig, scopes: ScopeResolver, requestId: string): Promise<ForwardedIdentity | null> {
  if (!req.header('authorization')) return null;
  const identity = await verifyUserToken(req.header('authorization'), config);
  const resolvedScope = await scopes.resolve(identity, requestId);
  return { ...identity, resolvedScope, purpose: purposeOf(req), requestId, operationName: null };
}

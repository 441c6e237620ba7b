import { randomUUID } from 'node:crypto';
import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { audienceOf, type ForwardedIdentity, ReplayGuard } from './forwarded';
import { identityFromClaims, unauthenticated } from './identity';
import type { ResolvedScope } from './scope';

/**
 * A department asking the graph back on behalf of the caller it is serving (RFC 8693's "on behalf of"): civil
 * affairs, before recording an application, asks population where the applicant lives, with the caller's own
 * identity and data scope, so population decides what the caller may see. The gateway hands a department this
 * capability only while it serves a mutation; it is good once, for a few seconds, and only for the hub's registered
 * documents (gateway/trusted-documents.json), so a captured copy cannot run an arbitrary query.
 */
export const CALLBACK_HEADER = 'x-hub-callback';
const CALLBACK_TTL_S = 30;
const ISSUER = 'grid-hub-gateway';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** Gateway side: the capability handed to `department` along with the request it forwards. */
export function signCallback(identity: ForwardedIdentity, key: SigningKey, department: string): Promise<string> {
  const { subject, ...claims } = identity;
  return new SignJWT({ ...claims, azp: department })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(audienceOf('gateway'))
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${CALLBACK_TTL_S}s`)
    .sign(key);
}

/** The public half of the gateway's Ed25519 JWK (its `x`), so the gateway can check what it signed itself. */
export const publicHalf = (privateJwk: string) => {
  const { d: _private, ...publicJwk } = JSON.parse(privateJwk) as JWK;
  return importJWK(publicJwk, 'EdDSA');
};

/** Gateway side: the caller's identity from a department's call back, accepted once. */
export class CallbackVerifier {
  private readonly replays = new ReplayGuard();

  constructor(private readonly key: Awaited<ReturnType<typeof publicHalf>>) {}

  async verify(token: string): Promise<ForwardedIdentity & { callbackFrom: string }> {
    let payload: Record<string, unknown> & { jti?: string; exp?: number };
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: audienceOf('gateway'), algorithms: ['EdDSA'], requiredClaims: ['jti', 'exp', 'azp'] }));
    } catch {
      throw unauthenticated('the call back is not signed by this hub’s gateway, or has expired');
    }
    if (!this.replays.accept(payload.jti!, payload.exp! * 1000)) throw unauthenticated('the call back has been used already');
    const scope = payload.resolvedScope as ResolvedScope;
    return {
      ...identityFromClaims(payload),
      resolvedScope: { all: !!scope?.all, codePrefixes: scope?.codePrefixes ?? [], buildingIds: scope?.buildingIds ?? [] },
      purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
      requestId: String(payload.requestId ?? ''),
      operationName: null,
      callbackFrom: String(payload.azp),
    };
  }
}

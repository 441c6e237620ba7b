import { createHash, type KeyObject, randomUUID } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { type Identity, identityFromClaims, unauthenticated } from './identity';
import type { ResolvedScope } from './scope';
import { SECRET_ENV } from './secrets';

/** Header carrying the gateway-signed identity to subgraphs. */
export const IDENTITY_HEADER = 'x-hub-identity';
const ISSUER = 'grid-hub-gateway';

/**
 * How long a forwarded identity is valid. It is signed for one HTTP request the gateway is about to send, so it only
 * has to outlive the trip (and the clock difference between two machines, see CLOCK_TOLERANCE_S).
 */
export const FORWARDED_TTL_S = 15;
const CLOCK_TOLERANCE_S = 5;

/** Who a forwarded identity is for: one subgraph, or the gateway itself (a department asking the graph back). */
export const audienceOf = (recipient: string) => `grid-hub:${recipient}`;

/** What a subgraph knows about a request: who, where they may look, why, and which gateway request it belongs to. */
export interface ForwardedIdentity extends Identity {
  resolvedScope: ResolvedScope;
  /** the stated purpose (X-Purpose), e.g. the case or event the request serves */
  purpose: string | null;
  requestId: string;
  operationName: string | null;
}

type Key = KeyLike | KeyObject | Uint8Array;

async function loadKey(envName: string, env: NodeJS.ProcessEnv): Promise<Key> {
  const jwk = env[envName];
  if (!jwk) throw new Error(`${envName} is not set: the hub's start script sets it; see README "Security"`);
  return importJWK(JSON.parse(jwk), 'EdDSA');
}

export const loadSigningKey = (env: NodeJS.ProcessEnv = process.env) => loadKey(SECRET_ENV.gatewayPrivateKey, env);
export const loadVerifyingKey = (env: NodeJS.ProcessEnv = process.env) => loadKey(SECRET_ENV.gatewayPublicKey, env);

/** SHA-256 of the exact bytes of an HTTP body (base64url), the value a forwarded identity is bound to. */
export const bodyHash = (body: string | Uint8Array) => createHash('sha256').update(body).digest('base64url');

/**
 * Gateway side: an identity for ONE request — this recipient (`aud`), this body (`bh`: the document, the variables
 * and so every entity representation in them), once (`jti`), for a few seconds. A captured header is worth nothing
 * for another query, another subgraph, or a second time.
 */
export function signForwardedIdentity(identity: ForwardedIdentity, key: Key, bound: { recipient: string; body: string }): Promise<string> {
  const { subject, ...claims } = identity;
  return new SignJWT({ ...claims, bh: bodyHash(bound.body) })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(audienceOf(bound.recipient))
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${FORWARDED_TTL_S}s`)
    .sign(key);
}

/** Remembers the ids of identities already used until they expire, so each is accepted once. */
export class ReplayGuard {
  private seen = new Map<string, number>();
  private prunedAt = 0;

  /** false when `jti` was seen before */
  accept(jti: string, expiresAtMs: number): boolean {
    const now = Date.now();
    // ids are kept until their token expires; forgetting the expired ones once a second keeps this cheap under load
    if (now - this.prunedAt > 1000) {
      this.prunedAt = now;
      for (const [id, until] of this.seen) if (until < now) this.seen.delete(id);
    }
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expiresAtMs + CLOCK_TOLERANCE_S * 1000);
    return true;
  }
}

/**
 * Recipient side (a subgraph, or the gateway for a department's call back): accepts an identity only if the gateway
 * signed it for this recipient and this exact body, and only once. Anything else is UNAUTHENTICATED.
 */
export class ForwardedIdentityVerifier {
  private readonly replays = new ReplayGuard();

  constructor(
    private readonly key: Key,
    private readonly recipient: string,
  ) {}

  async verify(token: string | undefined, rawBody: Uint8Array | string | undefined): Promise<ForwardedIdentity> {
    if (!token) throw unauthenticated('this service answers only requests forwarded by the gateway');
    let payload: Record<string, unknown> & { jti?: string; exp?: number };
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: audienceOf(this.recipient),
        algorithms: ['EdDSA'],
        requiredClaims: ['jti', 'exp', 'bh'],
        maxTokenAge: `${FORWARDED_TTL_S + CLOCK_TOLERANCE_S}s`,
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch {
      throw unauthenticated(`the forwarded identity is not signed by this hub’s gateway for ${this.recipient}, or has expired`);
    }
    if (rawBody === undefined || payload.bh !== bodyHash(rawBody)) throw unauthenticated('the forwarded identity was signed for another request');
    if (!this.replays.accept(payload.jti!, payload.exp! * 1000)) throw unauthenticated('the forwarded identity has been used already');
    const scope = payload.resolvedScope as ResolvedScope | undefined;
    return {
      ...identityFromClaims(payload),
      resolvedScope: { all: !!scope?.all, codePrefixes: scope?.codePrefixes ?? [], buildingIds: scope?.buildingIds ?? [] },
      purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
      requestId: String(payload.requestId ?? ''),
      operationName: typeof payload.operationName === 'string' ? payload.operationName : null,
    };
  }
}

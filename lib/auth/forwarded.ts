import type { KeyObject } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { type Identity, identityFromClaims, unauthenticated } from './identity';
import type { ResolvedScope } from './scope';
import { SECRET_ENV } from './secrets';

/** Header carrying the gateway-signed identity to subgraphs. */
export const IDENTITY_HEADER = 'x-hub-identity';
const ISSUER = 'grid-hub-gateway';
const AUDIENCE = 'grid-hub-subgraphs';

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

/** Gateway side: a token valid for one minute, for this request only. */
export function signForwardedIdentity(identity: ForwardedIdentity, key: Key): Promise<string> {
  const { subject, ...claims } = identity;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key);
}

/** Subgraph side: verifies the gateway's signature; a missing or forged identity is UNAUTHENTICATED. */
export async function verifyForwardedIdentity(token: string | undefined, key: Key): Promise<ForwardedIdentity> {
  if (!token) throw unauthenticated('this subgraph answers only requests forwarded by the gateway');
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['EdDSA'] });
    const scope = payload.resolvedScope as ResolvedScope | undefined;
    return {
      ...identityFromClaims(payload),
      resolvedScope: { all: !!scope?.all, codePrefixes: scope?.codePrefixes ?? [], buildingIds: scope?.buildingIds ?? [] },
      purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
      requestId: String(payload.requestId ?? ''),
      operationName: typeof payload.operationName === 'string' ? payload.operationName : null,
    };
  } catch {
    throw unauthenticated('the forwarded identity is not signed by this hub’s gateway');
  }
}

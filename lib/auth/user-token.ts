import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { type Identity, identityFromClaims, unauthenticated } from './identity';
import { settings } from '../config/settings';
import { SECRET_ENV } from './secrets';
import { loadIdNumberKey } from './id-number-key';
import { ID_NUMBER_CLAIM, withIdNumberHashed } from './resident-token';

export interface UserTokenConfig {
  issuer: string;
  audience: string;
  /** HS256 secret (embedded default) … */
  secret?: Uint8Array;
  /** … or a JWKS endpoint for RS256/ES256 tokens from the city's identity provider */
  jwks?: JWTVerifyGetKey;
  algorithms: string[];
  /** the key of ID numbers' keyed hash (lib/auth/id-number-key.ts): a resident token may name the person by ID number */
  idNumberKey?: Buffer;
}

export function userTokenConfig(env: NodeJS.ProcessEnv = process.env): UserTokenConfig {
  const given = settings(env);
  const issuer = given.HUB_JWT_ISSUER;
  const audience = given.HUB_JWT_AUDIENCE;
  const idNumberKey = loadIdNumberKey(env);
  if (given.HUB_JWT_JWKS_URL)
    return {
      issuer,
      audience,
      idNumberKey,
      jwks: createRemoteJWKSet(new URL(given.HUB_JWT_JWKS_URL)),
      algorithms: given.HUB_JWT_ALGORITHMS,
    };
  const secret = given.HUB_JWT_SECRET;
  if (!secret)
    throw new Error(`set ${SECRET_ENV.jwtSecret} (HS256) or HUB_JWT_JWKS_URL so the gateway can verify tokens`);
  return { issuer, audience, idNumberKey, secret: new TextEncoder().encode(secret), algorithms: ['HS256'] };
}

/** Verifies `Authorization: Bearer <JWT>` and returns who is asking; UNAUTHENTICATED errors say what is wrong. */
export async function verifyUserToken(authorization: string | undefined, config: UserTokenConfig): Promise<Identity> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthenticated('send Authorization: Bearer <token> (mint one with `npm run token`)');
  try {
    const options = {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: config.algorithms,
      requiredClaims: ['exp', 'sub'],
    };
    const { payload } = config.jwks
      ? await jwtVerify(match[1], config.jwks, options)
      : await jwtVerify(match[1], config.secret!, options);
    return identityFromClaims(withIdNumberHashed(payload, config.idNumberKey));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('the token has expired; mint a new one');
    if (error instanceof errors.JOSEError) throw unauthenticated(`the token is not valid here (${error.code})`);
    throw error;
  }
}

/** Mints a user token (development and tests; production tokens come from the identity provider). */
export async function mintUserToken(
  identity: Identity,
  secret: string,
  options: { ttlSeconds?: number; issuer?: string; audience?: string; idNumber?: string } = {},
): Promise<string> {
  return new SignJWT({
    name: identity.name,
    department: identity.department,
    role: identity.role,
    scope: identity.scope,
    ...(identity.resident?.id ? { resident: identity.resident.id } : {}),
    // a resident named by ID number, as the province's identity service names them (development and tests)
    ...(options.idNumber ? { [ID_NUMBER_CLAIM]: options.idNumber } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject)
    .setIssuer(options.issuer ?? settings().HUB_JWT_ISSUER)
    .setAudience(options.audience ?? settings().HUB_JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 8 * 3600}s`)
    .sign(new TextEncoder().encode(secret));
}

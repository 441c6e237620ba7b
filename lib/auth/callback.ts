import { createHash, randomUUID } from 'node:crypto';
import { importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { audienceOf, type ForwardedIdentity, replayUntil } from './forwarded';
import { identityFromClaims, unauthenticated } from './identity';
import type { ReplayStore } from './replay-store';
import type { ResolvedScope } from './scope';

/**
 * A department asking the graph back on behalf of the caller it is serving (RFC 8693's "on behalf of"): civil
 * affairs, before recording an application, asks population where the applicant lives, with the caller's own
 * identity and data scope, so population decides what the caller may see. The gateway hands a department this
 * capability only with the request of a mutation it owns that is declared to ask back (gateway/ask-back.ts), bound to
 * the registered documents that mutation asks with and to the records the mutation names; it is good once across every
 * gateway (a shared replay store), for a few seconds. A captured copy runs no other document, about no other record,
 * and not a second time (docs/capabilities.md).
 */
export const CALLBACK_HEADER = 'x-hub-callback';
const CALLBACK_TTL_S = 30;
const ISSUER = 'grid-hub-gateway';

type SigningKey = Parameters<SignJWT['sign']>[0];

/**
 * What one capability is for: the registered documents (SHA-256, hex) it may run, and the values it may send with them
 * — those the change's own request holds (its record ids, and what the caller collected, for a change that hands
 * parts of itself to their owners): a department asks only about, and forwards only, what its caller sent.
 */
export interface CallbackPurpose {
  documents: string[];
  records: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A value as a bound capability holds it: compared as it means, not as it is spelt (ids and enum names in any case, a
 * timestamp as its instant), then hashed, so the capability names no personal data and stays small.
 */
export function boundValue(value: string): string {
  const text = ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : value;
  return createHash('sha256').update(text.toLowerCase()).digest('base64url').slice(0, 22);
}
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Every leaf of a request's variables, as text (what a bound capability's `rec` must hold). true and false are left
 * out: they name no record and carry nothing of the caller's, they only switch parts of a registered document on.
 */
function leaves(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) leaves(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, found);
  else if (value !== undefined && value !== null && typeof value !== 'boolean') found.push(String(value));
  return found;
}

/** Gateway side: the capability handed to `department` along with the request it forwards. */
export function signCallback(
  identity: ForwardedIdentity,
  key: SigningKey,
  department: string,
  purpose: CallbackPurpose,
): Promise<string> {
  const { subject, ...claims } = identity;
  return new SignJWT({
    ...claims,
    azp: department,
    docs: purpose.documents,
    rec: purpose.records.map(boundValue),
  })
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

/** Gateway side: the caller's identity from a department's call back, for the document and records it was bound to, accepted once. */
export class CallbackVerifier {
  /** `replays`: shared by every gateway (lib/auth/replay-store.ts), so a callback refused by one is refused by all */
  constructor(
    private readonly key: Awaited<ReturnType<typeof publicHalf>>,
    private readonly replays: ReplayStore,
  ) {}

  async verify(
    token: string,
    request: { query?: unknown; variables?: unknown },
  ): Promise<ForwardedIdentity & { callbackFrom: string }> {
    let payload: Record<string, unknown> & { jti?: string; exp?: number };
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: audienceOf('gateway'),
        algorithms: ['EdDSA'],
        requiredClaims: ['jti', 'exp', 'azp', 'docs', 'rec'],
      }));
    } catch {
      throw unauthenticated('the call back is not signed by this hub’s gateway, or has expired');
    }
    // presented is used: a copy tried for another document or record is spent, and cannot then be tried as it was meant
    if (!(await this.replays.firstUse(payload.jti!, replayUntil(payload.exp!))))
      throw unauthenticated('the call back has been used already');
    const documents = Array.isArray(payload.docs) ? payload.docs : [];
    const records = new Set(Array.isArray(payload.rec) ? payload.rec.map(String) : []);
    if (typeof request.query !== 'string' || !documents.includes(sha256(request.query))) {
      throw unauthenticated(
        `the call back was handed to ${String(payload.azp)} for another document: it runs only the registered one its change asks with`,
      );
    }
    if (!leaves(request.variables).every((value) => records.has(boundValue(value)))) {
      throw unauthenticated(
        `the call back was handed to ${String(payload.azp)} for other records: it may ask only about the records its change names`,
      );
    }
    const scope = payload.resolvedScope as ResolvedScope;
    return {
      ...identityFromClaims(payload),
      resolvedScope: {
        all: !!scope?.all,
        codePrefixes: scope?.codePrefixes ?? [],
        buildingIds: scope?.buildingIds ?? [],
      },
      purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
      requestId: String(payload.requestId ?? ''),
      operationName: null,
      callbackFrom: String(payload.azp),
    };
  }
}

import { createHash, createHmac, hkdfSync, type KeyObject, randomUUID, timingSafeEqual } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { type Identity, identityFromClaims, PUBLIC_CALLER, unauthenticated } from './identity';
import type { ReplayStore } from './replay-store';
import type { FirstUse } from '../db/replay-table';
import type { ResolvedScope } from './scope';
import { settings } from '../config/settings';
import { SECRET_ENV } from './secrets';
import { isLsn } from '../db/write-position';
import { WritePositions } from './write-positions';

/** Header carrying the gateway-signed identity to subgraphs. */
export const IDENTITY_HEADER = 'x-hub-identity';
const ISSUER = 'grid-hub-gateway';

/**
 * How long a forwarded identity's binding to one request is valid. It is made for one HTTP request the gateway is
 * about to send, so it only has to outlive the trip (and the clock difference between two machines, CLOCK_TOLERANCE_S).
 */
export const FORWARDED_TTL_S = 15;
const CLOCK_TOLERANCE_S = 5;

/** Until when a used id must be remembered: its token's expiry (seconds), with the clock tolerance a verifier allows. */
export const replayUntil = (expSeconds: number) => (expSeconds + CLOCK_TOLERANCE_S) * 1000;

/** Who a forwarded identity is for: one subgraph, or the gateway itself (a department asking the graph back). */
export const audienceOf = (recipient: string) => `grid-hub:${recipient}`;

/** What a subgraph knows about a request: who, where they may look, why, and which gateway request it belongs to. */
export interface ForwardedIdentity extends Identity {
  resolvedScope: ResolvedScope;
  /** the stated purpose (X-Purpose), e.g. the case or event the request serves */
  purpose: string | null;
  requestId: string;
  operationName: string | null;
  /**
   * The hub's own component asking a department on the caller's behalf (RESIDENT_DESK, lib/auth/resident.ts): set only
   * by that component in the gateway's process and signed with the identity, never taken from a request.
   */
  via?: string;
  /**
   * Where the caller's newest write to each department that reads replicas stands (a WAL position; '' none lately), as
   * the gateway keeps it (lib/auth/write-positions.ts): carried in each request's binding, never in the signed identity.
   */
  writePositions?: Record<string, string>;
}

type Key = KeyLike | KeyObject | Uint8Array;

async function loadKey(
  envName: typeof SECRET_ENV.gatewayPrivateKey | typeof SECRET_ENV.gatewayPublicKey,
  env: NodeJS.ProcessEnv,
): Promise<Key> {
  const jwk = settings(env)[envName];
  if (!jwk) throw new Error(`${envName} is not set: the hub's start script sets it; see docs/security.md`);
  return importJWK(JSON.parse(jwk), 'EdDSA');
}

export const loadSigningKey = (env: NodeJS.ProcessEnv = process.env) => loadKey(SECRET_ENV.gatewayPrivateKey, env);
export const loadVerifyingKey = (env: NodeJS.ProcessEnv = process.env) => loadKey(SECRET_ENV.gatewayPublicKey, env);

/** SHA-256 of the exact bytes of an HTTP body (base64url), the value a forwarded identity is bound to. */
export const bodyHash = (body: string | Uint8Array) => createHash('sha256').update(body).digest('base64url');

/** The environment variable that gives a subgraph its binding key (and nothing of the gateway's private key). */
export const BINDING_KEY_ENV = 'HUB_BINDING_KEY';
/** How long the gateway reuses one signed identity (the same caller, scope and purpose) before signing it again. */
export const IDENTITY_TTL_S = 300;

/**
 * The key that binds a forwarded identity to one request for `recipient`, derived from the gateway's private key: the
 * gateway can make it for every recipient, a recipient is handed only its own (BINDING_KEY_ENV).
 */
export function bindingKeyFor(privateJwk: string, recipient: string): Buffer {
  const { d } = JSON.parse(privateJwk) as { d?: string };
  if (!d) throw new Error('the gateway key has no private part');
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(d, 'base64url'), 'grid-hub forwarded identity binding', audienceOf(recipient), 32),
  );
}

export function loadBindingKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const key = settings(env).HUB_BINDING_KEY;
  if (!key)
    throw new Error(
      `${BINDING_KEY_ENV} is not set: the hub's start script sets it (npm run keys prints one per department); see docs/security.md`,
    );
  return Buffer.from(key, 'base64url');
}

const mac = (key: Buffer, signed: string) => createHmac('sha256', key).update(signed).digest('base64url');

/** What ties an identity to one request: this recipient, this body, once, for a few seconds; and which request it is. */
interface Binding {
  aud: string;
  bh: string;
  jti: string;
  exp: number;
  rid: string;
  op: string | null;
  /** the caller's write positions (ForwardedIdentity.writePositions) */
  wp?: Record<string, string>;
}

/** The claims of the signed identity: who, where they may look and why; the same for every request they make. */
const identityClaims = ({
  subject: _s,
  requestId: _r,
  operationName: _o,
  writePositions: _w,
  ...claims
}: ForwardedIdentity) => claims;

/**
 * Gateway side. The header it forwards is `<identity>.<binding>.<mac>`:
 * - `identity`: a JWT the gateway signs with its Ed25519 key (who, scope, purpose) — no one else can make one, and
 *   the gateway signs it once per caller, scope and purpose for IDENTITY_TTL_S, not once per request;
 * - `binding`: this recipient (`aud`), the SHA-256 of this exact body (`bh`: the document, the variables and so every
 *   entity representation in them), an id used once (`jti`), a few seconds' lifetime, the gateway request's id;
 * - `mac`: HMAC-SHA256 of both under the recipient's binding key.
 * A captured header is worth nothing for another query, another subgraph, or a second time; a recipient (who holds its
 * binding key) could bind an identity it received only to requests to itself.
 */
export class IdentityForwarder {
  /** each caller's newest write positions: told by the departments' answers, forwarded with the caller's requests */
  writes = new WritePositions();
  private readonly signed = new Map<string, { token: string; renewAt: number }>();
  private readonly bindingKeys = new Map<string, Buffer>();

  private constructor(
    private readonly key: Key,
    private readonly privateJwk: string,
  ) {}

  static async fromPrivateJwk(privateJwk: string): Promise<IdentityForwarder> {
    return new IdentityForwarder(await importJWK(JSON.parse(privateJwk), 'EdDSA'), privateJwk);
  }

  bindingKey(recipient: string): Buffer {
    let key = this.bindingKeys.get(recipient);
    if (!key) this.bindingKeys.set(recipient, (key = bindingKeyFor(this.privateJwk, recipient)));
    return key;
  }

  async header(identity: ForwardedIdentity, bound: { recipient: string; body: string }): Promise<string> {
    const token = await this.identityToken(identity);
    const binding: Binding = {
      aud: audienceOf(bound.recipient),
      bh: bodyHash(bound.body),
      jti: randomUUID(),
      exp: Math.floor(Date.now() / 1000) + FORWARDED_TTL_S,
      rid: identity.requestId,
      op: identity.operationName,
      ...(identity.writePositions ? { wp: identity.writePositions } : {}),
    };
    const signed = `${token}.${Buffer.from(JSON.stringify(binding)).toString('base64url')}`;
    return `${signed}.${mac(this.bindingKey(bound.recipient), signed)}`;
  }

  private async identityToken(identity: ForwardedIdentity): Promise<string> {
    const claims = identityClaims(identity);
    const cacheKey = JSON.stringify([identity.subject, claims]);
    const now = Date.now();
    const hit = this.signed.get(cacheKey);
    if (hit && hit.renewAt > now) return hit.token;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(identity.subject)
      .setIssuer(ISSUER)
      .setAudience(DEPARTMENTS_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${IDENTITY_TTL_S}s`)
      .sign(this.key);
    if (this.signed.size >= MAX_CACHED) this.signed.delete(this.signed.keys().next().value!);
    // renewed well before it expires, so a request bound now is never verified after its identity has lapsed
    this.signed.set(cacheKey, { token, renewAt: now + (IDENTITY_TTL_S - 2 * FORWARDED_TTL_S) * 1000 });
    return token;
  }
}

export const loadIdentityForwarder = (env: NodeJS.ProcessEnv = process.env) => {
  const jwk = settings(env).HUB_GATEWAY_PRIVATE_KEY;
  if (!jwk)
    throw new Error(`${SECRET_ENV.gatewayPrivateKey} is not set: the hub's start script sets it; see docs/security.md`);
  return IdentityForwarder.fromPrivateJwk(jwk);
};

/** The write positions a binding carries, when they are what the gateway puts there (department → WAL position or ''). */
function writePositionsOf(wp: unknown): { writePositions: Record<string, string> } | undefined {
  if (typeof wp !== 'object' || wp === null || Array.isArray(wp)) return undefined;
  const entries = Object.entries(wp);
  if (!entries.every(([, lsn]) => lsn === '' || isLsn(lsn))) return undefined;
  return { writePositions: Object.fromEntries(entries) as Record<string, string> };
}

/** A forwarded identity offered a second time, to any replica of its recipient. */
export const replayedIdentity = () => unauthenticated('the forwarded identity has been used already');

/** Who a signed identity is for: the hub's departments (each request's binding names the one). */
const DEPARTMENTS_AUDIENCE = 'grid-hub:departments';
/** distinct callers (identity, scope, purpose) remembered at once, by the gateway and by each recipient */
const MAX_CACHED = 10_000;

/**
 * Recipient side (a subgraph, or the cohort planner): accepts a forwarded identity only if the gateway bound it to this
 * recipient and this exact body, once, within its lifetime, and signed the identity in it. Anything else is
 * UNAUTHENTICATED. An identity's signature is checked once and remembered until it expires; the binding, every time.
 */
export class ForwardedIdentityVerifier {
  private readonly identities = new Map<string, { claims: Record<string, unknown>; until: number }>();

  /** `replays`: shared by every replica of the recipient (lib/auth/replay-store.ts), so "once" holds across them */
  constructor(
    private readonly key: Key,
    private readonly recipient: string,
    private readonly bindingKey: Buffer,
    private readonly replays: ReplayStore,
  ) {}

  async verify(header: string | undefined, rawBody: Uint8Array | string | undefined): Promise<ForwardedIdentity> {
    const { identity, use } = await this.verifyUnclaimed(header, rawBody);
    if (!(await this.replays.firstUse(use.id, use.expiresAtMs))) throw replayedIdentity();
    return identity;
  }

  /**
   * Everything `verify` checks but the once-only use, which the caller claims before anything of its answer leaves:
   * a subgraph claims a read's with the read's audit rows, in one statement (lib/server/subgraph.ts).
   */
  async verifyUnclaimed(
    header: string | undefined,
    rawBody: Uint8Array | string | undefined,
  ): Promise<{ identity: ForwardedIdentity; use: FirstUse }> {
    if (!header) throw unauthenticated('this service answers only requests forwarded by the gateway');
    const notForUs = () =>
      unauthenticated(
        `the forwarded identity is not signed by this hub’s gateway for ${this.recipient}, or has expired`,
      );
    const parts = header.split('.');
    if (parts.length !== 5) throw notForUs();
    const signed = parts.slice(0, 4).join('.');
    const expected = Buffer.from(mac(this.bindingKey, signed));
    const given = Buffer.from(parts[4]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notForUs();
    let binding: Binding;
    try {
      binding = JSON.parse(Buffer.from(parts[3], 'base64url').toString('utf8')) as Binding;
    } catch {
      throw notForUs();
    }
    const now = Date.now();
    if (binding.aud !== audienceOf(this.recipient) || !(binding.exp * 1000 + CLOCK_TOLERANCE_S * 1000 >= now))
      throw notForUs();
    if (rawBody === undefined || binding.bh !== bodyHash(rawBody))
      throw unauthenticated('the forwarded identity was signed for another request');
    const claims = await this.identity(parts.slice(0, 3).join('.'), now, notForUs);
    if (typeof binding.jti !== 'string') throw replayedIdentity();
    const scope = claims.resolvedScope as ResolvedScope | undefined;
    // the anonymous caller of a public lookup (lib/auth/public.ts): signed by the gateway like any identity
    const who: Identity =
      claims.department === PUBLIC_CALLER
        ? { subject: 'anonymous', name: 'anonymous', department: PUBLIC_CALLER, role: 'ANONYMOUS', scope: [] }
        : identityFromClaims(claims);
    const identity: ForwardedIdentity = {
      ...who,
      resolvedScope: {
        all: !!scope?.all,
        codePrefixes: scope?.codePrefixes ?? [],
        buildingIds: scope?.buildingIds ?? [],
      },
      purpose: typeof claims.purpose === 'string' ? claims.purpose : null,
      requestId: String(binding.rid ?? ''),
      operationName: typeof binding.op === 'string' ? binding.op : null,
      ...(typeof claims.via === 'string' ? { via: claims.via } : {}),
      ...(writePositionsOf(binding.wp) ?? {}),
    };
    return { identity, use: { id: binding.jti, expiresAtMs: replayUntil(binding.exp) } };
  }

  private async identity(token: string, now: number, refuse: () => Error): Promise<Record<string, unknown>> {
    const known = this.identities.get(token);
    if (known && known.until > now) return known.claims;
    let payload: Record<string, unknown> & { exp?: number };
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: DEPARTMENTS_AUDIENCE,
        algorithms: ['EdDSA'],
        requiredClaims: ['exp'],
        maxTokenAge: `${IDENTITY_TTL_S + CLOCK_TOLERANCE_S}s`,
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch {
      throw refuse();
    }
    if (this.identities.size >= MAX_CACHED) {
      for (const [t, { until }] of this.identities) if (until <= now) this.identities.delete(t);
      if (this.identities.size >= MAX_CACHED) this.identities.delete(this.identities.keys().next().value!);
    }
    this.identities.set(token, { claims: payload, until: payload.exp! * 1000 });
    return payload;
  }
}

/**
 * The one place the bench gets its credentials from, so when the hub's security changes only this file does.
 *
 * The bench asks as a grid leader (网格长) of the whole district with a stated purpose, like tests/support/callers.ts:
 * - our gateway: a user token (HS256 with the hub's secret, as `npm run token` mints it) and X-Purpose;
 * - subgraphs, directly or through Hive Gateway: the bench plays our gateway's part and signs, for every request, the
 *   identity our gateway would forward — bound to that subgraph and that body, once (lib/auth/forwarded.ts). The
 *   binding is work our gateway does on every subgraph request too, so the side that skips our gateway pays it as well.
 */
import { readFileSync } from 'node:fs';
import { type ForwardedIdentity, IDENTITY_HEADER, IdentityForwarder } from '../lib/auth/forwarded';
import type { Identity } from '../lib/auth/identity';
import { mintUserToken } from '../lib/auth/user-token';

export interface BenchAuth {
  /** `<dataDir>/secrets.json` of the hub under test */
  secretsFile: string;
  /** region id of the district (the caller's scope) */
  districtId: string;
}

const PURPOSE = '性能基准 (benchmark)';

const caller = (auth: BenchAuth): Identity => ({
  subject: 'bench',
  name: 'bench',
  department: 'GRID',
  role: 'GRID_LEADER',
  scope: [auth.districtId],
});

/** Someone else the bench asks as (the soak's grid workers, dispatch desk, caseworkers, officers, registrars); the district's scope unless `scope` is given. */
export type BenchPerson = Pick<Identity, 'department' | 'role'> & {
  scope?: string[];
  subject?: string;
  resident?: string;
};

/** Headers for a request to our gateway. Tokens expire, so ask again for every load run rather than keeping them. */
export async function gatewayHeaders(auth: BenchAuth, person?: BenchPerson): Promise<Record<string, string>> {
  const secrets = JSON.parse(readFileSync(auth.secretsFile, 'utf8')) as { jwtSecret: string };
  const subject = person ? (person.subject ?? `bench-${person.department}-${person.role}`.toLowerCase()) : undefined;
  const identity = person
    ? {
        subject: subject!,
        name: subject!,
        department: person.department,
        role: person.role,
        scope: person.scope ?? [auth.districtId],
        ...(person.resident ? { resident: { id: person.resident } } : {}),
      }
    : caller(auth);
  const token = await mintUserToken(identity, secrets.jwtSecret, { ttlSeconds: 3600 });
  return { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent(PURPOSE) };
}

/** What signing a subgraph request takes, as plain data (it crosses to the load process and to Hive Gateway's). */
export interface SigningMaterial {
  identity: ForwardedIdentity;
  /** the gateway's Ed25519 private JWK, JSON */
  privateJwk: string;
}

export function signingMaterial(auth: BenchAuth): SigningMaterial {
  const secrets = JSON.parse(readFileSync(auth.secretsFile, 'utf8')) as { gatewayPrivateKey: string };
  const identity: ForwardedIdentity = {
    ...caller(auth),
    resolvedScope: { all: true, codePrefixes: [], buildingIds: [] },
    purpose: PURPOSE,
    requestId: `bench-${Date.now()}`,
    operationName: null,
  };
  return { identity, privateJwk: secrets.gatewayPrivateKey };
}

/** `sign(recipient, body)`: the identity header for one request to one subgraph. */
export async function signerFor(
  material: SigningMaterial,
): Promise<(recipient: string, body: string) => Promise<Record<string, string>>> {
  const forwarder = await IdentityForwarder.fromPrivateJwk(material.privateJwk);
  return async (recipient, body) => ({
    [IDENTITY_HEADER]: await forwarder.header(material.identity, { recipient, body }),
  });
}

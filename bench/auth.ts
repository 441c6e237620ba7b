/**
 * The one place the bench gets its credentials from: every HTTP request it sends (to our gateway, to Hive Gateway or
 * straight to a subgraph) carries the headers made here, so when the hub's security changes only this file does.
 *
 * The bench asks as a grid leader (网格长) of the whole district with a stated purpose, like tests/support/callers.ts:
 * - our gateway: a user token (HS256 with the hub's secret, as `npm run token` mints it) and X-Purpose;
 * - subgraphs, directly or through Hive Gateway (which forwards the header as it is): the identity our gateway would
 *   sign for that caller (Ed25519, 60 s), so the bench plays the gateway's part itself.
 */
import { readFileSync } from 'node:fs';
import { type ForwardedIdentity, IDENTITY_HEADER, signForwardedIdentity } from '../lib/auth/forwarded';
import type { Identity } from '../lib/auth/identity';
import { mintUserToken } from '../lib/auth/user-token';
import { importJWK } from 'jose';

export type BenchTarget = 'gateway' | 'hive-gateway' | 'subgraph';

export interface BenchAuth {
  /** `<dataDir>/secrets.json` of the hub under test */
  secretsFile: string;
  /** region id of the district (the caller's scope) */
  districtId: string;
}

const PURPOSE = '性能基准 (benchmark)';

const caller = (auth: BenchAuth): Identity => ({ subject: 'bench', name: 'bench', department: 'GRID', role: 'GRID_LEADER', scope: [auth.districtId] });

/**
 * Headers for one target. Tokens expire (subgraph identities after 60 s), so ask again for every load run rather than
 * keeping the answer.
 */
export async function headersFor(target: BenchTarget, auth: BenchAuth): Promise<Record<string, string>> {
  const secrets = JSON.parse(readFileSync(auth.secretsFile, 'utf8')) as { jwtSecret: string; gatewayPrivateKey: string };
  if (target === 'gateway') {
    const token = await mintUserToken(caller(auth), secrets.jwtSecret, { ttlSeconds: 3600 });
    return { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent(PURPOSE) };
  }
  const key = await importJWK(JSON.parse(secrets.gatewayPrivateKey), 'EdDSA');
  const identity = await signForwardedIdentity(
    { ...caller(auth), resolvedScope: { all: true, codePrefixes: [], buildingIds: [] }, purpose: PURPOSE, requestId: `bench-${Date.now()}`, operationName: null },
    key,
  );
  return { [IDENTITY_HEADER]: identity };
}

/** What the bench needs to ask the cohort planner itself: the caller as our gateway forwards it, and the gateway's key. */
export async function plannerCredentials(auth: BenchAuth): Promise<{ identity: ForwardedIdentity; key: Awaited<ReturnType<typeof importJWK>> }> {
  const secrets = JSON.parse(readFileSync(auth.secretsFile, 'utf8')) as { gatewayPrivateKey: string };
  const identity: ForwardedIdentity = { ...caller(auth), resolvedScope: { all: true, codePrefixes: [], buildingIds: [] }, purpose: PURPOSE, requestId: `bench-${Date.now()}`, operationName: 'Cohort' };
  return { identity, key: await importJWK(JSON.parse(secrets.gatewayPrivateKey), 'EdDSA') };
}

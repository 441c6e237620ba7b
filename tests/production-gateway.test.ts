import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEPARTMENTS, departmentInfo } from '../lib/departments';
import { sha256 } from '../gateway/trusted-documents';
import { type Caller, districtId, tokenFor } from './support/callers';
import { hub, graphql } from './support/hub';
import { ROOT } from './support/launch';
import { freePorts } from './support/ports';

const RESIDENTS = 'query FirstResidents { residents(first: 2) { totalCount } }';
const caseSoftware: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', subject: 'system:case-software' };
const person: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', subject: 'caseworker-7' };

/** A second gateway, in production mode, with a trusted-documents list, in front of the test hub's subgraphs. */
async function productionGateway(): Promise<{ url: string; child: ChildProcess }> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-prod-gw-'));
  const manifest = join(dir, 'trusted-documents.json');
  writeFileSync(manifest, JSON.stringify({ clients: { 'system:case-software': { trustedOnly: true } }, documents: { [sha256(RESIDENTS)]: RESIDENTS } }));
  const secrets = JSON.parse(readFileSync(hub().secretsFile, 'utf8'));
  const [port] = await freePorts(1);
  const env: NodeJS.ProcessEnv = {
    ...process.env, HUB_MODE: 'production', GATEWAY_PORT: String(port), HUB_TRUSTED_DOCUMENTS: manifest,
    HUB_JWT_SECRET: secrets.jwtSecret, HUB_GATEWAY_PRIVATE_KEY: secrets.gatewayPrivateKey, HUB_GATEWAY_PUBLIC_KEY: secrets.gatewayPublicKey,
  };
  for (const d of DEPARTMENTS) env[departmentInfo(d).urlEnv] = hub().subgraphUrls[d];
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'gateway', 'main.js')], { env, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 100; i++) {
    if ((await fetch(url.replace('/graphql', '/health')).catch(() => null))?.ok) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the production gateway did not start');
}

describe('the gateway in production mode', () => {
  let gateway: { url: string; child: ChildProcess };
  beforeAll(async () => void (gateway = await productionGateway()));
  afterAll(() => void gateway?.child.kill('SIGTERM'));

  const ask = async (caller: Caller, body: Record<string, unknown>) =>
    (await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(caller)}` }, body: JSON.stringify(body) })).json() as Promise<any>;

  it('refuses introspection, even with a token, and without one', async () => {
    const withToken = await ask(person, { query: '{ __schema { types { name } } }' });
    expect(withToken.errors?.[0]).toMatchObject({ message: expect.stringMatching(/introspection/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const anonymous = await graphql('{ __schema { queryType { name } } }', {}, { url: gateway.url });
    expect(anonymous.data).toBeUndefined();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });

  it('serves no landing page', async () => {
    const res = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<html/i);
  });

  it('lets a departmental system held to trusted documents run a registered one, by its hash alone', async () => {
    const res = await ask(caseSoftware, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(RESIDENTS) } } });
    expect(res).toEqual({ data: { residents: { totalCount: expect.any(Number) } } });
    expect(res.data.residents.totalCount).toBeGreaterThan(0);
  });

  it('refuses that system any other document', async () => {
    const res = await ask(caseSoftware, { query: '{ residents(first: 100) { nodes { name phone } } }' });
    expect(res).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/may run only its registered operations/), extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' } })] });
  });

  it('still lets people write their own queries', async () => {
    const res = await ask(person, { query: 'query($id: ID!) { region(id: $id) { level } }', variables: { id: districtId() } });
    expect(res).toEqual({ data: { region: { level: 'DISTRICT' } } });
  });
});

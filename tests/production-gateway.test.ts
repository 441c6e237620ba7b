import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import { sha256 } from '../gateway/trusted-documents';
import { type Caller, districtId, tokenFor } from './support/callers';
import { type ExtraGateway, startExtraGateway } from './support/gateway';
import { FRESH_CONNECTION, graphql } from './support/hub';
import { freePorts } from './support/ports';

const RESIDENTS = 'query FirstResidents { residents(first: 2) { totalCount } }';
const caseSoftware: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', subject: 'system:case-software' };
const person: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER', subject: 'caseworker-7' };

describe('the gateway in production mode', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => {
    const manifest = join(mkdtempSync(join(tmpdir(), 'hub-prod-gw-')), 'trusted-documents.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        clients: { 'system:case-software': { trustedOnly: true } },
        documents: { [sha256(RESIDENTS)]: RESIDENTS },
      }),
    );
    gateway = await startExtraGateway({ HUB_TRUSTED_DOCUMENTS: manifest });
  });
  afterAll(() => gateway?.stop());

  const ask = async (caller: Caller, body: Record<string, unknown>) =>
    (
      await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...FRESH_CONNECTION,
          authorization: `Bearer ${await tokenFor(caller)}`,
        },
        body: JSON.stringify(body),
      })
    ).json() as Promise<any>;

  it('refuses introspection, even with a token, and without one', async () => {
    const withToken = await ask(person, { query: '{ __schema { types { name } } }' });
    expect(withToken.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/introspection/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const anonymous = await graphql('{ __schema { queryType { name } } }', {}, { url: gateway.url });
    expect(anonymous.data).toBeUndefined();
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });

  it('serves no landing page', async () => {
    const res = await fetch(gateway.url, { headers: { accept: 'text/html', ...FRESH_CONNECTION } });
    expect(await res.text()).not.toMatch(/<html/i);
  });

  it('lets a departmental system held to trusted documents run a registered one, by its hash alone', async () => {
    const res = await ask(caseSoftware, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(RESIDENTS) } },
    });
    expect(res).toEqual({ data: { residents: { totalCount: expect.any(Number) } } });
    expect(res.data.residents.totalCount).toBeGreaterThan(0);
  });

  it('refuses that system any other document', async () => {
    const res = await ask(caseSoftware, { query: '{ residents(first: 100) { nodes { name phone } } }' });
    expect(res).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringMatching(/may run only its registered operations/),
          extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' },
        }),
      ],
    });
  });

  it('suggests no field, argument, type or enum value name, and still says what is wrong', async () => {
    const mistakes = [
      {
        query: '{ residents(first: 1, filter: { gender: FEMAL }) { totalCount } }',
        code: 'GRAPHQL_VALIDATION_FAILED',
        says: /"FEMAL" does not exist in "Gender" enum\.$/,
      },
      {
        query: 'query($g: Gender) { residents(first: 1, filter: { gender: $g }) { totalCount } }',
        variables: { g: 'FEMAL' },
        code: 'BAD_USER_INPUT',
        says: /"FEMAL" does not exist in "Gender" enum\.$/,
      },
      {
        query: '{ residents(first: 1) { nodes { nam } } }',
        code: 'GRAPHQL_VALIDATION_FAILED',
        says: /^Cannot query field "nam" on type "Resident"\.$/,
      },
      {
        query: '{ residents(frist: 1) { totalCount } }',
        code: 'GRAPHQL_VALIDATION_FAILED',
        says: /^Unknown argument "frist" on field "Query\.residents"\.$/,
      },
      {
        query: 'query($f: ResidentFiltr) { residents(filter: $f) { totalCount } }',
        code: 'GRAPHQL_VALIDATION_FAILED',
        says: /^Unknown type "ResidentFiltr"\.$/,
      },
    ];
    for (const { query, variables, code, says } of mistakes) {
      const res = await ask(person, { query, variables });
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(res.errors[0]).toMatchObject({ message: expect.stringMatching(says), extensions: { code } });
      expect(JSON.stringify(res)).not.toMatch(/did you mean|FEMALE|ResidentFilter"|"first"|"name"/i);
    }
  });

  it('refuses to register an anonymous persisted query, and keeps serving the registered ones by hash', async () => {
    const query = '{ __typename }';
    const registration = await ask(person, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(registration).toEqual({
      errors: [
        {
          message:
            'this gateway keeps no document a client registers: send the query without extensions.persistedQuery, or only the hash of a registered document',
          extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
        },
      ],
    });
    expect(await ask(person, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } })).toEqual({
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    const registered = await ask(person, {
      query: RESIDENTS,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(RESIDENTS) } },
    });
    expect(registered).toEqual({ data: { residents: { totalCount: expect.any(Number) } } });
  });

  it('still lets people write their own queries', async () => {
    const res = await ask(person, {
      query: 'query($id: ID!) { region(id: $id) { level } }',
      variables: { id: districtId() },
    });
    expect(res).toEqual({ data: { region: { level: 'DISTRICT' } } });
  });
});

describe("tokens from the city's identity provider (RS256, keys from a JWKS endpoint)", () => {
  let jwks: Server;
  let gateway: ExtraGateway;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-2026', alg: 'RS256', use: 'sig' };
    const [port] = await freePorts(1);
    jwks = createServer((_req, res) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => jwks.listen(port, '127.0.0.1', resolve));
    gateway = await startExtraGateway({
      HUB_JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      HUB_JWT_ISSUER: 'https://idp.example.gov.cn',
      HUB_JWT_AUDIENCE: 'grid-hub',
    });
  });
  afterAll(() => {
    gateway?.stop();
    jwks?.close();
  });

  const idpToken = (issuer = 'https://idp.example.gov.cn') =>
    new SignJWT({ name: '李四', department: 'GRID', role: 'GRID_LEADER', scope: [districtId()] })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-2026' })
      .setSubject('li-si')
      .setIssuer(issuer)
      .setAudience('grid-hub')
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token the provider signed', async () => {
    const res = await graphql(
      'query($id: ID!) { region(id: $id) { level } }',
      { id: districtId() },
      { url: gateway.url, headers: { authorization: `Bearer ${await idpToken()}` } },
    );
    expect(res).toEqual({ status: 200, data: { region: { level: 'DISTRICT' } } });
  });

  it('refuses a token from another issuer, and the development HS256 tokens', async () => {
    for (const token of [
      await idpToken('https://elsewhere.example'),
      await tokenFor({ department: 'GRID', role: 'GRID_LEADER' }),
    ]) {
      const res = await graphql(
        '{ __typename }',
        {},
        { url: gateway.url, headers: { authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(401);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

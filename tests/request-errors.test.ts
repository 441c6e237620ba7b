import { readFileSync } from 'node:fs';
import { mintUserToken } from '../lib/auth/user-token';
import { ANONYMOUS_DOCUMENTS, loadTrustedDocuments, sha256 } from '../gateway/trusted-documents';
import { ROOT } from './support/launch';
import { districtId, gridLeader, tokenFor } from './support/callers';
import { FRESH_CONNECTION, graphql, hub } from './support/hub';
import { testWorld } from './support/world';

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(hub().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...FRESH_CONNECTION, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

describe('what a client sends wrong in its headers', () => {
  it('a token whose scope lists something other than region ids is UNAUTHENTICATED, and says which entry', async () => {
    const { jwtSecret } = JSON.parse(readFileSync(hub().secretsFile, 'utf8')) as { jwtSecret: string };
    const token = await mintUserToken(
      {
        subject: 'odd-scope',
        name: 'odd-scope',
        department: 'GRID',
        role: 'GRID_LEADER',
        scope: [districtId(), 'all-of-it'],
      },
      jwtSecret,
    );
    const res = await graphql('{ __typename }', {}, { headers: { authorization: `Bearer ${token}` } });
    expect(res).toEqual({
      status: 401,
      errors: [
        {
          message: 'the token’s scope must list region ids (UUIDs issued by grid); "all-of-it" is not one',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('an X-Purpose over 200 characters is BAD_USER_INPUT with HTTP 400; 200 characters of Chinese, percent-encoded, are fine', async () => {
    const authorization = `Bearer ${await tokenFor(gridLeader)}`;
    const tooLong = await graphql('{ __typename }', {}, { headers: { authorization, 'x-purpose': 'x'.repeat(201) } });
    expect(tooLong).toEqual({
      status: 400,
      errors: [
        {
          message:
            'X-Purpose must be at most 200 characters; got 201: name the case or event, e.g. "低保复核 2026-118"',
          extensions: { code: 'BAD_USER_INPUT', field: 'X-Purpose' },
        },
      ],
    });
    const longest = await graphql(
      '{ __typename }',
      {},
      { headers: { authorization, 'x-purpose': encodeURIComponent('复'.repeat(200)) } },
    );
    expect(longest).toEqual({ status: 200, data: { __typename: 'Query' } });
  });
});

describe('automatic persisted queries (development)', () => {
  it('keeps a bounded number of anonymous documents, and however many are registered, never evicts a trusted one', async () => {
    const [trustedHash] = Object.keys(loadTrustedDocuments(`${ROOT}/gateway/trusted-documents.json`).documents);
    const headers = {
      authorization: `Bearer ${await tokenFor(gridLeader)}`,
      'x-purpose': encodeURIComponent(gridLeader.purpose!),
    };
    // each just over a twentieth of the anonymous cache's bytes: twenty of them push the first one out
    const documents = Array.from(
      { length: 20 },
      (_, i) => `query Anonymous${i} { __typename } # ${'x'.repeat(Math.ceil(ANONYMOUS_DOCUMENTS.maxSize / 20))}`,
    );
    for (const query of documents) {
      const res = await post(
        { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } },
        headers,
      );
      expect(res).toEqual({ status: 200, data: { __typename: 'Query' } });
    }
    const byHash = (hash: string, variables: Record<string, unknown> = {}) =>
      post({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, headers);
    expect(await byHash(sha256(documents[0]))).toEqual({
      status: 200,
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    expect(await byHash(sha256(documents[19]))).toEqual({ status: 200, data: { __typename: 'Query' } });
    const resident = testWorld().residents[0];
    const trusted = await byHash(trustedHash, { id: resident.id });
    expect(trusted.errors).toBeUndefined();
    expect(trusted.data.resident).toMatchObject({ id: resident.id, name: resident.name });
  });
});

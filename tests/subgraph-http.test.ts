import { FRESH_CONNECTION, hub } from './support/hub';

/** A POST straight to population's subgraph, as the gateway sends them (or as a caller that bypasses it might). */
async function post(body: string, contentType: string) {
  const res = await fetch(hub().subgraphUrls.population, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-request-id': 'subgraph-http-test-0001', ...FRESH_CONNECTION },
    body,
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: await res.json() };
}

const refusal = (status: number, message: string, code: string) => ({
  status,
  requestId: 'subgraph-http-test-0001',
  body: { errors: [{ message, extensions: { code } }] },
});

// the gateway's POSTs take node:http straight into Apollo Server; the rest go through Express
// (lib/server/graphql-endpoint.ts): both answer a body they cannot read with the same GraphQL-shaped refusal
describe("a subgraph's POST /graphql reads the body before anything else", () => {
  it('refuses a body over the limit with PAYLOAD_TOO_LARGE on either path', async () => {
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(3 * 1024 * 1024)}` });
    const tooLarge = refusal(413, 'the request body is over the limit of 2097152 bytes', 'PAYLOAD_TOO_LARGE');
    expect(await post(big, 'application/json')).toEqual(tooLarge);
    expect(await post(big, 'application/json; charset=utf-8; profile=express')).toEqual(tooLarge);
  });

  it('refuses a body that is not JSON, or not an object, as BAD_REQUEST', async () => {
    const notJson = refusal(400, 'the request body is not valid JSON', 'BAD_REQUEST');
    expect(await post('{"query": ', 'application/json')).toEqual(notJson);
    expect(await post('"{ __typename }"', 'application/json')).toEqual(notJson);
  });

  it('refuses the NUL character as BAD_USER_INPUT', async () => {
    expect(
      await post(JSON.stringify({ query: '{ __typename }', variables: { a: 'x\u0000' } }), 'application/json'),
    ).toEqual(
      refusal(
        400,
        'text may not contain the NUL character (\\u0000): remove it from the arguments and variables',
        'BAD_USER_INPUT',
      ),
    );
  });

  it('refuses another charset with 415, on the Express path', async () => {
    expect(await post('{}', 'application/json; charset=latin1')).toEqual(
      refusal(415, 'the request body must be JSON in UTF-8, without a content encoding', 'BAD_REQUEST'),
    );
  });
});

import { auditServer } from 'graphql-http';
import { as, gridLeader, tokenFor } from './support/callers';
import { FRESH_CONNECTION, GRAPHQL_RESPONSE_JSON, hub } from './support/hub';

/** The grid leader's headers on every request the audit sends (the gateway answers nothing without a token). */
async function asGridLeader(): Promise<typeof fetch> {
  const authorization = `Bearer ${await tokenFor(gridLeader)}`;
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', authorization);
    headers.set('x-purpose', encodeURIComponent(gridLeader.purpose!));
    headers.set('connection', FRESH_CONNECTION.connection);
    return fetch(input, { ...init, headers });
  };
}

async function post(body: string, accept: string) {
  const res = await (await asGridLeader())(hub().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
}

describe('GraphQL over HTTP (the graphql-http audit of the gateway)', () => {
  it('passes every MUST and every SHOULD', async () => {
    const results = await auditServer({ url: hub().gatewayUrl, fetchFn: await asGridLeader() });
    const failed = results
      .filter((r) => r.status === 'error' || r.status === 'warn')
      .map((r) => ({ name: r.name, status: r.status, reason: 'reason' in r ? r.reason : '' }));
    expect(failed).toEqual([]);
    expect(results.length).toBeGreaterThan(40);
  });

  it.each([
    ['a parse failure', '{"query": "{"}', 'GRAPHQL_PARSE_FAILED'],
    ['a validation failure', '{"query": "{ nowhere }"}', 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a variable that cannot be coerced',
      '{"query": "query ($id: ID!) { resident(id: $id) { id } }", "variables": {"id": {"not": "an id"}}}',
      'BAD_USER_INPUT',
    ],
  ])(
    'answers %s with 200 in application/json and with 400 in application/graphql-response+json',
    async (_what, body, code) => {
      const plain = await post(body, 'application/json');
      const modern = await post(body, GRAPHQL_RESPONSE_JSON);
      expect({
        status: plain.status,
        type: plain.type,
        code: plain.body.errors[0].extensions.code,
        data: plain.body.data,
      }).toEqual({ status: 200, type: 'application/json; charset=utf-8', code, data: undefined });
      expect({ status: modern.status, type: modern.type, code: modern.body.errors[0].extensions.code }).toEqual({
        status: 400,
        type: `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`,
        code,
      });
    },
  );

  it('still answers an ordinary query with 200 in both media types', async () => {
    expect(await as(gridLeader).data('{ __typename }')).toEqual({ __typename: 'Query' });
    expect(await post('{"query": "{ __typename }"}', 'application/json')).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { data: { __typename: 'Query' } },
    });
  });
});

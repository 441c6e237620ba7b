import type { ApolloServerPlugin } from '@apollo/server';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import { anonymousIdentity, anonymousOnlyPublicPlugin } from '../../lib/auth/public';
import { INTERNAL_MESSAGE } from '../../lib/errors';
import type { GatewayContext } from '../../gateway/context';
import { publicFieldsPlugin } from '../../gateway/public-fields';
import { sha256, trustedDocumentsPlugin } from '../../gateway/trusted-documents';
import { execute, smallGateway } from './support/small-gateway';

/** Error formatting, HTTP statuses, public fields and trusted documents, each on the small schema. */

const signedIn = { subject: 'wang.fang' } as ForwardedIdentity;

describe('error formatting (lib/errors.ts formatError) and HTTP statuses (lib/server/http-status.ts)', () => {
  const production = smallGateway();
  const development = smallGateway({ development: true });
  beforeAll(() => Promise.all([production.start(), development.start()]));
  afterAll(() => Promise.all([production.stop(), development.stop()]));

  it('answers a fault of ours with the generic message and code: no stack, no detail of the cause', async () => {
    expect(await execute(production, '{ failing }')).toEqual({
      status: 200,
      data: { failing: null },
      errors: [
        {
          message: INTERNAL_MESSAGE,
          locations: [{ line: 1, column: 3 }],
          path: ['failing'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ],
    });
  });

  it('keeps the message and code of an error the client caused', async () => {
    expect(await execute(production, '{ refused }')).toEqual({
      status: 200,
      data: { refused: null },
      errors: [
        {
          message: 'you may not',
          locations: [{ line: 1, column: 3 }],
          path: ['refused'],
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  });

  it('answers a department too busy to answer anything with 503 and Retry-After', async () => {
    expect(await execute(production, '{ busy }')).toEqual({
      status: 503,
      retryAfter: '1',
      data: { busy: null },
      errors: [
        {
          message:
            'population is busy: no database connection came free in time and nothing was done; try again in 1 s',
          locations: [{ line: 1, column: 3 }],
          path: ['busy'],
          extensions: { code: 'OVERLOADED', department: 'population', retryAfterSeconds: 1 },
        },
      ],
    });
  });

  it('answers the rest when one field is busy (200: a partial answer)', async () => {
    const res = await execute(production, '{ busy serviceProgress(code: "x") }', {}, { identity: signedIn });
    expect({ status: res.status, data: res.data, codes: res.errors?.map((e) => e.extensions?.code) }).toEqual({
      status: 200,
      data: { busy: null, serviceProgress: '受理中' },
      codes: ['OVERLOADED'],
    });
  });

  it('drops schema suggestions in production and keeps them in development', async () => {
    const typo = '{ resident(id: "r1") { nam } }';
    const answer = (message: string) => ({
      status: 400,
      errors: [{ message, locations: [{ line: 1, column: 24 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    expect(await execute(production, typo)).toEqual(answer('Cannot query field "nam" on type "Resident".'));
    expect(await execute(development, typo)).toEqual(
      answer('Cannot query field "nam" on type "Resident". Did you mean "name"?'),
    );
  });

  it('names an operationName the document does not define as the client’s error', async () => {
    const res = await production.executeOperation(
      { query: 'query A { __typename }', operationName: 'B' },
      { contextValue: { requestId: 'test', identity: null } },
    );
    expect(res.body.kind === 'single' && res.body.singleResult.errors).toEqual([
      { message: 'Unknown operation named "B".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
    ]);
  });
});

describe('public fields without a token (gateway/public-fields.ts)', () => {
  const server = smallGateway({
    plugins: [publicFieldsPlugin(false, new RateLimiterMemory({ points: 3, duration: 60 }))],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const anonymous = (query: string, clientIp: string) => execute(server, query, {}, { clientIp });

  it('refuses any other root field without a token, naming it', async () => {
    expect(await anonymous('{ serviceProgress(code: "x") resident(id: "r1") { name } }', '10.0.0.1')).toEqual({
      status: 401,
      errors: [
        {
          message: 'sign in first: send Authorization: Bearer <token> to ask for resident',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('counts every public root field as a lookup, and refuses more in one request than a minute allows', async () => {
    const four =
      '{ a: serviceProgress(code: "1") b: serviceProgress(code: "2") c: gridContactCard(grid: "g") d: serviceProgress(code: "4") }';
    expect(await anonymous(four, '10.0.0.2')).toEqual({
      status: 429,
      errors: [
        {
          message: 'this request makes 4 lookups; an address may make 3 a minute: ask for fewer at once',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
  });

  it('answers an address its lookups of the minute, then refuses it with Retry-After, and not another address', async () => {
    const lookup = '{ serviceProgress(code: "1") }';
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await anonymous(lookup, '10.0.0.3'));
    answers.push(await anonymous(lookup, '10.0.0.4'));
    const ok = { status: 200, data: { serviceProgress: '受理中' } };
    expect(answers).toEqual([
      ok,
      ok,
      ok,
      {
        status: 429,
        retryAfter: expect.stringMatching(/^\d+$/),
        errors: [
          {
            message: expect.stringMatching(/^too many lookups from your address; try again in \d+ s$/),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
          },
        ],
      },
      ok,
    ]);
  });

  it('does not count or limit a signed-in caller', async () => {
    const res = await execute(
      server,
      '{ a: serviceProgress(code: "1") b: serviceProgress(code: "2") c: serviceProgress(code: "3") d: serviceProgress(code: "4") resident(id: "r1") { name } }',
      {},
      { identity: signedIn, clientIp: '10.0.0.5' },
    );
    expect(res).toEqual({
      status: 200,
      data: { a: '受理中', b: '受理中', c: '受理中', d: '受理中', resident: { name: '张三' } },
    });
  });
});

describe('trusted documents (gateway/trusted-documents.ts)', () => {
  const registered = '{ resident(id: "r1") { name } }';
  const server = smallGateway({
    plugins: [
      trustedDocumentsPlugin({
        clients: { 'population-system': { trustedOnly: true }, 'wang.fang': { trustedOnly: false } },
        documents: { [sha256(registered)]: registered },
      }),
    ],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const system = { identity: { subject: 'population-system' } as ForwardedIdentity };
  const refused = (who: string) => ({
    status: 400,
    errors: [
      {
        message: `${who} may run only ${who.startsWith('a call back') ? 'the hub’s' : 'its'} registered operations; this document is not one of them`,
        extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' },
      },
    ],
  });
  const other = '{ resident(id: "r1") { name age } }';

  it('holds a system listed as trusted-only to its registered documents', async () => {
    expect([await execute(server, registered, {}, system), await execute(server, other, {}, system)]).toEqual([
      { status: 200, data: { resident: { name: '张三' } } },
      refused('population-system'),
    ]);
  });

  it('holds a department asking the graph back to the hub’s registered documents', async () => {
    expect(await execute(server, other, {}, { identity: signedIn, callbackFrom: 'grid' })).toEqual(
      refused('a call back from grid'),
    );
  });

  it('lets a person run any document', async () => {
    expect(await execute(server, other, {}, { identity: signedIn })).toEqual({
      status: 200,
      data: { resident: { name: '张三', age: 40 } },
    });
  });
});

describe('a subgraph answers the anonymous identity its public root fields only (lib/auth/public.ts)', () => {
  const server = smallGateway({ plugins: [anonymousOnlyPublicPlugin() as ApolloServerPlugin<GatewayContext>] });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const anonymous = { identity: anonymousIdentity('req-1', null) };

  it('answers a public lookup and refuses anything else as if no identity had come', async () => {
    expect([
      await execute(server, '{ serviceProgress(code: "1") }', {}, anonymous),
      await execute(server, '{ serviceProgress(code: "1") resident(id: "r1") { name } }', {}, anonymous),
      await execute(server, '{ resident(id: "r1") { name } }', {}, { identity: signedIn }),
    ]).toEqual([
      { status: 200, data: { serviceProgress: '受理中' } },
      {
        status: 401,
        errors: [
          {
            message: 'this service answers only requests forwarded by the gateway',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
      { status: 200, data: { resident: { name: '张三' } } },
    ]);
  });
});

import { randomUUID } from 'node:crypto';
/**
 * Capabilities bound to their purpose and valid across replicas (issue 20, item 5; docs/capabilities.md): a forwarded
 * identity or an asking-back capability is accepted once by all the replicas that share its store, the asking-back
 * capability goes only to the department whose mutation asks back and only for that mutation's documents and records,
 * and the public lookup limit counts lookups, whichever gateway they go through.
 */
import { APPLICANT_PLACE } from '../subgraphs/civil-affairs/resolvers/applicant-place';
import { newTrackingCode } from '../subgraphs/civil-affairs/tracking-code';
import { TENANT_PLACE } from '../subgraphs/public-security/resolvers/rental.mutations';
import { caseworker, registrar, tokenFor } from './support/callers';
import { type ExtraGateway, startExtraGateway, startSubgraphReplica } from './support/gateway';
import { graphql, hub, ownerSql } from './support/hub';
import { type RecordedRequest, startRecorder } from './support/recorder';
import { testWorld } from './support/world';

const world = testWorld();
const [applicant, other] = world.residents.slice(-40, -38);
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
const APPLY = 'mutation($input: ApplyForAssistanceInput!) { applyForAssistance(input: $input) { id } }';

/** A gateway in front of the hub's subgraphs through recorders (`holdBack`'s never arrives), sharing the hub gateway's store. */
async function withRecorders(
  holdBack: string | null,
  run: (gateway: ExtraGateway, recorded: Record<string, RecordedRequest[]>) => Promise<void>,
) {
  const recorders = Object.fromEntries(
    await Promise.all(
      Object.entries(hub().subgraphUrls).map(
        async ([name, url]) => [name, await startRecorder(url, { forward: name !== holdBack })] as const,
      ),
    ),
  );
  const gateway = await startExtraGateway(
    Object.fromEntries(
      Object.entries(recorders).map(([name, r]) => [`SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`, r.url]),
    ),
  );
  try {
    await run(gateway, Object.fromEntries(Object.entries(recorders).map(([name, r]) => [name, r.requests])));
  } finally {
    gateway.stop();
    await Promise.all(Object.values(recorders).map((r) => r.stop()));
  }
}

const send = (url: string, headers: Record<string, string>, body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close', ...headers },
    body,
  }).then(async (r) => ({ status: r.status, ...((await r.json()) as any) }));
const askBack = (gatewayUrl: string, callback: string, query: string, variables: Record<string, unknown>) =>
  send(gatewayUrl, { 'x-hub-callback': callback }, JSON.stringify({ query, variables }));

const caseworkerHeaders = async () => ({ authorization: `Bearer ${await tokenFor(caseworker)}` });

/** How many audit rows a department holds of the gateway request a forwarded identity header was bound to. */
async function auditRowsOf(department: 'population' | 'civil-affairs', header: string): Promise<number> {
  const { rid } = JSON.parse(Buffer.from(header.split('.')[3], 'base64url').toString('utf8'));
  const [{ n }] = await ownerSql<{ n: number }>(
    department,
    'select count(*)::int as n from audit_log where request_id = $1',
    [rid],
  );
  return n;
}

/** The capabilities civil affairs would have been handed with `n` applications it never received. */
async function heldCallbacks(
  gateway: ExtraGateway,
  recorded: Record<string, RecordedRequest[]>,
  n: number,
): Promise<string[]> {
  const token = await tokenFor(caseworker);
  for (let i = 0; i < n; i++)
    await graphql(
      APPLY,
      { input: { idempotencyKey: randomUUID(), residentId: applicant.id, program: 'TEMPORARY' } },
      { url: gateway.url, headers: { authorization: `Bearer ${token}` } },
    );
  const callbacks = recorded['civil-affairs'].map((r) => r.headers['x-hub-callback']);
  expect(callbacks).toEqual(Array.from({ length: n }, () => expect.any(String)));
  return callbacks as string[];
}

describe('a forwarded identity is accepted once across the replicas of a department', () => {
  it('what one replica of population accepted, the other refuses', async () => {
    const replica = await startSubgraphReplica('population');
    try {
      await withRecorders('population', async (gateway, recorded) => {
        await graphql(
          'query($id: ID!) { resident(id: $id) { name } }',
          { id: applicant.id },
          { url: gateway.url, headers: { authorization: `Bearer ${await tokenFor(registrar)}` } },
        );
        const [captured] = recorded.population;
        const identity = { 'x-hub-identity': String(captured.headers['x-hub-identity']) };
        expect(await send(replica.url, identity, captured.body)).toMatchObject({
          status: 200,
          data: { resident: { name: applicant.name } },
        });
        const rowsOfFirstUse = await auditRowsOf('population', identity['x-hub-identity']);
        expect(rowsOfFirstUse).toBeGreaterThan(0);
        // a read is claimed with its audit rows as its answer leaves: refused then, nothing of it sent, no row written
        expect(await send(hub().subgraphUrls.population, identity, captured.body)).toEqual({
          status: 401,
          errors: [
            { message: 'the forwarded identity has been used already', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        });
        expect(codes(await send(replica.url, identity, captured.body))).toEqual(['UNAUTHENTICATED']);
        expect(await auditRowsOf('population', identity['x-hub-identity'])).toBe(rowsOfFirstUse);
      });
    } finally {
      replica.stop();
    }
  });
});

describe('a forwarded change', () => {
  it('is claimed before it runs: sent again, it is refused and changes nothing', async () => {
    await withRecorders(null, async (gateway, recorded) => {
      const input = { idempotencyKey: randomUUID(), residentId: other.id, program: 'TEMPORARY' };
      const applied = await graphql(APPLY, { input }, { url: gateway.url, headers: await caseworkerHeaders() });
      expect(applied.data.applyForAssistance.id).toEqual(expect.any(String));
      const captured = recorded['civil-affairs'].find((r) => r.body.includes('applyForAssistance'))!;
      const identity = { 'x-hub-identity': String(captured.headers['x-hub-identity']) };
      const rows = await auditRowsOf('civil-affairs', identity['x-hub-identity']);
      expect(await send(hub().subgraphUrls['civil-affairs'], identity, captured.body)).toEqual({
        status: 401,
        errors: [{ message: 'the forwarded identity has been used already', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect(await auditRowsOf('civil-affairs', identity['x-hub-identity'])).toBe(rows);
    });
  });
});

describe('the asking-back capability', () => {
  it('is accepted once across gateways: used at the gateway that issued it, it is refused at another', async () => {
    await withRecorders('civil-affairs', async (gateway, recorded) => {
      const [first, second] = await heldCallbacks(gateway, recorded, 2);
      expect(await askBack(gateway.url, first, APPLICANT_PLACE, { id: applicant.id })).toMatchObject({
        data: { resident: { id: applicant.id } },
      });
      expect(await askBack(hub().gatewayUrl, first, APPLICANT_PLACE, { id: applicant.id })).toMatchObject({
        errors: [{ message: 'the call back has been used already', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      // and the other way round
      expect(await askBack(hub().gatewayUrl, second, APPLICANT_PLACE, { id: applicant.id })).toMatchObject({
        data: { resident: { id: applicant.id } },
      });
      expect(await askBack(gateway.url, second, APPLICANT_PLACE, { id: applicant.id })).toMatchObject({
        errors: [{ message: 'the call back has been used already' }],
      });
    });
  });

  it('runs only the document its mutation asks with, only about the records the mutation names, and is spent by a try', async () => {
    await withRecorders('civil-affairs', async (gateway, recorded) => {
      const [forOther, forDocument] = await heldCallbacks(gateway, recorded, 2);
      expect(await askBack(hub().gatewayUrl, forOther, APPLICANT_PLACE, { id: other.id })).toMatchObject({
        errors: [
          {
            message:
              'the call back was handed to civil-affairs for other records: it may ask only about the records its change names',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      // registered, but not what applying for assistance asks with
      expect(await askBack(hub().gatewayUrl, forDocument, TENANT_PLACE, { id: applicant.id })).toMatchObject({
        errors: [
          {
            message:
              'the call back was handed to civil-affairs for another document: it runs only the registered one its change asks with',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
      for (const spent of [forOther, forDocument]) {
        expect(await askBack(hub().gatewayUrl, spent, APPLICANT_PLACE, { id: applicant.id })).toMatchObject({
          errors: [{ message: 'the call back has been used already' }],
        });
      }
    });
  });

  it('is handed only to the department whose mutation asks back, never with an entity fetch for another’s mutation', async () => {
    await withRecorders(null, async (gateway, recorded) => {
      const res = await graphql(
        'mutation($id: ID!, $phone: String!) { updateResident(id: $id, input: { phone: $phone }) { id assistance { program } } }',
        { id: applicant.id, phone: applicant.phone },
        {
          url: gateway.url,
          headers: { authorization: `Bearer ${await tokenFor(registrar)}` },
        },
      );
      expect(res.data?.updateResident?.id).toBe(applicant.id);
      // civil affairs resolved the resident's cases for population's change: it was asked, and handed nothing
      expect(recorded['civil-affairs'].map((r) => r.body)).toEqual([expect.stringContaining('_entities')]);
      const handed = Object.entries(recorded).flatMap(([name, requests]) =>
        requests.filter((r) => r.headers['x-hub-callback']).map(() => name),
      );
      expect(handed).toEqual([]);
      // the department whose change asks back gets it
      await graphql(
        APPLY,
        { input: { idempotencyKey: randomUUID(), residentId: applicant.id, program: 'TEMPORARY' } },
        { url: gateway.url, headers: { authorization: `Bearer ${await tokenFor(caseworker)}` } },
      );
      expect(recorded['civil-affairs'].slice(1).map((r) => typeof r.headers['x-hub-callback'])).toEqual(['string']);
    });
  });
});

describe('the public lookup limit', () => {
  const lookups = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `l${i}: serviceProgress(trackingCode: "${newTrackingCode()}") { step }`).join(' ')} }`;
  // behind the load balancer the gateways trust, each test is a client address of its own
  const from = (ip: string, url: string, n: number) =>
    send(url, { 'x-forwarded-for': ip }, JSON.stringify({ query: lookups(n) }));
  let clients = 0;
  const address = () => `198.51.${process.pid % 250}.${++clients}`;
  let gateways: ExtraGateway[] = [];
  beforeAll(async () => {
    gateways = await Promise.all(
      [0, 1].map(() => startExtraGateway({ HUB_PUBLIC_LOOKUPS_PER_MINUTE: '20', HUB_TRUST_PROXY: 'loopback' })),
    );
  });
  afterAll(() => {
    for (const g of gateways) g.stop();
  });

  it('counts every public root field: thirty aliased lookups in one request are thirty, and refused', async () => {
    const ip = address();
    expect(await from(ip, gateways[0].url, 30)).toMatchObject({
      status: 429,
      errors: [
        {
          message: 'this request makes 30 lookups; an address may make 20 a minute: ask for fewer at once',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    const ten = await from(ip, gateways[0].url, 10);
    expect(Object.keys(ten.data ?? {})).toHaveLength(10);
    expect(codes(await from(ip, gateways[0].url, 10))).toEqual(Array(10).fill('NOT_FOUND'));
    expect(await from(ip, gateways[0].url, 1)).toMatchObject({
      status: 429,
      errors: [{ extensions: { code: 'RATE_LIMITED' } }],
    });
  });

  it('holds across gateways: what one counted, the other refuses', async () => {
    const ip = address();
    expect(codes(await from(ip, gateways[0].url, 20))).toEqual(Array(20).fill('NOT_FOUND'));
    expect(await from(ip, gateways[1].url, 1)).toMatchObject({
      status: 429,
      errors: [
        { message: expect.stringMatching(/^too many lookups from your address/), extensions: { code: 'RATE_LIMITED' } },
      ],
    });
    // another address is not held by it
    expect(codes(await from(address(), gateways[1].url, 1))).toEqual(['NOT_FOUND']);
  });
});

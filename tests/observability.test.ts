import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { mintUserToken } from '../lib/auth/user-token';
import { generateWorld } from '../runner/synthetic/world';
import { as, gridLeader, tokenFor } from './support/callers';
import { FRESH_CONNECTION, hub } from './support/hub';
import { interrupt, type LaunchedHub, launchHub } from './support/launch';
import { type OtlpReceiver, startOtlpReceiver } from './support/otlp';
import { testWorld } from './support/world';

const RESIDENT_360 = `query Resident360($id: ID!) {
  resident(id: $id) { id name household { building { address grid { name } } } registration { type } assistance { program status } }
}`;

const metricsOf = async (url: string) =>
  (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: FRESH_CONNECTION })).text();
/** The value of one series in a Prometheus text exposition (0 when it has not been recorded yet). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function post(url: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...FRESH_CONNECTION, ...headers },
    body: JSON.stringify(body),
  });
  return { requestId: res.headers.get('x-request-id'), status: res.status, body: (await res.json()) as any };
}

describe('request ids', () => {
  const headers = async () => ({
    authorization: `Bearer ${await tokenFor(gridLeader)}`,
    'x-purpose': encodeURIComponent(gridLeader.purpose!),
  });

  it('every answer carries one, the client’s own when it is well-formed, and a new one for anything else', async () => {
    const mine = 'client-4f1c2a9e-0001';
    expect(
      (await post(hub().gatewayUrl, { query: '{ __typename }' }, { ...(await headers()), 'x-request-id': mine }))
        .requestId,
    ).toBe(mine);
    for (const odd of ["' OR 1=1 --", 'x', 'a'.repeat(300)]) {
      expect(
        (await post(hub().gatewayUrl, { query: '{ __typename }' }, { ...(await headers()), 'x-request-id': odd }))
          .requestId,
      ).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    // errors too: a bad token, a body that is not JSON, a subgraph asked without the gateway
    expect(
      (await post(hub().gatewayUrl, { query: '{ __typename }' }, { authorization: 'Bearer nope' })).requestId,
    ).toMatch(/^[0-9a-f-]{36}$/);
    const notJson = await fetch(hub().gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...FRESH_CONNECTION },
      body: '{',
    });
    expect({ status: notJson.status, id: notJson.headers.get('x-request-id') }).toEqual({
      status: 400,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect((await post(hub().subgraphUrls.population, { query: '{ __typename }' }, {})).requestId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });
});

describe('Prometheus metrics on every process', () => {
  it('the gateway counts requests by operation, errors by code and its fetches from each department', async () => {
    const before = await metricsOf(hub().gatewayUrl);
    const resident = testWorld().residents[0];
    await as(gridLeader).data(RESIDENT_360, { id: resident.id });
    await as(gridLeader).graphql('query Broken { nowhere }');
    const after = await metricsOf(hub().gatewayUrl);
    const grew = (series: string) => sample(after, series) - sample(before, series);
    expect({
      resident360: grew('hub_graphql_request_duration_seconds_count{operation="Resident360"}'),
      // an operation that fails validation never gets a name: it counts as anonymous
      broken: grew('hub_graphql_request_duration_seconds_count{operation="anonymous"}'),
      validationErrors: grew('hub_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}'),
      populationFetches: grew('hub_subgraph_fetch_duration_seconds_count{subgraph="population",outcome="2xx"}') >= 1,
    }).toEqual({ resident360: 1, broken: 1, validationErrors: 1, populationFetches: true });
    expect(after).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('each subgraph has its request latency, its pool and its audit writes', async () => {
    for (const url of Object.values(hub().subgraphUrls)) {
      const text = await metricsOf(url);
      expect(text).toMatch(/^hub_graphql_request_duration_seconds_bucket\{le="0.005",operation="[^"]+"\} \d+/m);
      expect(text).toMatch(/^hub_db_pool_connections\{state="used"\} \d+$/m);
      expect(text).toMatch(/^hub_db_pool_connections\{state="free"\} \d+$/m);
      expect(text).toMatch(/^hub_db_pool_connections\{state="pending"\} \d+$/m);
      expect(text).toMatch(/^hub_audit_write_duration_seconds_count \d+$/m);
      expect(text).toMatch(/^hub_sql_statements_total \d+$/m);
    }
    // the reads above were of personal data: population wrote them to its audit log, and timed it
    expect(
      sample(await metricsOf(hub().subgraphUrls.population), 'hub_audit_write_duration_seconds_count'),
    ).toBeGreaterThan(0);
  });
});

/**
 * A hub of its own (a second one beside the test hub, seeded small), started with OTEL_EXPORTER_OTLP_ENDPOINT pointing
 * at an OTLP/HTTP receiver in this test: what an operator's collector would get. One hub for the whole file: it takes
 * a few seconds to start.
 */
describe('traces and error logs of one request (a hub exporting to an OTLP receiver)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-observability-'));
  chmodSync(dir, 0o755);
  const world = generateWorld({ residents: 200 });
  let receiver: OtlpReceiver;
  let traced: LaunchedHub;
  let authorization: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const saved = { ...process.env };
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' });
    try {
      traced = await launchHub({
        dataDir: join(dir, 'data'),
        seedResidents: 200,
        ephemeral: true,
        readyFile: join(dir, 'ready.json'),
      });
    } finally {
      process.env = saved;
    }
    const { jwtSecret } = JSON.parse(readFileSync(traced.info.secretsFile, 'utf8')) as { jwtSecret: string };
    const district = world.regions.find((r) => r.level === 'DISTRICT')!.id;
    authorization = `Bearer ${await mintUserToken({ subject: 'tracing', name: 'tracing', department: 'GRID', role: 'GRID_LEADER', scope: [district] }, jwtSecret)}`;
  });

  afterAll(async () => {
    if (traced) await interrupt(traced.child);
    await receiver?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const spansOf = (requestId: string) => receiver.spans.filter((s) => s.attributes['hub.request_id'] === requestId);
  async function untilSpans(requestId: string, services: string[]) {
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      !services.every((service) => spansOf(requestId).some((s) => s.service === service && s.kind === 2))
    )
      await new Promise((r) => setTimeout(r, 100));
    return spansOf(requestId);
  }

  it('one client request is one trace across the gateway and every department, with a span per subgraph fetch and per SQL statement, each carrying the request id', async () => {
    const requestId = 'trace-me-0000000001';
    const res = await post(
      traced.info.gatewayUrl,
      { query: RESIDENT_360, variables: { id: world.residents[0].id } },
      { authorization, 'x-purpose': 'tracing', 'x-request-id': requestId },
    );
    expect({ status: res.status, requestId: res.requestId, errors: res.body.errors }).toEqual({
      status: 200,
      requestId,
      errors: undefined,
    });

    const departments = ['hub-population', 'hub-grid', 'hub-civil-affairs', 'hub-public-security'];
    const spans = await untilSpans(requestId, ['hub-gateway', ...departments]);
    const trace = receiver.spans.filter((s) => s.traceId === spans[0]?.traceId);
    // one trace, and every span of it carries the request id
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect(
      trace.filter((s) => s.attributes['hub.request_id'] !== requestId).map((s) => `${s.service} ${s.name}`),
    ).toEqual([]);
    // the gateway's own: the client's request, Apollo Gateway's plan and its fetches
    const gateway = trace.filter((s) => s.service === 'hub-gateway');
    expect(gateway.filter((s) => s.kind === 2 && !s.parentSpanId)).toHaveLength(1);
    expect(gateway.map((s) => s.name)).toEqual(
      expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']),
    );
    // each department's answer hangs under a fetch the gateway made (an HTTP client span of the gateway)
    const clientSpans = new Set(gateway.filter((s) => s.kind === 3).map((s) => s.spanId));
    for (const department of departments) {
      const served = trace.filter((s) => s.service === department && s.kind === 2);
      expect(served.length).toBeGreaterThan(0);
      expect(served.every((s) => clientSpans.has(s.parentSpanId!))).toBe(true);
    }
    // and the SQL statements each department ran for it
    const sql = trace.filter(
      (s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql',
    );
    expect(new Set(sql.map((s) => s.service))).toEqual(new Set(departments));
  });

  it('a fault is logged as one JSON line with the request id the client got back', async () => {
    // civil affairs loses the right to read its cases: its part of the answer fails on our side
    const appRole = new URL(traced.info.databaseUrls['civil-affairs']).username;
    const owner = new Client({ connectionString: traced.info.ownerUrls['civil-affairs'] });
    await owner.connect();
    await owner.query(`revoke select on assistance_case from "${appRole}"`);
    await owner.end();

    const res = await post(
      traced.info.gatewayUrl,
      { query: RESIDENT_360, variables: { id: world.residents[1].id } },
      { authorization, 'x-purpose': 'tracing' },
    );
    const internal = res.body.errors.find((e: any) => e.extensions.code === 'INTERNAL_SERVER_ERROR');
    expect(internal).toEqual({
      message: 'Internal error; it has been logged for the operators',
      path: ['resident', 'assistance'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: res.requestId },
    });
    // Resident.assistance is nullable: its failure empties that field only, the other departments still answer
    expect(res.body.data.resident).toMatchObject({
      id: world.residents[1].id,
      name: world.residents[1].name,
      assistance: null,
    });

    const deadline = Date.now() + 5000;
    const logLine = () =>
      traced
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l))
        .find((entry) => entry.service === 'civil-affairs' && entry.requestId === res.requestId && entry.level === 50);
    while (!logLine() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(logLine()).toMatchObject({
      service: 'civil-affairs',
      requestId: res.requestId,
      msg: 'internal error',
      err: { message: expect.stringMatching(/permission denied for table assistance_case/) },
    });
  });
});

import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tokenFor } from './support/callers';
import { type ExtraGateway, startExtraGateway } from './support/gateway';
import { FRESH_CONNECTION, graphql } from './support/hub';
import { freePorts } from './support/ports';
import { testWorld } from './support/world';

/**
 * Departments that are there but do not answer, seen through a gateway of this test's own in front of the test hub:
 * public security's URL is a socket that accepts and never answers, civil affairs' a proxy that answers 502 (its
 * subgraph behind it gone). The gateway answers within its limit per fetch, with the other departments' data.
 */
describe('a department that never answers, or answers 502', () => {
  const sockets: Socket[] = [];
  let silent: Server;
  let proxy: HttpServer;
  let gateway: ExtraGateway;
  const resident = testWorld().residents[3];

  beforeAll(async () => {
    const [silentPort, proxyPort] = await freePorts(2);
    silent = createTcpServer((socket) => void sockets.push(socket));
    proxy = createHttpServer((_req, res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>'),
    );
    await Promise.all([
      new Promise<void>((r) => silent.listen(silentPort, '127.0.0.1', r)),
      new Promise<void>((r) => proxy.listen(proxyPort, '127.0.0.1', r)),
    ]);
    gateway = await startExtraGateway({
      SUBGRAPH_URL_PUBLIC_SECURITY: `http://127.0.0.1:${silentPort}/graphql`,
      SUBGRAPH_URL_CIVIL_AFFAIRS: `http://127.0.0.1:${proxyPort}/graphql`,
      // long enough for the departments that do answer on a loaded 2-core machine (800 ms was not, once)
      HUB_SUBGRAPH_TIMEOUT_MS: '3000',
      // each request here meets the department itself: its breaker opens only through /health
      // (tests/fault-frozen-department.test.ts is the breaker's)
      HUB_BREAKER_PROBE_MS: '3600000',
      HUB_BREAKER_FAILURES: '1000',
    });
  });
  afterAll(async () => {
    gateway?.stop();
    for (const socket of sockets) socket.destroy();
    await Promise.all([new Promise((r) => silent.close(r)), new Promise((r) => proxy.close(r))]);
  });

  it('answers population and grid, with DEPARTMENT_UNAVAILABLE and the reason on the fields of the two others', async () => {
    const token = await tokenFor({ department: 'PUBLIC_SECURITY', role: 'GRID_POLICE' });
    const res = await graphql(
      'query ($id: ID!) { resident(id: $id) { name registration { type } assistance { program } grid { id } } }',
      { id: resident.id },
      { url: gateway.url, headers: { authorization: `Bearer ${token}` } },
    );
    const unavailable = (department: string, reason: string, field: string) => ({
      message: `${department} is unavailable (${reason}); its fields are left empty, the other departments answered`,
      path: ['resident', field],
      extensions: { code: 'DEPARTMENT_UNAVAILABLE', department, reason, serviceName: department },
    });
    expect(res).toEqual({
      status: 200,
      data: {
        resident: { name: resident.name, registration: null, assistance: null, grid: { id: expect.any(String) } },
      },
      errors: expect.arrayContaining([
        unavailable('public-security', 'no answer within 3000 ms', 'registration'),
        unavailable('civil-affairs', 'its server answered 502', 'assistance'),
      ]),
    });
    expect(res.errors).toHaveLength(2);
  });

  it('fails a cohort search that needs a department that is down, naming it: without its section the answer would be wrong', async () => {
    const token = await tokenFor({ department: 'GRID', role: 'GRID_LEADER' });
    const res = await graphql(
      '{ cohort(where: { civilAffairs: { program: MINIMUM_LIVING } }, first: 5) { totalCount } }',
      {},
      {
        url: gateway.url,
        headers: { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent('月度走访 2026-11') },
      },
    );
    expect(res).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message:
            'the cohort search needs civil-affairs, which is unavailable (its server answered 502); ask again without its conditions or later',
          path: ['cohort'],
          extensions: {
            code: 'DEPARTMENT_UNAVAILABLE',
            department: 'civil-affairs',
            reason: 'its server answered 502',
            serviceName: 'cohort',
          },
        },
      ],
    });
  });

  it('/health names both as unavailable (which opens their breakers) and /ready still says the gateway serves', async () => {
    const health = await fetch(gateway.url.replace(/\/graphql$/, '/health'), { headers: FRESH_CONNECTION });
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({
      gateway: 'ok',
      status: 'degraded',
      subgraphs: [
        { name: 'civil-affairs', status: 'unavailable', latencyMs: expect.any(Number), breaker: 'open' },
        { name: 'grid', status: 'ok', latencyMs: expect.any(Number), breaker: 'closed' },
        { name: 'population', status: 'ok', latencyMs: expect.any(Number), breaker: 'closed' },
        { name: 'public-security', status: 'unavailable', breaker: 'open' },
      ],
    });
    expect((await fetch(gateway.url.replace(/\/graphql$/, '/ready'), { headers: FRESH_CONNECTION })).status).toBe(200);
  });
});

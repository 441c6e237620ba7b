import { DEPARTMENTS } from '../lib/departments';
import { hub } from './support/hub';

/** GET `path` on a process's own port: its status and JSON (an Express HTML 404 would fail the parse). */
async function probe(graphqlUrl: string, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(graphqlUrl.replace(/\/graphql$/, path), { headers: { connection: 'close' } });
  return { status: res.status, body: await res.json() };
}

const metricsOf = async (graphqlUrl: string) => (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();

describe('every process answers /live and /ready; the database-pool gauge only where there is a pool', () => {
  it('the gateway: live and ready, and no hub_db_pool_connections in its /metrics', async () => {
    const url = hub().gatewayUrl;
    expect({
      live: await probe(url, '/live'),
      ready: await probe(url, '/ready'),
      pool: (await metricsOf(url)).includes('hub_db_pool_connections'),
    }).toEqual({
      live: { status: 200, body: { gateway: 'ok' } },
      ready: { status: 200, body: { gateway: 'ready' } },
      pool: false,
    });
  });

  it.each([...DEPARTMENTS])('%s: live, ready, and its pool in /metrics', async (name) => {
    const url = hub().subgraphUrls[name];
    expect({
      live: await probe(url, '/live'),
      ready: await probe(url, '/ready'),
      pool: /^hub_db_pool_connections\{state="used"\} \d+$/m.test(await metricsOf(url)),
    }).toEqual({
      live: { status: 200, body: { status: 'ok', subgraph: name } },
      ready: { status: 200, body: { status: 'ready', subgraph: name } },
      pool: true,
    });
  });
});

import { FRESH_CONNECTION, hub } from './support/hub';

describe('GET /health on the gateway', () => {
  it('reports each subgraph', async () => {
    const res = await fetch(hub().gatewayUrl.replace(/\/graphql$/, '/health'), { headers: FRESH_CONNECTION });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      gateway: 'ok',
      status: 'ok',
      subgraphs: ['civil-affairs', 'grid', 'population', 'public-security'].map((name) => ({
        name,
        status: 'ok',
        latencyMs: expect.any(Number),
        breaker: 'closed',
      })),
    });
  });
});

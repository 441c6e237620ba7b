import { Client } from 'pg';
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

describe("GET /health on a subgraph (its readiness): its database answers and its schema is at this build's version", () => {
  it('is 503 while a migration this build expects is not recorded, 200 again once it is', async () => {
    const health = async () => {
      const res = await fetch(hub().subgraphUrls.grid.replace(/\/graphql$/, '/health'), { headers: FRESH_CONNECTION });
      return { status: res.status, body: await res.json() };
    };
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', subgraph: 'grid' } });
    // a fault of the test's making, undone at once: the grid's latest migration as if its Job had not run yet
    const owner = new Client({ connectionString: hub().ownerUrls.grid });
    await owner.connect();
    try {
      const [latest] = (
        await owner.query(
          'delete from mikro_orm_migrations where id = (select max(id) from mikro_orm_migrations) returning *',
        )
      ).rows;
      try {
        expect(await health()).toEqual({
          status: 503,
          body: { status: 'unavailable', subgraph: 'grid', reason: 'schema behind: 1 migrations not applied' },
        });
      } finally {
        await owner.query('insert into mikro_orm_migrations (id, name, executed_at) values ($1, $2, $3)', [
          latest.id,
          latest.name,
          latest.executed_at,
        ]);
      }
    } finally {
      await owner.end();
    }
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', subgraph: 'grid' } });
  });
});

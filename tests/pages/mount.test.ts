import { randomUUID } from 'node:crypto';
import { type ExtraGateway, startExtraGateway } from '../support/gateway';
import { hub } from '../support/hub';
import { testWorld } from '../support/world';

/** Status and content-security policy of a GET (or of `init`) on `base`. */
async function served(base: string, path: string, init?: RequestInit) {
  const res = await fetch(new URL(path, base), init);
  return { status: res.status, policy: res.headers.get('content-security-policy')?.split('; ')[0] ?? null };
}

const OFFLINE = "default-src 'self'";
const DEV_LOGIN = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"department":"GRID","role":"GRID_LEADER"}',
};

describe('the pages the gateway mounts (pages/mount.ts)', () => {
  it('in development: every page and the shared plumbing, under the offline policy, and the development login', async () => {
    const base = hub().gatewayUrl;
    const login = await fetch(new URL('/pages/dev-login', base), DEV_LOGIN);
    expect({
      dashboard: await served(base, '/dashboard/'),
      worker: await served(base, '/worker/'),
      me: await served(base, '/me/'),
      graphiql: await served(base, '/graphiql/'),
      session: await served(base, '/pages/session.js'),
      client: await served(base, '/pages/graphql.js'),
      config: await (await fetch(new URL('/pages/config.json', base))).json(),
      login: { status: login.status, token: typeof ((await login.json()) as { token?: string }).token },
    }).toEqual({
      dashboard: { status: 200, policy: OFFLINE },
      worker: { status: 200, policy: OFFLINE },
      me: { status: 200, policy: OFFLINE },
      graphiql: { status: 200, policy: OFFLINE },
      session: { status: 200, policy: OFFLINE },
      client: { status: 200, policy: OFFLINE },
      config: { development: true },
      login: { status: 200, token: 'string' },
    });
  });

  it('in development: the login mints a token for one region of the district (the worker’s page), and refuses another id', async () => {
    const grid = testWorld().regions.find((r) => r.level === 'GRID')!;
    const login = (regionId: string) =>
      fetch(new URL('/pages/dev-login', hub().gatewayUrl), {
        ...DEV_LOGIN,
        body: JSON.stringify({ department: 'GRID', role: 'GRID_WORKER', regionId }),
      });
    const narrowed = await login(grid.id);
    const { token } = (await narrowed.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const unknown = await login(randomUUID());
    expect({
      narrowed: { status: narrowed.status, role: claims.role, scope: claims.scope },
      unknown: { status: unknown.status, ...((await unknown.json()) as object) },
    }).toEqual({
      narrowed: { status: 200, role: 'GRID_WORKER', scope: [grid.id] },
      unknown: { status: 400, error: expect.stringMatching(/is no region of the district/) },
    });
  });

  describe('in production mode', () => {
    let gateway: ExtraGateway;
    beforeAll(async () => (gateway = await startExtraGateway({})));
    afterAll(() => gateway?.stop());

    it('serves the dashboard and the shared plumbing, but no GraphiQL and no development login', async () => {
      expect({
        dashboard: await served(gateway.url, '/dashboard/'),
        worker: await served(gateway.url, '/worker/'),
        me: await served(gateway.url, '/me/'),
        session: await served(gateway.url, '/pages/session.js'),
        config: await (await fetch(new URL('/pages/config.json', gateway.url))).json(),
        graphiql: (await served(gateway.url, '/graphiql/')).status,
        login: (await served(gateway.url, '/pages/dev-login', DEV_LOGIN)).status,
      }).toEqual({
        dashboard: { status: 200, policy: OFFLINE },
        worker: { status: 200, policy: OFFLINE },
        me: { status: 200, policy: OFFLINE },
        session: { status: 200, policy: OFFLINE },
        config: { development: false },
        graphiql: 404,
        login: 404,
      });
    });
  });
});

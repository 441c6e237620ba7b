import { type ExtraGateway, startExtraGateway } from '../support/gateway';
import { hub } from '../support/hub';

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
      graphiql: await served(base, '/graphiql/'),
      session: await served(base, '/pages/session.js'),
      client: await served(base, '/pages/graphql.js'),
      config: await (await fetch(new URL('/pages/config.json', base))).json(),
      login: { status: login.status, token: typeof ((await login.json()) as { token?: string }).token },
    }).toEqual({
      dashboard: { status: 200, policy: OFFLINE },
      graphiql: { status: 200, policy: OFFLINE },
      session: { status: 200, policy: OFFLINE },
      client: { status: 200, policy: OFFLINE },
      config: { development: true },
      login: { status: 200, token: 'string' },
    });
  });

  describe('in production mode', () => {
    let gateway: ExtraGateway;
    beforeAll(async () => (gateway = await startExtraGateway({})));
    afterAll(() => gateway?.stop());

    it('serves the dashboard and the shared plumbing, but no GraphiQL and no development login', async () => {
      expect({
        dashboard: await served(gateway.url, '/dashboard/'),
        session: await served(gateway.url, '/pages/session.js'),
        config: await (await fetch(new URL('/pages/config.json', gateway.url))).json(),
        graphiql: (await served(gateway.url, '/graphiql/')).status,
        login: (await served(gateway.url, '/pages/dev-login', DEV_LOGIN)).status,
      }).toEqual({
        dashboard: { status: 200, policy: OFFLINE },
        session: { status: 200, policy: OFFLINE },
        config: { development: false },
        graphiql: 404,
        login: 404,
      });
    });
  });
});

import { networkInterfaces } from 'node:os';
import { type ExtraGateway, startExtraGateway } from './support/gateway';

const DEV_LOGIN = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: '{"department":"GRID","role":"GRID_LEADER"}',
};

/** This machine's first address that is not loopback (the one another machine would reach it on). */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('the development login with HOST=0.0.0.0: this machine only', () => {
  let gateway: ExtraGateway;
  beforeAll(async () => (gateway = await startExtraGateway({ HUB_MODE: 'development', HOST: '0.0.0.0' })));
  afterAll(() => gateway?.stop());

  it('mints a token for a request from 127.0.0.1 and refuses one on the machine’s outside address, saying why', async () => {
    expect(outsideAddress).toBeDefined();
    const login = async (host: string) => {
      const url = new URL(gateway.url);
      url.hostname = host;
      url.pathname = '/pages/dev-login';
      // a forwarded-for header claiming loopback changes nothing: the socket's own address decides
      const res = await fetch(url, { ...DEV_LOGIN, headers: { ...DEV_LOGIN.headers, 'x-forwarded-for': '127.0.0.1' } });
      const body = (await res.json()) as { token?: string; error?: string };
      return { status: res.status, token: typeof body.token, error: body.error };
    };
    expect({ loopback: await login('127.0.0.1'), outside: await login(outsideAddress!) }).toEqual({
      loopback: { status: 200, token: 'string', error: undefined },
      outside: {
        status: 403,
        token: 'undefined',
        error:
          'the development login answers requests from the hub’s own machine only (127.0.0.1); elsewhere sign in with a token (npm run token)',
      },
    });
  });
});

import { openReason } from '../gateway/breaker';
import { tokenFor } from './support/callers';
import { type ExtraGateway, startExtraGateway, startSubgraphReplica } from './support/gateway';
import { FRESH_CONNECTION, graphql } from './support/hub';
import { testWorld } from './support/world';

/**
 * A department whose process is frozen (`kill -STOP`): it accepts connections and never answers. Public security's
 * subgraph here is a process of this test's own (a replica on the test hub's database), with two gateways of the
 * test's own in front of it: one that probes every department often, one that never probes on its own (so only
 * requests and its /health move its breaker). Once a breaker is open, requests fail at once: the error's reason says
 * the breaker's, and the breaker's counter counts each request it refused without asking the department.
 */
describe('a frozen department behind the circuit breaker', () => {
  let replica: ExtraGateway;
  let probing: ExtraGateway;
  let quiet: ExtraGateway;
  const resident = testWorld().residents[3];
  const RESIDENT = 'query ($id: ID!) { resident(id: $id) { name registration { type } } }';

  beforeAll(async () => {
    replica = await startSubgraphReplica('public-security');
    const env = { SUBGRAPH_URL_PUBLIC_SECURITY: replica.url, HUB_SUBGRAPH_TIMEOUT_MS: '1000' };
    [probing, quiet] = await Promise.all([
      startExtraGateway({ ...env, HUB_BREAKER_PROBE_MS: '200', HUB_BREAKER_PROBE_TIMEOUT_MS: '500' }),
      startExtraGateway({ ...env, HUB_BREAKER_PROBE_MS: '3600000', HUB_BREAKER_PROBE_TIMEOUT_MS: '500' }),
    ]);
  });
  afterAll(() => {
    if (replica) process.kill(replica.pid, 'SIGCONT');
    replica?.stop();
    probing?.stop();
    quiet?.stop();
  });

  const ask = async (gateway: ExtraGateway) =>
    graphql(
      RESIDENT,
      { id: resident.id },
      {
        url: gateway.url,
        headers: { authorization: `Bearer ${await tokenFor({ department: 'PUBLIC_SECURITY', role: 'GRID_POLICE' })}` },
      },
    );
  const withoutPublicSecurity = (reason: string) => ({
    status: 200,
    data: { resident: { name: resident.name, registration: null } },
    errors: [
      {
        message: `public-security is unavailable (${reason}); its fields are left empty, the other departments answered`,
        path: ['resident', 'registration'],
        extensions: {
          code: 'DEPARTMENT_UNAVAILABLE',
          department: 'public-security',
          reason,
          serviceName: 'public-security',
        },
      },
    ],
  });
  /** public security's breaker as the gateway's /metrics reports it: its state (1 open) and the requests it refused */
  const breakerOf = async (gateway: ExtraGateway) => {
    const text = await (
      await fetch(gateway.url.replace(/\/graphql$/, '/metrics'), { headers: FRESH_CONNECTION })
    ).text();
    const value = (name: string) =>
      Number(text.match(new RegExp(`^${name}\\{department="public-security"\\} (\\d+)$`, 'm'))?.[1]);
    return {
      state: value('hub_department_breaker_state'),
      rejected: value('hub_department_breaker_rejections_total'),
    };
  };
  const until = async (gateway: ExtraGateway, state: 0 | 1) => {
    for (let i = 0; i < 200 && (await breakerOf(gateway)).state !== state; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await breakerOf(gateway)).state).toBe(state);
  };
  const health = async (gateway: ExtraGateway) => {
    const res = await fetch(gateway.url.replace(/\/graphql$/, '/health'), { headers: FRESH_CONNECTION });
    const body = (await res.json()) as { subgraphs: { name: string; status: string; breaker: string }[] };
    return { status: res.status, publicSecurity: body.subgraphs.find((s) => s.name === 'public-security') };
  };

  it('answers in full before, fails at once while frozen (probed, or after three time-outs in a row), answers in full after kill -CONT', async () => {
    const full = await ask(probing);
    expect(full).toEqual({
      status: 200,
      data: { resident: { name: resident.name, registration: { type: expect.any(String) } } },
    });
    expect(await ask(quiet)).toEqual(full);
    expect([await breakerOf(probing), await breakerOf(quiet)]).toEqual([
      { state: 0, rejected: 0 },
      { state: 0, rejected: 0 },
    ]);

    process.kill(replica.pid, 'SIGSTOP');

    // the probing gateway: its liveness probe finds no answer and opens the breaker before any request pays for it
    await until(probing, 1);
    const during = [await ask(probing), await ask(probing), await ask(probing)];
    expect(during).toEqual([1, 2, 3].map(() => withoutPublicSecurity(openReason('no answer within 500 ms'))));
    expect(await breakerOf(probing)).toEqual({ state: 1, rejected: 3 });

    // the quiet gateway: three requests wait for the time-out, the breaker opens, the next ones fail at once
    const timedOut = [await ask(quiet), await ask(quiet), await ask(quiet)];
    expect(timedOut).toEqual([1, 2, 3].map(() => withoutPublicSecurity('no answer within 1000 ms')));
    expect(await breakerOf(quiet)).toEqual({ state: 1, rejected: 0 });
    expect([await ask(quiet), await ask(quiet)]).toEqual(
      [1, 2].map(() => withoutPublicSecurity(openReason('no answer within 1000 ms'))),
    );
    expect(await breakerOf(quiet)).toEqual({ state: 1, rejected: 2 });

    // a cohort that needs public security fails at once too, naming it
    const cohort = await graphql(
      '{ cohort(where: { publicSecurity: { registrationType: NON_LOCAL } }, first: 5) { totalCount } }',
      {},
      {
        url: quiet.url,
        headers: {
          authorization: `Bearer ${await tokenFor({ department: 'GRID', role: 'GRID_LEADER' })}`,
          'x-purpose': encodeURIComponent('月度走访 2026-11'),
        },
      },
    );
    expect(cohort.errors?.map((e) => e.extensions)).toEqual([
      {
        code: 'DEPARTMENT_UNAVAILABLE',
        department: 'public-security',
        reason: openReason('no answer within 1000 ms'),
        serviceName: 'cohort',
      },
    ]);
    expect(await breakerOf(quiet)).toEqual({ state: 1, rejected: 3 });
    expect(await health(quiet)).toEqual({
      status: 503,
      publicSecurity: { name: 'public-security', status: 'unavailable', breaker: 'open' },
    });

    process.kill(replica.pid, 'SIGCONT');

    // the probing gateway closes by itself once public security's /health answers; the quiet one when /health is asked
    await until(probing, 0);
    expect(await ask(probing)).toEqual(full);
    expect(await health(quiet)).toEqual({
      status: 200,
      publicSecurity: { name: 'public-security', status: 'ok', latencyMs: expect.any(Number), breaker: 'closed' },
    });
    expect(await ask(quiet)).toEqual(full);
    expect([await breakerOf(probing), await breakerOf(quiet)]).toEqual([
      { state: 0, rejected: 3 },
      { state: 0, rejected: 3 },
    ]);
  });
});

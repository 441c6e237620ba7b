import { DepartmentBreakers, openReason } from '../../gateway/breaker';
import { DepartmentUnreachable } from '../../gateway/department-down';
import { registry } from '../../lib/metrics';

/** The breaker on its own: departments and probes are functions of the test, each call counted. */
describe('the gateway circuit breaker per department', () => {
  let breakers: DepartmentBreakers;
  let probeAnswer: string | undefined;
  const probes: string[] = [];
  const logged: string[] = [];
  let sent = 0;

  beforeEach(() => {
    probeAnswer = undefined;
    probes.length = 0;
    logged.length = 0;
    sent = 0;
    // a probe interval far beyond the test: probes run only when the test calls probeAll()
    breakers = new DepartmentBreakers(
      ['population', 'grid'],
      { failures: 3, probeMs: 3_600_000 },
      async (department, kind) => {
        probes.push(`${department} ${kind}`);
        return department === 'population' ? probeAnswer : undefined;
      },
      (line) => logged.push(line),
    );
  });
  afterEach(() => breakers.stop());

  const hung = () =>
    breakers.send('population', async () => {
      sent++;
      throw new DepartmentUnreachable('no answer within 800 ms');
    });
  const answering = (status: number, body: unknown = { data: {} }) =>
    breakers.send('population', async () => {
      sent++;
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    });
  const reasonOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'answered',
      (error: DepartmentUnreachable) => error.reason,
    );
  const metric = async (name: string) =>
    (await registry.getSingleMetric(name)!.get()).values
      .filter((v) => v.labels.department === 'population')
      .map((v) => ({ labels: v.labels, value: v.value }));

  it('opens after three outages in a row, then fails at once without asking; a passing health probe closes it', async () => {
    const rejectedBefore = (await metric('hub_department_breaker_rejections_total'))[0].value;
    expect([await reasonOf(hung()), await reasonOf(hung())]).toEqual([
      'no answer within 800 ms',
      'no answer within 800 ms',
    ]);
    expect(breakers.state('population')).toBe('closed');
    expect(await reasonOf(hung())).toBe('no answer within 800 ms');
    expect([breakers.state('population'), breakers.state('grid')]).toEqual(['open', 'closed']);

    // open: the department is not asked, the last outage is named
    expect(await reasonOf(hung())).toBe(openReason('no answer within 800 ms'));
    expect(await reasonOf(answering(200))).toBe(openReason('no answer within 800 ms'));
    expect(sent).toBe(3);
    expect(await metric('hub_department_breaker_state')).toEqual([{ labels: { department: 'population' }, value: 1 }]);
    expect((await metric('hub_department_breaker_rejections_total'))[0].value).toBe(rejectedBefore + 2);

    // while open its /health is probed; a failing probe keeps it open, a passing one closes it
    probeAnswer = 'its server refuses connections';
    await breakers.probeAll();
    expect(breakers.state('population')).toBe('open');
    probeAnswer = undefined;
    await breakers.probeAll();
    expect(probes).toEqual(['population health', 'grid live', 'population health', 'grid live']);
    expect(breakers.state('population')).toBe('closed');
    expect(await reasonOf(answering(200))).toBe('answered');
    expect(sent).toBe(4);
    expect(await metric('hub_department_breaker_state')).toEqual([{ labels: { department: 'population' }, value: 0 }]);
    expect(logged).toEqual([
      '[gateway] population: breaker open (3 outages in a row: no answer within 800 ms); its fields fail at once meanwhile',
      '[gateway] population: breaker closed (its health probe passed); it is asked again',
    ]);
  });

  it('counts only outages in a row: an answer between them, or an error that is not an outage, starts again', async () => {
    await reasonOf(hung());
    await reasonOf(hung());
    expect(await reasonOf(answering(200))).toBe('answered');
    await reasonOf(hung());
    await reasonOf(hung());
    const refusal = breakers.send('population', async () => {
      throw new Error('a bug, not an outage');
    });
    await expect(refusal).rejects.toThrow('a bug, not an outage');
    await reasonOf(hung());
    await reasonOf(hung());
    expect(breakers.state('population')).toBe('closed');
  });

  it('a 503 answer is an outage handed on as it came, with the reason its subgraph gave; three open the breaker', async () => {
    const body = {
      errors: [{ message: 'x', extensions: { code: 'DEPARTMENT_UNAVAILABLE', reason: 'its database: gone' } }],
    };
    const res = await answering(503, body);
    expect([res.status, await res.json()]).toEqual([503, body]);
    await answering(503, body);
    await answering(503, body);
    expect(breakers.state('population')).toBe('open');
    expect(await reasonOf(answering(200))).toBe(openReason('its database: gone'));
  });

  it('a failed liveness probe opens the breaker at once; a passing liveness probe does not close it', async () => {
    probeAnswer = 'no answer within 2000 ms';
    await breakers.probeAll();
    expect(probes).toEqual(['population live', 'grid live']);
    expect(breakers.state('population')).toBe('open');
    expect(await reasonOf(answering(200))).toBe(openReason('no answer within 2000 ms'));
    expect(sent).toBe(0);
    expect(logged).toEqual([
      '[gateway] population: breaker open (its probe failed: no answer within 2000 ms); its fields fail at once meanwhile',
    ]);
    // /health (the gateway's own, or the background probe once open) decides when it closes
    breakers.record('population', undefined);
    expect(breakers.state('population')).toBe('closed');
  });
});

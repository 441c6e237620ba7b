import { join } from 'node:path';
import { generateWorld } from '../lib/synthetic/world';
import { type ClusterProcess, startClusterProcess } from './support/cluster-process';
import { freePorts } from './support/ports';
import { type PrivateHub, privateDir, startPrivateHub, underLoad } from './support/private-hub';

/**
 * A department down, under load: public security's subgraph is killed (npm start restarts it), then its PostgreSQL
 * is stopped and started again (the subgraph's pool reconnects). Public security's database is a cluster of this
 * test's own, given to the hub as an external DATABASE_URL_PUBLIC_SECURITY, so stopping it leaves the other
 * departments' databases running.
 */
const RESIDENTS = 300;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const resident = world.residents[7];
const household = world.households.find((h) => h.id === resident.householdId)!;
const building = world.buildings.find((b) => b.id === household.buildingId)!;
const grid = world.regions.find((r) => r.id === world.regions.find((m) => m.id === building.microGridId)!.parentId)!;
const gridPolice = { department: 'PUBLIC_SECURITY' as const, role: 'GRID_POLICE' };

const RESIDENT_360 = `query ($id: ID!) { resident(id: $id) { id name registration { type } grid { id name } } }`;

/** What the resident's answer is with public security's fields empty, and the one error that says why. */
const withoutPublicSecurity = (full: any) => ({
  status: 200,
  data: { resident: { ...full.data.resident, registration: null } },
  errors: [{ message: expect.stringMatching(/^public-security is unavailable \(.+\); its fields are left empty/), path: ['resident', 'registration'], extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'public-security', reason: expect.any(String), serviceName: 'public-security' } }],
});

describe('a department down: answers from the others, a stable error on its fields, and recovery without restarts', () => {
  const dir = privateDir('hub-fault-');
  let publicSecurityDb: ClusterProcess;
  let pgPort: number;
  let hub: PrivateHub;
  let full: any;

  const ask = () => hub.ask(gridPolice, RESIDENT_360, { id: resident.id });
  /** every response is either the full answer or the one without public security; returns how many of each */
  const tally = (responses: unknown[]) => {
    const degraded = withoutPublicSecurity(full);
    let fullAnswers = 0;
    let without = 0;
    for (const response of responses) {
      if (JSON.stringify(response) === JSON.stringify(full)) fullAnswers++;
      else {
        expect(response).toEqual(degraded);
        without++;
      }
    }
    return { full: fullAnswers, without };
  };

  beforeAll(async () => {
    [pgPort] = await freePorts(1);
    publicSecurityDb = await startClusterProcess(join(dir, 'public-security-pg'), pgPort);
    hub = await startPrivateHub({
      dir,
      residents: RESIDENTS,
      districtId: district.id,
      env: { DATABASE_URL_PUBLIC_SECURITY: publicSecurityDb.urls['public-security'], DATABASE_OWNER_URL_PUBLIC_SECURITY: publicSecurityDb.ownerUrls['public-security'] },
    });
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    await publicSecurityDb?.stop().catch(() => undefined);
  });

  it('answers the resident from all four departments while everything is up', async () => {
    full = await ask();
    expect(full).toEqual({ status: 200, data: { resident: { id: resident.id, name: resident.name, registration: { type: expect.any(String) }, grid: { id: grid.id, name: grid.name } } } });
    const seen = await underLoad(ask, async () => void (await Promise.all([ask(), ask(), ask()])), { maxRequests: 40 });
    expect(tally(seen)).toEqual({ full: seen.length, without: 0 });
  });

  it('with the subgraph killed: the other departments answer, DEPARTMENT_UNAVAILABLE on its fields, /health names it, then npm start restarts it', async () => {
    const gatewayPid = hub.info.pids.gateway;
    let duringOutage: { health: unknown; ready: number; answer: unknown } | undefined;
    const seen = await underLoad(ask, async () => {
      process.kill(hub.info.pids['public-security'], 'SIGKILL');
      await hub.untilDepartment('public-security', 'unavailable');
      duringOutage = { health: await hub.health(), ready: await hub.ready(), answer: await ask() };
      await hub.untilDepartment('public-security', 'ok');
    });
    expect(duringOutage!.answer).toEqual(withoutPublicSecurity(full));
    expect((duringOutage!.answer as any).errors[0].extensions.reason).toBe('its server refuses connections');
    expect(duringOutage!.ready).toBe(200);
    expect(duringOutage!.health).toEqual({
      status: 503,
      body: {
        gateway: 'ok',
        status: 'degraded',
        subgraphs: ['civil-affairs', 'grid', 'population', 'public-security'].map((name) =>
          name === 'public-security' ? { name, status: 'unavailable' } : { name, status: 'ok', latencyMs: expect.any(Number) }),
      },
    });
    // every client got an answer: full ones before and after, the others without public security in between
    const counts = tally(seen);
    expect(counts.without).toBeGreaterThan(0);
    expect(counts.full + counts.without).toBe(seen.length);
    expect(await ask()).toEqual(full);
    expect(hub.output()).toMatch(/\[hub\] public-security exited \(SIGKILL\); restarting it in [\d.]+ s/);
    expect(hub.output()).toMatch(/\[hub\] public-security is back \(restart 1\)/);
    // the gateway was never restarted
    expect(() => process.kill(gatewayPid, 0)).not.toThrow();
    expect(hub.output()).not.toMatch(/\[hub\] gateway exited/);
  });

  it('with its PostgreSQL stopped and started again: the same error meanwhile, then full answers from the same subgraph process', async () => {
    const restartsBefore = hub.output().match(/\[hub\] public-security exited/g)!.length;
    let duringOutage: { answer: unknown; ready: number } | undefined;
    const seen = await underLoad(ask, async () => {
      await publicSecurityDb.stop();
      await hub.untilDepartment('public-security', 'unavailable');
      duringOutage = { answer: await ask(), ready: await hub.ready() };
      publicSecurityDb = await startClusterProcess(join(dir, 'public-security-pg'), pgPort);
      await hub.untilDepartment('public-security', 'ok');
    });
    expect(duringOutage!.answer).toEqual(withoutPublicSecurity(full));
    expect((duringOutage!.answer as any).errors[0].extensions.reason).toMatch(/^its database: connection (refused|lost)/);
    expect(duringOutage!.ready).toBe(200);
    const counts = tally(seen);
    expect(counts.without).toBeGreaterThan(0);
    expect(counts.full + counts.without).toBe(seen.length);
    // the pool reconnected: a full answer again, and the subgraph was not restarted for it
    expect(await ask()).toEqual(full);
    expect(hub.output().match(/\[hub\] public-security exited/g)!.length).toBe(restartsBefore);
  });
});

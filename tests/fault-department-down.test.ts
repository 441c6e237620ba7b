import { join } from 'node:path';
import { openReason } from '../gateway/breaker';
import { DEPARTMENTS, departmentInfo } from '../lib/departments';
import { generateWorld } from '../runner/synthetic/world';
import { type ClusterProcess, startClusterProcess } from './support/cluster-process';
import { freePorts } from './support/ports';
import { type PrivateHub, privateDir, startPrivateHub, underLoad } from './support/private-hub';

/**
 * A department down, under load: public security's subgraph is killed (npm start restarts it), then its PostgreSQL
 * is stopped and started again (the subgraph's pool reconnects), then every department's. The databases are two
 * clusters of this test's own, given to the hub as external DATABASE_URL_* (public security alone on the second), so
 * stopping public security's leaves the other departments' running. The tests are the phases of one story, in order.
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
/** the department that owns each field the query asks for */
const OWNER_OF: Record<string, string> = {
  resident: 'population',
  'resident.registration': 'public-security',
  'resident.grid': 'grid',
};

/** The one error a client gets on a field of a department that is down. */
const unavailableError = (department: string, path: string[]) => ({
  message: expect.stringMatching(
    new RegExp(`^${department} is unavailable \\(.+\\); its fields are left empty, the other departments answered$`),
  ),
  path,
  extensions: { code: 'DEPARTMENT_UNAVAILABLE', department, reason: expect.any(String), serviceName: department },
});

/** The full answer with public security's field empty, and the one error that says why. */
const withoutPublicSecurity = (full: any) => ({
  status: 200,
  data: { resident: { ...full.data.resident, registration: null } },
  errors: [unavailableError('public-security', ['resident', 'registration'])],
});

/**
 * Which departments a response went without: [] for the full answer. Anything else must be the full answer with
 * exactly the errored fields null, each error DEPARTMENT_UNAVAILABLE from the field's owner.
 */
function departmentsMissing(response: any, full: any): string[] {
  if (JSON.stringify(response) === JSON.stringify(full)) return [];
  const expected = structuredClone(full.data);
  const errors = (response.errors ?? []) as { path: string[] }[];
  for (const { path } of errors) {
    const parent = path.slice(0, -1).reduce((node: any, key) => node[key], expected);
    parent[path[path.length - 1]] = null;
  }
  const departments = errors.map((e) => OWNER_OF[e.path.join('.')]);
  expect(response).toEqual({
    status: 200,
    data: expected,
    errors: errors.map((e, i) => unavailableError(departments[i], e.path)),
  });
  return [...new Set(departments)].sort();
}

describe('a department down: answers from the others, a stable error on its fields, and recovery without restarts', () => {
  const dir = privateDir('hub-fault-');
  let publicSecurityDb: ClusterProcess;
  let othersDb: ClusterProcess;
  let pgPort: number;
  let othersPort: number;
  let hub: PrivateHub;
  let full: any;

  const ask = () => hub.ask(gridPolice, RESIDENT_360, { id: resident.id });
  /** what the clients saw: how many answers went without which departments ('' for full answers) */
  const tally = (responses: unknown[]) => {
    const counts: Record<string, number> = {};
    for (const response of responses) {
      const key = departmentsMissing(response, full).join('+');
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  };
  const startDatabases = () =>
    Promise.all([
      startClusterProcess(join(dir, 'public-security-pg'), pgPort),
      startClusterProcess(join(dir, 'others-pg'), othersPort),
    ]);
  const restartsSoFar = () => hub.output().match(/\[hub\] [a-z-]+ exited/g)?.length ?? 0;

  beforeAll(async () => {
    [pgPort, othersPort] = await freePorts(2);
    [publicSecurityDb, othersDb] = await startDatabases();
    const env: NodeJS.ProcessEnv = {};
    for (const name of DEPARTMENTS) {
      const cluster = name === 'public-security' ? publicSecurityDb : othersDb;
      env[departmentInfo(name).databaseUrlEnv] = cluster.urls[name];
      env[departmentInfo(name).ownerUrlEnv] = cluster.ownerUrls[name];
    }
    hub = await startPrivateHub({ dir, residents: RESIDENTS, districtId: district.id, env });
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    await Promise.all([publicSecurityDb?.stop(), othersDb?.stop()]);
  });

  it('answers the resident from all four departments while everything is up', async () => {
    full = await ask();
    expect(full).toEqual({
      status: 200,
      data: {
        resident: {
          id: resident.id,
          name: resident.name,
          registration: { type: expect.any(String) },
          grid: { id: grid.id, name: grid.name },
        },
      },
    });
    const seen = await underLoad(ask, async () => {
      for (let i = 0; i < 10; i++) await ask();
    });
    expect(tally(seen)).toEqual({ '': seen.length });
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
    // the breaker is open by then (/health found it down): the department is not asked, the reason is the last outage
    expect((duringOutage!.answer as any).errors[0].extensions.reason).toBe(
      openReason('its server refuses connections'),
    );
    expect(duringOutage!.ready).toBe(200);
    expect(duringOutage!.health).toEqual({
      status: 503,
      body: {
        gateway: 'ok',
        status: 'degraded',
        subgraphs: ['civil-affairs', 'grid', 'population', 'public-security'].map((name) =>
          name === 'public-security'
            ? { name, status: 'unavailable', breaker: 'open' }
            : { name, status: 'ok', latencyMs: expect.any(Number), breaker: 'closed' },
        ),
      },
    });
    // every client got an answer: full ones before and after, the others without public security in between
    expect(tally(seen)).toEqual({ '': expect.any(Number), 'public-security': expect.any(Number) });
    expect(await ask()).toEqual(full);
    expect(hub.output()).toMatch(/\[hub\] public-security exited \(SIGKILL\); restarting it in [\d.]+ s/);
    expect(hub.output()).toMatch(/\[hub\] public-security is back \(restart 1\)/);
    // the gateway was never restarted
    expect(() => process.kill(gatewayPid, 0)).not.toThrow();
    expect(restartsSoFar()).toBe(1);
  });

  it('with its PostgreSQL stopped and started again: the same error meanwhile, then full answers from the same subgraph process', async () => {
    let duringOutage: { answer: unknown; ready: number } | undefined;
    const seen = await underLoad(ask, async () => {
      await publicSecurityDb.stop();
      await hub.untilDepartment('public-security', 'unavailable');
      duringOutage = { answer: await ask(), ready: await hub.ready() };
      publicSecurityDb = await startClusterProcess(join(dir, 'public-security-pg'), pgPort);
      await hub.untilDepartment('public-security', 'ok');
    });
    expect(duringOutage!.answer).toEqual(withoutPublicSecurity(full));
    // from a request's answer or from the /health probe that opened the breaker, whichever came first
    expect((duringOutage!.answer as any).errors[0].extensions.reason).toMatch(
      /^(its database: connection (refused|lost)|its health probe answered 503: database unreachable)/,
    );
    expect(duringOutage!.ready).toBe(200);
    expect(tally(seen)).toEqual({ '': expect.any(Number), 'public-security': expect.any(Number) });
    // the pool reconnected: a full answer again, and the subgraph was not restarted for it
    expect(await ask()).toEqual(full);
    expect(restartsSoFar()).toBe(1);
  });

  it('with every database stopped: the gateway stays up and says population is unavailable; all four come back without a restart', async () => {
    let duringOutage: { answer: unknown; ready: number; health: unknown } | undefined;
    const seen = await underLoad(ask, async () => {
      await Promise.all([publicSecurityDb.stop(), othersDb.stop()]);
      for (const name of DEPARTMENTS) await hub.untilDepartment(name, 'unavailable');
      duringOutage = { answer: await ask(), ready: await hub.ready(), health: await hub.health() };
      [publicSecurityDb, othersDb] = await startDatabases();
      for (const name of DEPARTMENTS) await hub.untilDepartment(name, 'ok');
    });
    // the resident comes from population, so nothing else can be asked: the one error names population
    expect(duringOutage!.answer).toEqual({
      status: 200,
      data: { resident: null },
      errors: [unavailableError('population', ['resident'])],
    });
    expect((duringOutage!.answer as any).errors[0].extensions.reason).toMatch(
      /^(its database: |its health probe answered 503: database unreachable)/,
    );
    expect(duringOutage!.ready).toBe(200);
    expect(duringOutage!.health).toEqual({
      status: 503,
      body: {
        gateway: 'ok',
        status: 'degraded',
        subgraphs: ['civil-affairs', 'grid', 'population', 'public-security'].map((name) => ({
          name,
          status: 'unavailable',
          latencyMs: expect.any(Number),
          breaker: 'open',
        })),
      },
    });
    // every answer was the full one or went without the departments that were down at that moment, population included
    expect(tally(seen)).toMatchObject({ population: expect.any(Number) });
    expect(await ask()).toEqual(full);
    expect(restartsSoFar()).toBe(1);
  });

  it('with the gateway killed: npm start starts it again and it answers in full; the subgraphs keep running', async () => {
    const subgraphPids = DEPARTMENTS.map((name) => hub.info.pids[name]);
    process.kill(hub.info.pids.gateway, 'SIGKILL');
    for (let i = 0; i < 300 && !/\[hub\] gateway is back/.test(hub.output()); i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(hub.output()).toMatch(
      /\[hub\] gateway exited \(SIGKILL\); restarting it in [\d.]+ s[\s\S]*\[hub\] gateway is back \(restart 1\)/,
    );
    expect(await hub.ready()).toBe(200);
    expect(await ask()).toEqual(full);
    // public security's process is the one started after the kill above; the other three are the first ones
    const alive = (pid: number) => {
      try {
        return process.kill(pid, 0);
      } catch {
        return false;
      }
    };
    expect(subgraphPids.map(alive)).toEqual(DEPARTMENTS.map((name) => name !== 'public-security'));
  });
});

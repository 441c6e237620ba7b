import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateWorld } from '../runner/synthetic/world';
import { interrupt, launchHub, STOPPED_LINE, stillRunning } from './support/launch';
import { type PrivateHub, privateDir, startPrivateHub } from './support/private-hub';

/**
 * npm start supervises its embedded PostgreSQL like its Node processes: a postmaster that dies is noticed, logged and
 * started again with backoff, the departments' pools reconnect, and Ctrl-C afterwards still stops everything and says
 * so. The tests are the phases of one story, in order.
 */
const RESIDENTS = 200;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const resident = world.residents[3];
const gridPolice = { department: 'PUBLIC_SECURITY' as const, role: 'GRID_POLICE' };
const RESIDENT_360 = `query ($id: ID!) { resident(id: $id) { id name registration { type } grid { id name } } }`;

describe('the embedded PostgreSQL dies: npm start notices, restarts it with backoff, and still stops cleanly', () => {
  const dir = privateDir('hub-fault-pg-');
  let hub: PrivateHub;
  let full: unknown;
  const ask = () => hub.ask(gridPolice, RESIDENT_360, { id: resident.id });
  /** the hub's own lines about PostgreSQL, in order */
  const supervision = () => hub.output().match(/^\[hub\] PostgreSQL \(embedded\) .*$/gm) ?? [];
  /** the postmaster's process id now: the first line of its lock file */
  const postmaster = () => Number(readFileSync(join(dir, 'data', 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

  /** waits (bounded) until `count` supervision lines were logged and every department answers fully again */
  async function untilRecovered(count: number): Promise<void> {
    for (let i = 0; i < 300 && supervision().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 100; i++) {
      if (JSON.stringify(await ask()) === JSON.stringify(full)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    hub = await startPrivateHub({ dir, residents: RESIDENTS, districtId: district.id });
    full = await ask();
  }, 180_000);
  afterAll(() => hub?.stop());

  it('answers fully from all four departments before anything happens', () => {
    const answer = full as { status: number; errors?: unknown; data: { resident: Record<string, unknown> } };
    expect({ ...answer, data: { resident: Object.keys(answer.data.resident) } }).toEqual({
      status: 200,
      data: { resident: ['id', 'name', 'registration', 'grid'] },
    });
    expect(Object.values(answer.data.resident).every((value) => value !== null)).toBe(true);
  });

  it('a second npm start on the same data folder says the folder is in use, and leaves it and the first hub alone', async () => {
    const dataDir = join(dir, 'data');
    const error = await launchHub({
      dataDir,
      seedResidents: 0,
      ephemeral: false,
      readyFile: join(dir, 'second.json'),
    }).then(
      () => new Error('the second hub started'),
      (e: Error) => e,
    );
    expect(error.message).toContain(
      `the hub could not start: PostgreSQL (embedded): its data folder ${join(dataDir, 'pg')} is in use by another PostgreSQL (PID ${postmaster()}): is another npm start running with HUB_DATA_DIR=${dataDir}?`,
    );
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(await ask()).toEqual(full);
  });

  it('a killed postmaster is logged, started again after 0.5 s, and the answers are full again', async () => {
    const before = postmaster();
    process.kill(before, 'SIGKILL');
    await untilRecovered(2);
    expect(supervision()).toEqual([
      '[hub] PostgreSQL (embedded) exited (SIGKILL); restarting it in 0.5 s',
      '[hub] PostgreSQL (embedded) is back (restart 1)',
    ]);
    expect(await ask()).toEqual(full);
    expect(postmaster()).not.toBe(before);
  });

  it('stopped again soon after (a fast shutdown, as pg_ctl stop does): the backoff doubles, and it comes back', async () => {
    process.kill(postmaster(), 'SIGINT');
    await untilRecovered(4);
    expect(supervision().slice(2)).toEqual([
      '[hub] PostgreSQL (embedded) exited (code 0); restarting it in 1.0 s',
      '[hub] PostgreSQL (embedded) is back (restart 2)',
    ]);
    expect(await ask()).toEqual(full);
  });

  it('killed a third time, Ctrl-C during the backoff stops everything, exits as Ctrl-C does (130) and prints its stopped: line, without restarting anything or leaving a process behind', async () => {
    const before = supervision().length;
    process.kill(postmaster(), 'SIGKILL');
    for (let i = 0; i < 300 && supervision().length === before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await interrupt(hub.child)).toBe(130);
    expect(hub.output()).toContain(STOPPED_LINE);
    // its last word is the backoff Ctrl-C came in: nothing was started again
    expect(supervision().slice(before)).toEqual([
      expect.stringMatching(/^\[hub\] PostgreSQL \(embedded\) exited \(SIGKILL\); restarting it in \d+\.\d s$/),
    ]);
    expect(hub.output()).not.toMatch(/\[hub\] [\w-]+ exited/);
    // the subgraphs and the gateway are gone, and no postmaster holds the data folder
    expect(stillRunning(hub.info.pids)).toEqual([]);
    expect(existsSync(join(dir, 'data', 'pg', 'postmaster.pid'))).toBe(false);
  });
});

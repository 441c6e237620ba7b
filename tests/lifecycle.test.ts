import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interrupt, launchHub, STOPPED_LINE, stillRunning } from './support/launch';
import { readFileSync } from 'node:fs';
import { mintUserToken } from '../lib/auth/user-token';
import { generateWorld } from '../runner/synthetic/world';
import { graphql } from './support/hub';
import { onRegisterCount } from './support/world';
import { DEPARTMENTS } from '../lib/departments';

const secretOf = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string }).jwtSecret;
const testWorldOf400 = () => generateWorld({ residents: 400 }).regions[0].id;

function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm start on a kept data folder (a second hub beside the test hub)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-lifecycle-'));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the demo district once, reuses it on the second start, and leaves nothing running after Ctrl-C', async () => {
    const totals: number[] = [];
    for (const round of [1, 2]) {
      const hub = await launchHub({
        dataDir: join(dir, 'data'),
        seedResidents: 400,
        ephemeral: false,
        readyFile: join(dir, `ready-${round}.json`),
      });
      const token = await mintUserToken(
        { subject: 'lifecycle', name: 'lifecycle', department: 'POPULATION', role: 'CLERK', scope: [testWorldOf400()] },
        secretOf(hub.info.secretsFile),
      );
      const res = await graphql(
        '{ residents(first: 1) { totalCount } }',
        {},
        { url: hub.info.gatewayUrl, headers: { authorization: `Bearer ${token}` } },
      );
      totals.push(res.data.residents.totalCount);
      expect(hub.output()).toMatch(round === 1 ? /demo district of 400 residents loaded/ : /^(?![\s\S]*demo district)/);
      // every Node process with the heap npm start gives it (HUB_NODE_HEAP_MB, HUB_NODE_SEMI_SPACE_MB)
      const flags = (pid: number) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          .split('\0')
          .filter((arg) => arg.startsWith('--max-'));
      expect(['gateway', ...DEPARTMENTS].map((name) => [name, flags(hub.info.pids[name])])).toEqual(
        ['gateway', ...DEPARTMENTS].map((name) => [name, ['--max-old-space-size=256', '--max-semi-space-size=48']]),
      );

      // 130 = 128 + SIGINT, the conventional exit status after Ctrl-C
      expect(await interrupt(hub.child)).toBe(130);
      // every process stopped itself: the hub says so, and none is left (PostgreSQL included)
      expect(hub.output()).toContain(STOPPED_LINE);
      expect(stillRunning(hub.info.pids)).toEqual([]);
      const urls = [
        hub.info.gatewayUrl,
        ...Object.values(hub.info.subgraphUrls),
        hub.info.databaseUrls.population.replace(/^postgres:/, 'http:'),
      ];
      expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => false));
    }
    // the register's count: the demo district's residents less those who died or moved out
    const onRegister = onRegisterCount(generateWorld({ residents: 400 }));
    expect(totals).toEqual([onRegister, onRegister]);
  });
});

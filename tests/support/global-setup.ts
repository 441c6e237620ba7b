import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { interrupt, launchHub } from './launch';

/** Size of the synthetic district the test hub is seeded with (tests derive expected answers from the same generator). */
export const TEST_RESIDENTS = 3000;

/** What the setup reads of jest's global configuration. */
interface JestRun {
  maxWorkers: number;
  runInBand?: boolean;
}

/**
 * How many hubs to start: one per jest worker that can get a hub file (tests/support/sequencer.js counts them), so a
 * file on one worker never sees another worker's writes. Worker n uses hub n (tests/support/hub.ts).
 */
function hubsFor(config: JestRun): number {
  if (config.runInBand) return 1;
  const files = Number(process.env.HUB_TEST_FILES ?? Number.POSITIVE_INFINITY);
  return Math.max(1, Math.min(config.maxWorkers, files));
}

export default async function globalSetup(config: JestRun): Promise<void> {
  const count = hubsFor(config);
  // started together: each seeds its own embedded cluster in its own folder, on its own free ports
  const started = await Promise.allSettled(
    Array.from({ length: count }, async (_, i) => {
      const dir = mkdtempSync(join(tmpdir(), `hub-test-${i + 1}-`));
      chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the data folder
      const readyFile = join(dir, 'hub.json');
      const hub = await launchHub({
        dataDir: join(dir, 'data'),
        seedResidents: TEST_RESIDENTS,
        ephemeral: true,
        readyFile,
        // every test file reaches its hub from 127.0.0.1: at the default (20 a minute per address) the tokenless
        // lookups of files that happen to run within one minute of each other refuse one another. The files that test
        // the limit start a gateway of their own with a small one (startExtraGateway).
        env: { HUB_PUBLIC_LOOKUPS_PER_MINUTE: '1000' },
      });
      return { hub, readyFile };
    }),
  );
  const hubs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(hubs.map((h) => interrupt(h.hub.child)));
    throw failed.reason;
  }
  if (count > 1) console.log(`\n${count} test hubs, one per jest worker`);
  process.env.HUB_INFO_FILES = hubs.map((h) => h.readyFile).join(delimiter);
  process.env.HUB_INFO_FILE = hubs[0].readyFile;
  (globalThis as Record<string, unknown>).__HUBS__ = hubs.map((h) => h.hub);
}

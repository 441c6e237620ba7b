import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchHub } from './launch';

/** Size of the synthetic district the test hub is seeded with (tests derive expected answers from the same generator). */
export const TEST_RESIDENTS = 3000;

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach the data folder
  const readyFile = join(dir, 'hub.json');
  const hub = await launchHub({
    dataDir: join(dir, 'data'),
    seedResidents: TEST_RESIDENTS,
    ephemeral: true,
    readyFile,
  });
  process.env.HUB_INFO_FILE = readyFile;
  (globalThis as Record<string, unknown>).__HUB__ = hub;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { interrupt, type LaunchedHub } from './launch';

/** Stops the test hubs; with HUB_TEST_LOG_DIR set, leaves each hub's own output there (hub-1.log, …) to read after. */
export default async function globalTeardown(): Promise<void> {
  const hubs = ((globalThis as Record<string, unknown>).__HUBS__ ?? []) as LaunchedHub[];
  await Promise.all(hubs.map((hub) => interrupt(hub.child)));
  const dir = process.env.HUB_TEST_LOG_DIR;
  if (dir) for (const [i, hub] of hubs.entries()) writeFileSync(join(dir, `hub-${i + 1}.log`), hub.output());
}

import { interrupt, type LaunchedHub } from './launch';

export default async function globalTeardown(): Promise<void> {
  const hubs = ((globalThis as Record<string, unknown>).__HUBS__ ?? []) as LaunchedHub[];
  await Promise.all(hubs.map((hub) => interrupt(hub.child)));
}

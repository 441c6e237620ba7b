import { interrupt, type LaunchedHub } from './launch';

export default async function globalTeardown(): Promise<void> {
  const hub = (globalThis as Record<string, unknown>).__HUB__ as LaunchedHub | undefined;
  if (hub) await interrupt(hub.child);
}

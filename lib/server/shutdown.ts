/**
 * Runs `stop` once on SIGINT, SIGTERM or when the parent hub process goes away, then exits; a stop that hangs
 * (a database that is already gone) does not keep the process alive past `forceExitAfterMs` (a few seconds, or for the
 * gateway its longest request time-out, so that a drain lets the requests in flight finish).
 */
export function onShutdown(stop: () => Promise<void>, { forceExitAfterMs = 5000 } = {}): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), forceExitAfterMs).unref();
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
}

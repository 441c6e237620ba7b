/** Delay before the n-th restart in a row (0-based): 0.5 s doubling to 30 s. */
export const restartDelayMs = (attempt: number) => Math.min(500 * 2 ** attempt, 30_000);
/** Something that stayed up this long starts the backoff over when it next exits. */
export const STABLE_MS = 30_000;

export interface Supervisor {
  /** how many times it has been started again */
  readonly restarts: number;
  /** it went down unasked after being up for `upMs`: start it again after a backoff, logged */
  exited(how: string, upMs: number): void;
  /** no more restarts (the hub is stopping) */
  stop(): void;
}

/**
 * Restarts one supervised thing (a Node service, the embedded PostgreSQL) with backoff, saying what it does: a start
 * that fails counts as another exit in a row and waits longer; one that stayed up for a while starts the backoff over.
 */
export function supervisor(name: string, start: () => Promise<void>, log: (line: string) => void): Supervisor {
  let stopping = false;
  let restarts = 0;
  let failuresInRow = 0;
  let timer: NodeJS.Timeout | undefined;
  const exited = (how: string, upMs: number) => {
    if (stopping) return;
    failuresInRow = (upMs >= STABLE_MS ? 0 : failuresInRow) + 1;
    const delay = restartDelayMs(failuresInRow - 1);
    log(`[hub] ${name} exited (${how}); restarting it in ${(delay / 1000).toFixed(1)} s`);
    timer = setTimeout(() => {
      if (stopping) return;
      restarts += 1;
      start().then(
        () => log(`[hub] ${name} is back (restart ${restarts})`),
        (error: unknown) => {
          log(`[hub] ${name} could not start again: ${error instanceof Error ? error.message : error}`);
          exited('its start failed', 0);
        },
      );
    }, delay);
  };
  return {
    get restarts() {
      return restarts;
    },
    exited,
    stop() {
      stopping = true;
      clearTimeout(timer);
    },
  };
}

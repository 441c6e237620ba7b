/**
 * What a hub process tells `npm start` over its IPC channel: it listens (ready), or it cannot start and why. The
 * parent waits for one of these instead of polling a port, so a port answered by some other program is never taken
 * for the department's server.
 */
export type ServiceReport = { hub: 'ready'; url: string } | { hub: 'failed'; reason: string };

export function isServiceReport(message: unknown): message is ServiceReport {
  return (
    typeof message === 'object' &&
    message !== null &&
    ((message as ServiceReport).hub === 'ready' || (message as ServiceReport).hub === 'failed')
  );
}

/** Sends a report to the parent, if this process was started by one with an IPC channel (npm start, the bench). */
export function reportToParent(report: ServiceReport): Promise<void> {
  return new Promise((resolve) =>
    process.send && process.connected ? process.send(report, () => resolve()) : resolve(),
  );
}

import pino from 'pino';
import { settingsIfValid } from '../config/settings';

// a bad setting is reported by the process's entry (gateway/main.ts, lib/server/subgraph.ts): the log must come up to say it
const given = settingsIfValid();

/**
 * The process's structured log: one JSON object a line (pino), `service` and, for anything about a request, its
 * `requestId`. Warnings and errors go to stderr, the rest (request lines) to stdout. LOG_LEVEL: info by default.
 */
export const serviceName = given?.HUB_SERVICE_NAME ?? serviceFromArgv();

export const log = pino(
  { level: given?.LOG_LEVEL ?? 'info', base: { service: serviceName }, timestamp: pino.stdTimeFunctions.isoTime },
  pino.multistream(
    [
      { level: 'trace', stream: process.stdout },
      { level: 'warn', stream: process.stderr },
    ],
    { dedupe: true },
  ),
);

/** Names the process after its entry script: dist/subgraphs/<department>/main.js, dist/gateway/main.js. */
function serviceFromArgv(): string {
  const parts = (process.argv[1] ?? '').split(/[\\/]/);
  return parts.length >= 2 ? parts[parts.length - 2] : 'hub';
}

/**
 * A promise that fails with nobody waiting for it is logged, not allowed to stop the process: one malformed request
 * must not take a department (and every request in flight on it) down.
 */
export function logUnhandledRejections(): void {
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}

import '../lib/observability/telemetry';
import { settings } from '../lib/config/settings';
import { log, logUnhandledRejections } from '../lib/observability/log';
import { reportToParent } from '../lib/server/ipc';
import { onShutdown } from '../lib/server/shutdown';
import { startGateway } from './server';
import { loadSupergraph } from './supergraph';
import { loadTrustedDocuments } from './trusted-documents';

async function main() {
  logUnhandledRejections();
  const given = settings();
  const running = await startGateway({
    port: given.GATEWAY_PORT,
    host: given.HOST,
    supergraphSdl: loadSupergraph(),
    development: given.HUB_MODE === 'development',
    trustedDocuments: loadTrustedDocuments(given.HUB_TRUSTED_DOCUMENTS),
  });
  log.info(`gateway ready at ${running.url}`);
  // drain: stop() closes the listener and waits for the requests in flight, each bounded by the request time-out
  onShutdown(() => running.stop(), { forceExitAfterMs: given.HUB_REQUEST_TIMEOUT_MS });
  await reportToParent({ hub: 'ready', url: running.url });
}

main().catch(async (error) => {
  const reason = error instanceof Error ? error.message : String(error);
  log.error(`gateway failed to start: ${reason}`);
  await reportToParent({ hub: 'failed', reason });
  process.exit(1);
});

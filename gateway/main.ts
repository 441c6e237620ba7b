import '../lib/observability/telemetry';
import { resolve } from 'node:path';
import { GATEWAY_DEFAULT_PORT, GATEWAY_PORT_ENV } from '../lib/departments';
import { logUnhandledRejections } from '../lib/observability/log';
import { reportToParent } from '../lib/server/ipc';
import { onShutdown } from '../lib/server/shutdown';
import { startGateway } from './server';
import { loadSupergraph } from './supergraph';
import { loadTrustedDocuments } from './trusted-documents';

async function main() {
  logUnhandledRejections();
  const running = await startGateway({
    port: Number(process.env[GATEWAY_PORT_ENV] ?? GATEWAY_DEFAULT_PORT),
    host: process.env.HOST,
    supergraphSdl: loadSupergraph(),
    development: process.env.HUB_MODE === 'development',
    trustedDocuments: loadTrustedDocuments(process.env.HUB_TRUSTED_DOCUMENTS ?? resolve(__dirname, '..', '..', 'gateway', 'trusted-documents.json')),
  });
  console.log(`gateway ready at ${running.url}`);
  onShutdown(() => running.stop());
  await reportToParent({ hub: 'ready', url: running.url });
}

main().catch(async (error) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`gateway failed to start: ${reason}`);
  await reportToParent({ hub: 'failed', reason });
  process.exit(1);
});

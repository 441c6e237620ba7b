/**
 * npm run --silent keys > .env   — fresh key material for docker compose (or any deployment), as KEY=value lines:
 * the JWT secret, the gateway's Ed25519 pair, and each department's binding key. The gateway gets the first three; a
 * subgraph only the public key, its own binding key (HUB_BINDING_KEY_<DEPARTMENT> given to it as HUB_BINDING_KEY)
 * and the statistics' record-key secret (HUB_RECORD_KEY, the same for all: lib/stats/cell-key.ts); population also the key
 * of the ID numbers' keyed hashes (HUB_ID_NUMBER_KEY: a resident's sign-in by ID number, lib/auth/id-number-key.ts).
 *
 * npm run --silent keys -- --kubernetes [--namespace grid-hub] | kubectl apply -f -   — the same keys as Kubernetes
 * Secrets, one per holder, named as k8s/base references them: `gateway-keys` (the three) and `<department>-keys` (the
 * public key, that department's binding key and the record-key secret; population's the ID-number key too).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BINDING_KEY_ENV, bindingKeyFor } from '../lib/auth/forwarded';
import { ID_NUMBER_KEY_ENV, idNumberKeyFor } from '../lib/auth/id-number-key';
import { loadOrCreateSecrets, SECRET_ENV } from '../lib/auth/secrets';
import { DEPARTMENTS } from '../lib/departments';
import { RECORD_KEY_ENV, recordKeySecretFor } from '../lib/stats/cell-key';

/** A Secret manifest with its values as plain strings (the API server encodes them). */
const secret = async (name: string, namespace: string, values: Record<string, string>) =>
  // yaml is a development dependency: loaded only here, so the plain form runs in the production image too
  (await import('yaml')).stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'grid-governance-hub' } },
    type: 'Opaque',
    stringData: values,
  });

async function main() {
  const { values: options } = parseArgs({
    options: { kubernetes: { type: 'boolean', default: false }, namespace: { type: 'string', default: 'grid-hub' } },
  });
  const dir = mkdtempSync(join(tmpdir(), 'hub-keys-'));
  try {
    const secrets = await loadOrCreateSecrets(dir);
    const bindingKey = (department: (typeof DEPARTMENTS)[number]) =>
      bindingKeyFor(secrets.gatewayPrivateKey, department).toString('base64url');
    const recordKey = recordKeySecretFor(secrets.gatewayPrivateKey).toString('base64url');
    // population keeps the keyed hash of each ID number beside it; the gateway derives the same key from its own
    const idNumberKey = idNumberKeyFor(secrets.gatewayPrivateKey).toString('base64url');
    if (options.kubernetes) {
      const gateway = Object.fromEntries(
        Object.entries(SECRET_ENV).map(([field, name]) => [name, secrets[field as keyof typeof SECRET_ENV]]),
      );
      const documents = [await secret('gateway-keys', options.namespace, gateway)];
      for (const department of DEPARTMENTS) {
        documents.push(
          await secret(`${department}-keys`, options.namespace, {
            [SECRET_ENV.gatewayPublicKey]: secrets.gatewayPublicKey,
            [BINDING_KEY_ENV]: bindingKey(department),
            [RECORD_KEY_ENV]: recordKey,
            ...(department === 'population' ? { [ID_NUMBER_KEY_ENV]: idNumberKey } : {}),
          }),
        );
      }
      process.stdout.write(documents.join('---\n'));
      return;
    }
    for (const [field, name] of Object.entries(SECRET_ENV))
      console.log(`${name}='${secrets[field as keyof typeof SECRET_ENV]}'`);
    for (const department of DEPARTMENTS)
      console.log(`${BINDING_KEY_ENV}_${department.toUpperCase().replace(/-/g, '_')}='${bindingKey(department)}'`);
    console.log(`${RECORD_KEY_ENV}='${recordKey}'`);
    console.log(`${ID_NUMBER_KEY_ENV}='${idNumberKey}'`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

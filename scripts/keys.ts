/**
 * npm run --silent keys > .env   — fresh key material for docker compose (or any deployment), as KEY=value lines:
 * the JWT secret, the gateway's Ed25519 pair, and each department's binding key. The gateway gets the first three; a
 * subgraph only the public key and its own binding key (HUB_BINDING_KEY_<DEPARTMENT> given to it as HUB_BINDING_KEY).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINDING_KEY_ENV, bindingKeyFor } from '../lib/auth/forwarded';
import { loadOrCreateSecrets, SECRET_ENV } from '../lib/auth/secrets';
import { DEPARTMENTS } from '../lib/departments';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-keys-'));
  try {
    const secrets = await loadOrCreateSecrets(dir);
    for (const [field, name] of Object.entries(SECRET_ENV)) console.log(`${name}='${secrets[field as keyof typeof SECRET_ENV]}'`);
    for (const department of DEPARTMENTS) {
      console.log(`${BINDING_KEY_ENV}_${department.toUpperCase().replace(/-/g, '_')}='${bindingKeyFor(secrets.gatewayPrivateKey, department).toString('base64url')}'`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

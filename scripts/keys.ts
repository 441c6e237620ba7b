/**
 * npm run --silent keys > .env   — fresh key material for docker compose (or any deployment), as KEY=value lines:
 * the JWT secret and the gateway's Ed25519 pair. The gateway gets all three; subgraphs only the public key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSecrets, SECRET_ENV } from '../lib/auth/secrets';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-keys-'));
  try {
    const secrets = await loadOrCreateSecrets(dir);
    for (const [field, name] of Object.entries(SECRET_ENV)) console.log(`${name}='${secrets[field as keyof typeof SECRET_ENV]}'`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

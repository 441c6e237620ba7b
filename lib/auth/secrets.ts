import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { settings } from '../config/settings';

/**
 * The embedded default's keys, made once and kept beside the data (git-ignored):
 * - jwtSecret: HS256 secret of user tokens (what `npm run token` signs with; production uses RS256/JWKS instead);
 * - gatewayPrivateKey / gatewayPublicKey: Ed25519 pair; the gateway signs the identity it forwards, subgraphs
 *   hold only the public half, so no subgraph (or anyone on the network) can mint an identity.
 */
export interface HubSecrets {
  jwtSecret: string;
  gatewayPrivateKey: string;
  gatewayPublicKey: string;
}

/** The variables that carry them (declared in lib/config/declared.ts). */
export const SECRET_ENV = {
  jwtSecret: 'HUB_JWT_SECRET',
  gatewayPrivateKey: 'HUB_GATEWAY_PRIVATE_KEY',
  gatewayPublicKey: 'HUB_GATEWAY_PUBLIC_KEY',
} as const;

export function secretsFile(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

export async function loadOrCreateSecrets(dataDir: string): Promise<HubSecrets> {
  const file = secretsFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as HubSecrets;
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const secrets: HubSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    gatewayPrivateKey: JSON.stringify(await exportJWK(privateKey)),
    gatewayPublicKey: JSON.stringify(await exportJWK(publicKey)),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The environment variables that hand the secrets to the gateway and subgraphs (explicit settings win). */
export function secretsEnv(secrets: HubSecrets, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const given = settings(env);
  return {
    [SECRET_ENV.jwtSecret]: given.HUB_JWT_SECRET ?? secrets.jwtSecret,
    [SECRET_ENV.gatewayPrivateKey]: given.HUB_GATEWAY_PRIVATE_KEY ?? secrets.gatewayPrivateKey,
    [SECRET_ENV.gatewayPublicKey]: given.HUB_GATEWAY_PUBLIC_KEY ?? secrets.gatewayPublicKey,
  };
}

import { createHmac, hkdfSync } from 'node:crypto';
import { settings } from '../config/settings';

/**
 * The keyed hash of a citizen ID number (身份证号): HMAC-SHA256 under a hub secret, hex. A resident token from the
 * province's identity service names the person by their ID number; the gateway hashes it at once and only the hash
 * travels on, to population, which keeps the same hash beside each number (resident.id_number_hash). Without the key
 * the hash says nothing about the number (the space of ID numbers is small enough to try them all unkeyed).
 */
export const ID_NUMBER_KEY_ENV = 'HUB_ID_NUMBER_KEY';

/** The key, derived from the gateway's private key (the runner and `npm run keys` hand it to population). */
export function idNumberKeyFor(privateJwk: string): Buffer {
  const { d } = JSON.parse(privateJwk) as { d?: string };
  if (!d) throw new Error('the gateway key has no private part');
  return Buffer.from(hkdfSync('sha256', Buffer.from(d, 'base64url'), 'grid-hub id numbers', 'grid-hub:id-number', 32));
}

/** This process's key: HUB_ID_NUMBER_KEY, else (the gateway) derived from its private key; undefined when neither. */
export function loadIdNumberKey(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const given = settings(env);
  if (given.HUB_ID_NUMBER_KEY) return Buffer.from(given.HUB_ID_NUMBER_KEY, 'base64url');
  return given.HUB_GATEWAY_PRIVATE_KEY ? idNumberKeyFor(given.HUB_GATEWAY_PRIVATE_KEY) : undefined;
}

/** The keyed hash of an ID number, as written (spaces trimmed, a final x read as X). */
export const idNumberHash = (key: Buffer, idNumber: string): string =>
  createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');

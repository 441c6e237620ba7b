import { badInput } from '../errors';

/**
 * Resident and building keys on the cohort path, packed: a district-wide question moves tens of thousands of keys
 * between departments, and a UUID is 16 bytes, not the 38 of its JSON string. Keys travel as the base64 of their
 * bytes back to back (about 21.3 characters a key); random UUIDs leave nothing for a compressor to win.
 */
const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keys as their bytes back to back, 16 a key. */
export function keysToBytes(keys: Iterable<string>): Buffer {
  const list = [...keys];
  const bytes = Buffer.allocUnsafe(list.length * 16);
  list.forEach((key, i) => {
    if (!HEX.test(key)) throw new Error(`not a hub key: ${key.slice(0, 40)}`);
    bytes.write(key.replace(/-/g, ''), i * 16, 16, 'hex');
  });
  return bytes;
}

/** The keys of `bytes` (a whole number of 16-byte keys). */
export function keysFromBytes(bytes: Buffer): string[] {
  const keys: string[] = new Array(bytes.length >> 4);
  for (let i = 0; i < keys.length; i++) {
    const hex = bytes.toString('hex', i * 16, i * 16 + 16);
    keys[i] = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return keys;
}

export const encodeKeys = (keys: Iterable<string>): string => keysToBytes(keys).toString('base64');

export function decodeKeys(packed: string): string[] {
  const bytes = Buffer.from(packed, 'base64');
  // keys come in a request: a malformed list is the sender's mistake
  if (bytes.length % 16 !== 0) throw badInput('packed keys must be a whole number of 16-byte keys (base64)');
  return keysFromBytes(bytes);
}

/** True for a key as the hub writes one (a lowercase UUID). */
export const isHubKey = (key: string) => HEX.test(key);

/** PostgreSQL array literal of keys, bound as one parameter (`= any(?::uuid[])`). */
export const pgKeyArray = (keys: readonly string[]) => `{${keys.join(',')}}`;

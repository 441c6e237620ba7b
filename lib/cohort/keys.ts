import { badInput } from '../errors';

/**
 * Resident and building keys on the cohort path, packed: a district-wide question moves tens of thousands of keys
 * between departments, and a UUID is 16 bytes, not the 38 of its JSON string. Keys travel as the base64 of their
 * bytes back to back (about 21.3 characters a key); random UUIDs leave nothing for a compressor to win.
 */
const HEX = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The value of a lowercase hex digit by its char code; -1 for every other code unit. */
const NIBBLE = new Int8Array(65536).fill(-1);
for (let digit = 0; digit < 16; digit++) NIBBLE['0123456789abcdef'.charCodeAt(digit)] = digit;
/** Where a key's 32 hex digits are (the rest are its four dashes). */
const DIGIT_AT = Uint8Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
const DASH = 45;

/**
 * Keys as their bytes back to back, 16 a key. Each key is checked and converted by char code, in one pass: a
 * district-wide cohort packs tens of thousands of keys several times (a regular expression and a hex write per key
 * took 2 µs a key, this 0.25).
 */
export function keysToBytes(keys: Iterable<string>): Buffer {
  const list = Array.isArray(keys) ? (keys as string[]) : [...keys];
  const bytes = Buffer.allocUnsafe(list.length * 16);
  let at = 0;
  for (const key of list) {
    const shaped =
      key.length === 36 &&
      key.charCodeAt(8) === DASH &&
      key.charCodeAt(13) === DASH &&
      key.charCodeAt(18) === DASH &&
      key.charCodeAt(23) === DASH;
    if (!shaped) throw notHubKey(key);
    for (let d = 0; d < 32; d += 2) {
      const high = NIBBLE[key.charCodeAt(DIGIT_AT[d])];
      const low = NIBBLE[key.charCodeAt(DIGIT_AT[d + 1])];
      if ((high | low) < 0) throw notHubKey(key);
      bytes[at++] = (high << 4) | low;
    }
  }
  return bytes;
}

const notHubKey = (key: string) => new Error(`not a hub key: ${String(key).slice(0, 40)}`);

/** The keys of `bytes` (a whole number of 16-byte keys). */
export function keysFromBytes(bytes: Buffer): string[] {
  const hex = bytes.toString('hex');
  const keys: string[] = new Array(bytes.length >> 4);
  for (let i = 0; i < keys.length; i++) {
    const at = i * 32;
    keys[i] =
      `${hex.slice(at, at + 8)}-${hex.slice(at + 8, at + 12)}-${hex.slice(at + 12, at + 16)}-${hex.slice(at + 16, at + 20)}-${hex.slice(at + 20, at + 32)}`;
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

/**
 * A set of keys as rows to join, bound as one parameter: `join ${keyRows('c')} on c.id = r.id`. Joined rather than
 * tested with `= any(…)`, the planner knows how many keys there are and looks each one up by its index; with
 * `= any(…)` of thousands of keys it hashes them and scans whole tables (population, 6,061 residents of 1,000,000:
 * 80 against 145 ms; 136 buildings: 30 against 72 ms). Give the keys with `keyRowsParam`, which makes them unique so
 * the join finds each match once.
 */
export const keyRows = (alias: string) => `unnest(?::uuid[]) ${alias}(id)`;

/** The parameter of `keyRows`: the keys, each once. */
export const keyRowsParam = (keys: Iterable<string>) => pgKeyArray([...new Set(keys)]);

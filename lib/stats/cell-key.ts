import { settings } from '../config/settings';
import { createHash, hkdfSync } from 'node:crypto';

/**
 * Record keys of the cell key method (lib/stats/disclosure.ts): every record a figure counts carries a fixed,
 * secret, uniformly random 32-bit key — the first four bytes of SHA-256(secret ‖ the record's 16 UUID bytes) — and a
 * cell's key is the sum of its records' keys modulo 2³². The same set of records has the same cell key whatever query
 * counted it; a set one record apart has an independent one. Computed in SQL (`recordKeySql`) beside the count, and
 * in JavaScript (`cellKeyOf`) where a set of keys is at hand (the cohort planner).
 */

/** The environment variable that hands the record-key secret to a department (base64url, 32 bytes). */
export const RECORD_KEY_ENV = 'HUB_RECORD_KEY';
export const KEY_MODULUS = 2 ** 32;

/** The record-key secret, derived from the gateway's private key (the runner and `npm run keys` hand it on). */
export function recordKeySecretFor(privateJwk: string): Buffer {
  const { d } = JSON.parse(privateJwk) as { d?: string };
  if (!d) throw new Error('the gateway key has no private part');
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(d, 'base64url'), 'grid-hub record keys', 'grid-hub:statistics', 32),
  );
}

/** This process's secret: HUB_RECORD_KEY, or (the gateway) derived from its private key. */
export function loadRecordKeySecret(env: NodeJS.ProcessEnv = process.env): Buffer {
  const given = settings(env).HUB_RECORD_KEY;
  if (given) return Buffer.from(given, 'base64url');
  const privateJwk = settings(env).HUB_GATEWAY_PRIVATE_KEY;
  if (privateJwk) return recordKeySecretFor(privateJwk);
  throw new Error(
    `${RECORD_KEY_ENV} is not set: the hub's start script sets it (npm run keys prints it); see docs/disclosure-control.md`,
  );
}

let cached: Buffer | undefined;
/** The secret, read once per process. */
export const recordKeySecret = () => (cached ??= loadRecordKeySecret());

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

/** One record's key, 0 ≤ key < 2³². */
export function recordKey(secret: Buffer, id: string): number {
  return createHash('sha256').update(secret).update(uuidBytes(id)).digest().readUInt32BE(0);
}

/** The cell key of a set of records. */
export function cellKeyOf(secret: Buffer, ids: Iterable<string>): number {
  let sum = 0;
  for (const id of ids) sum = (sum + recordKey(secret, id)) % KEY_MODULUS;
  return sum;
}

/**
 * The SQL expression of a record's key (a bigint), for the uuid column `id`; `secret` is an SQL expression of the
 * secret as bytea (a bound parameter, never text in the statement). A null secret makes every key null at no cost:
 * that is how a statement counts for an official, who gets exact figures.
 */
export const recordKeySql = (id: string, secret: string) => keyOfBytesSql(`uuid_send(${id})`, secret);

/** The same of a record whose key is not a UUID, given as bytea (e.g. `uuid_send(event_id) || int8send(id)`). */
export const keyOfBytesSql = (bytes: string, secret: string) =>
  `('x' || encode(substr(sha256(${secret} || ${bytes}), 1, 4), 'hex'))::bit(32)::bigint`;

/** The SQL of a cell key from a sum of record keys (null when no key was computed). */
export const cellKeySql = (sumOfKeys: string) => `(coalesce(${sumOfKeys}, 0) % ${KEY_MODULUS})::bigint`;

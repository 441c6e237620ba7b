import { createHash } from 'node:crypto';

/**
 * The id of the visit a collector's form makes, derived from who sent it and its idempotency key: grid records the
 * visit under it and every owning department names it in the changes the visit delivered, so a retried form names the
 * same visit everywhere without the departments asking each other (an RFC 4122 version-5-shaped UUID).
 */
export function visitIdFor(subject: string, idempotencyKey: string): string {
  const hex = createHash('sha1').update(`grid-visit\n${subject}\n${idempotencyKey.trim()}`).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

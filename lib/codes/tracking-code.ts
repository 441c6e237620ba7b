import { randomBytes } from 'node:crypto';

/**
 * Tracking codes (查询码) of service applications and correction requests: 16 symbols of Crockford's base32 from 80 random bits
 * (crypto.randomBytes), then Crockford's check symbol (mod 37), e.g. "7GQ2-M9XR-4KD0-ZP3B-W". 2^80 codes against a
 * district's few hundred thousand applications and a rate-limited lookup: guessing one is hopeless. A mistyped code
 * fails the check symbol and is answered like any unknown code.
 */
const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = `${SYMBOLS}*~$=U`;
const BODY = 16;

function checkSymbol(body: string): string {
  let value = 0n;
  for (const c of body) value = value * 32n + BigInt(SYMBOLS.indexOf(c));
  return CHECK_SYMBOLS[Number(value % 37n)];
}

/** A new code as stored: 17 symbols, no separators. */
export function newTrackingCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let body = '';
  for (let i = BODY - 1; i >= 0; i--) body += SYMBOLS[Number((bits >> BigInt(i * 5)) & 31n)];
  return body + checkSymbol(body);
}

/** How a code is shown to the resident: groups of four, then the check symbol. */
export const formatTrackingCode = (code: string) =>
  `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12, 16)}-${code.slice(16)}`;

/**
 * The code as stored, from what a person typed (any case, dashes and spaces, Crockford's I/L → 1 and O → 0), or null
 * when it cannot be a code (wrong length or check symbol).
 */
export function readTrackingCode(typed: string): string | null {
  if (typeof typed !== 'string' || typed.length > 40) return null;
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (code.length !== BODY + 1) return null;
  const body = code.slice(0, BODY);
  if ([...body].some((c) => !SYMBOLS.includes(c))) return null;
  return checkSymbol(body) === code[BODY] ? code : null;
}

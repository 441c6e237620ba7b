import { isDay, today } from '../calendar';
/**
 * Citizen identity number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women), 1 check character (ISO 7064 MOD 11-2, 'X' for 10).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export interface IdNumberFacts {
  addressCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'MALE' | 'FEMALE';
}

/** Returns the facts the number encodes, or a reason a person can act on. */
export function parseIdNumber(raw: string): { ok: true; facts: IdNumberFacts } | { ok: false; reason: string } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value))
    return { ok: false, reason: 'must be 18 characters: 17 digits and a final digit or X' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate < '1900-01-01' || !isDay(birthDate)) {
    return { ok: false, reason: `characters 7-14 (${value.slice(6, 14)}) are not a valid birth date` };
  }
  if (birthDate > today()) return { ok: false, reason: 'the birth date it encodes is in the future' };
  if (idNumberCheckChar(value) !== value[17])
    return {
      ok: false,
      reason: 'the check character does not match (GB 11643 MOD 11-2); a digit is probably mistyped',
    };
  return {
    ok: true,
    facts: {
      addressCode: value.slice(0, 6),
      birthDate,
      gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    },
  };
}

/** Builds a valid number (used by the synthetic data generator). */
export function makeIdNumber(
  addressCode: string,
  birthDate: string,
  sequence: number,
  gender: 'MALE' | 'FEMALE',
): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (gender === 'MALE')) seq = (seq + 1) % 1000;
  const first17 = addressCode + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + idNumberCheckChar(first17);
}

/**
 * `110105************`: keeps only the address code (digits 1–6). The birth date (digits 7–14) is shared on its own,
 * and the sequence's last digit follows from the gender, so a mask that kept the last four characters could be undone
 * by reading the birth date and gender beside it; with digits 15–18 hidden, 500 numbers fit every shared fact.
 */
export function maskIdNumber(value: string): string {
  return value.length === 18 ? `${value.slice(0, 6)}${'*'.repeat(12)}` : '*'.repeat(value.length);
}

/** `138****5678`: keeps the first three and the last four digits. */
export function maskPhone(value: string): string {
  return value.length >= 8 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}

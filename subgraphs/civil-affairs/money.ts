/**
 * Exact decimals as integers of their smallest unit in BigInt: yuan as fen (分, 2 places), hours as tenths. Parsing,
 * arithmetic, bounds and formatting never touch a binary float (PostgreSQL keeps them as numeric; sums are exact there).
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1395.5" → 139550n with 2 places; null if the text is not a decimal with at most `places` significant places. */
export function toUnits(text: string, places: number): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(places))) return null;
  const scale = 10n ** BigInt(places);
  const units =
    BigInt(whole) * scale + (places ? BigInt((fraction.slice(0, places) + '0'.repeat(places)).slice(0, places)) : 0n);
  return sign ? -units : units;
}

/** 139550n with 2 places → "1395.50" */
export function formatUnits(units: bigint, places: number): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const scale = 10n ** BigInt(places);
  return places ? `${sign}${abs / scale}.${String(abs % scale).padStart(places, '0')}` : `${sign}${abs}`;
}

/** Yuan ↔ fen. */
export const toFen = (text: string) => toUnits(text, 2);
export const formatFen = (fen: bigint) => formatUnits(fen, 2);

/** Exact sum of decimal strings with `places` places, e.g. sumOf(['0.10', '0.20']) → "0.30". */
export function sumOf(values: string[], places = 2): string {
  let total = 0n;
  for (const v of values) {
    const units = toUnits(v, places);
    if (units === null) throw new Error(`"${v}" is not a decimal with at most ${places} places`);
    total += units;
  }
  return formatUnits(total, places);
}

/** Exact product of a decimal amount and a whole count, e.g. times('0.10', 3) → "0.30". */
export function times(value: string, count: number | bigint, places = 2): string {
  const units = toUnits(value, places);
  if (units === null) throw new Error(`"${value}" is not a decimal with at most ${places} places`);
  return formatUnits(units * BigInt(count), places);
}

/** The upper bound the database checks on every stored amount (the checks in the migrations). */
export const MAX_AMOUNT_FEN = 100_000_00n;

/**
 * Yuan amounts as exact integers of fen (分, cents) in BigInt: parsing, bounds and formatting never touch a
 * binary float. (Could move to lib/ if another department handles money.)
 */
const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** "1395.5" → 139550n; null if the text is not a decimal with at most 2 significant decimal places. */
export function toFen(text: string): bigint | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(2))) return null;
  const fen = BigInt(whole) * 100n + BigInt((fraction.slice(0, 2) + '00').slice(0, 2));
  return sign ? -fen : fen;
}

/** 139550n → "1395.50" */
export function formatFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export const MAX_AMOUNT_FEN = 100_000_00n;

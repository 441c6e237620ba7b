import { settings } from '../config/settings';
import { KEY_MODULUS } from './cell-key';

/**
 * The fixed perturbation table of the cell key method: for a true count n and a cell key, the count shown. Built once
 * from the parameters below (no randomness at run time: the same count and key always give the same value).
 * - row 0 = {0}: an empty cell is always shown as 0 (zeros stay zero);
 * - a small count, 1 ≤ n < k, is shown as 0 or as k, with the chances that keep it unbiased (k with chance n/k): never
 *   as itself, and a 0 or a k shown says nothing more than "from 0 to k" — so no sum of other cells can pin it;
 * - a count n ≥ k moves by -D..D, shaped like a normal curve of standard deviation SIGMA, never below 0, with mean 0
 *   (an exponential tilt where the support is lopsided).
 * The cell key, as a number in [0, 1), picks the value off the row's cumulative distribution.
 */

/** The largest change a count gets (D). */
export const MAX_PERTURBATION = 2;
const SIGMA = 1;

export const MIN_CELL_ENV = 'HUB_STATS_MIN_CELL';
export const DEFAULT_MIN_CELL = 5;

/** k: counts from 1 to k−1 are never shown exactly to an analytics identity (HUB_STATS_MIN_CELL, default 5). */
export function minimumCell(env: NodeJS.ProcessEnv = process.env): number {
  return settings(env).HUB_STATS_MIN_CELL;
}

export interface Row {
  /** the perturbations, in increasing order */
  values: number[];
  /** their probabilities */
  p: number[];
}

/** The row of the table for a true count `n` when counts below `k` are protected. */
export function tableRow(n: number, k: number): Row {
  if (n === 0) return { values: [0], p: [1] };
  if (n < k) return { values: [-n, k - n], p: [1 - n / k, n / k] };
  const values: number[] = [];
  for (let e = -Math.min(MAX_PERTURBATION, n); e <= MAX_PERTURBATION; e++) values.push(e);
  const weight = (e: number, tilt: number) => Math.exp(-(e * e) / (2 * SIGMA * SIGMA) + tilt * e);
  const mean = (tilt: number) => {
    const w = values.map((e) => weight(e, tilt));
    return values.reduce((sum, e, i) => sum + e * w[i], 0) / w.reduce((a, b) => a + b, 0);
  };
  // the tilt that makes the mean 0 (mean rises with the tilt): bisection
  let [low, high] = [-20, 20];
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (mean(mid) > 0) high = mid;
    else low = mid;
  }
  const w = values.map((e) => weight(e, (low + high) / 2));
  const total = w.reduce((a, b) => a + b, 0);
  return { values, p: w.map((x) => x / total) };
}

const rows = new Map<string, Row>();
const rowFor = (n: number, k: number) => {
  // every count from k + D up has the same row
  const at = Math.min(n, k + MAX_PERTURBATION);
  const id = `${at}|${k}`;
  let row = rows.get(id);
  if (!row) rows.set(id, (row = tableRow(at, k)));
  return row;
};

/** The count shown for a true count `n` of a cell with key `cellKey` (0 ≤ key < 2³²). */
export function perturbedCount(n: number, cellKey: number, k: number): number {
  const row = rowFor(n, k);
  const u = cellKey / KEY_MODULUS;
  let cumulative = 0;
  for (let i = 0; i < row.values.length; i++) {
    cumulative += row.p[i];
    if (u < cumulative) return n + row.values[i];
  }
  return n + row.values[row.values.length - 1];
}

/** Sums of money are shown to 10 yuan, moved by half to all of the largest single payment in them. */
export const AMOUNT_ROUNDING = 10;

/**
 * The sum of money shown for a cell whose count is shown as `shownCount`: withheld (null) when that count is below
 * k, else moved up or down by between half and all of `largest` (the cell's largest single payment, so no one
 * payment can be had back by subtracting sums), the direction and size taken from the cell key's low bits.
 */
export function perturbedAmount(
  amount: string,
  largest: string,
  shownCount: number,
  cellKey: number,
  k: number,
): string | null {
  if (shownCount < k) return null;
  const low = (cellKey % 65536) / 65536;
  const shift = (low < 0.5 ? -1 : 1) * (0.5 + Math.abs(low - 0.5)) * Number(largest);
  const shown = Math.max(0, Math.round((Number(amount) + shift) / AMOUNT_ROUNDING) * AMOUNT_ROUNDING);
  return shown.toFixed(2);
}

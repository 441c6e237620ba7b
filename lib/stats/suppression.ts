import { settings } from '../config/settings';

/**
 * Small-cell suppression (小数抑制) of the statistics an ANALYTICS identity receives: a count from 1 to k-1 could point
 * at a person, so it is answered as null and named in the figures' `suppressed` list (never as 0). A suppressed cell
 * must not be recoverable by subtraction either, so suppression spreads (secondary suppression):
 * - within a region: when a total is shown and exactly one of its parts is hidden, the smallest shown part is hidden too;
 * - across regions: when the parent region's value is shown and exactly one child's is hidden, the smallest shown
 *   child's is hidden too (children add up to their parent);
 * - a sum of money goes with the count it is paid to (hidden when its count is hidden).
 */

/** k: the smallest count shown to an ANALYTICS identity (HUB_STATS_MIN_CELL, default 5). */
export const minimumCell = (env: NodeJS.ProcessEnv = process.env): number => settings(env).HUB_STATS_MIN_CELL;

/** counts are numbers; sums of money are exact decimal strings (columns in `linked`) */
export type Cells = Record<string, number | string | null>;

export interface TableShape {
  /** [total, part, part, …]: the parts add up to the total */
  partitions: string[][];
  /** money column → the count column it is paid to */
  linked?: Record<string, string>;
  /** index of the row the other rows add up to, if any */
  parentRow?: number;
}

export interface SuppressedRow {
  cells: Cells;
  /** the columns answered as null because they are small cells */
  suppressed: string[];
}

/** Applies primary and secondary suppression to a table of counts (one row per region); `k` 1 turns it off. */
export function suppressSmallCells(rows: Cells[], shape: TableShape, k: number): SuppressedRow[] {
  const hidden = rows.map(() => new Set<string>());
  const counts = countColumns(rows, shape);
  const small = (v: number | string | null) => typeof v === 'number' && v > 0 && v < k;
  rows.forEach((row, i) => counts.forEach((c) => small(row[c]) && hidden[i].add(c)));

  /** hides the smallest shown non-zero cell among `candidates` ([row, column]); false if there is none */
  const hideSmallest = (candidates: [number, string][]) => {
    const value = ([r, c]: [number, string]) => Number(rows[r][c] ?? 0);
    const shown = candidates.filter((cell) => !hidden[cell[0]].has(cell[1]) && value(cell) > 0);
    if (!shown.length) return false;
    const [r, c] = shown.reduce((a, b) => (value(b) < value(a) ? b : a));
    hidden[r].add(c);
    return true;
  };

  for (let changed = true; k > 1 && changed; ) {
    changed = false;
    rows.forEach((_, r) => {
      for (const [total, ...parts] of shape.partitions) {
        if (hidden[r].has(total) || parts.filter((p) => hidden[r].has(p)).length !== 1) continue;
        if (!hideSmallest(parts.map((p) => [r, p]))) hidden[r].add(total);
        changed = true;
      }
    });
    const parent = shape.parentRow;
    if (parent !== undefined && rows.length > 2) {
      const children = rows.map((_, r) => r).filter((r) => r !== parent);
      for (const c of counts) {
        if (hidden[parent].has(c) || children.filter((r) => hidden[r].has(c)).length !== 1) continue;
        if (!hideSmallest(children.map((r) => [r, c]))) hidden[parent].add(c);
        changed = true;
      }
    }
  }
  for (const [money, count] of Object.entries(shape.linked ?? {})) rows.forEach((_, r) => hidden[r].has(count) && hidden[r].add(money));

  return rows.map((row, r) => ({
    cells: Object.fromEntries(Object.entries(row).map(([c, v]) => [c, hidden[r].has(c) ? null : v])),
    suppressed: Object.keys(row).filter((c) => hidden[r].has(c)),
  }));
}

const countColumns = (rows: Cells[], shape: TableShape) => {
  const money = new Set(Object.keys(shape.linked ?? {}));
  return Object.keys(rows[0] ?? {}).filter((c) => !money.has(c));
};

import { dayOf, endOfDay, startOfDay } from '../calendar';
import type { ForwardedIdentity } from '../auth/forwarded';
import type { Identity } from '../auth/identity';
import { NO_SCOPE, type ResolvedScope } from '../auth/scope';
import { recordKeySecret } from './cell-key';
import { minimumCell, perturbedAmount, perturbedCount } from './perturbation';

/**
 * Statistical disclosure control (统计披露控制) of everything an analytics identity can see, in one place: the cell
 * key method (docs/disclosure-control.md). A department counts a cell and sums its records' keys in the same SQL
 * (lib/stats/cell-key.ts); here the count becomes what the caller is shown:
 * - an analytics identity (the statistics office) gets each count moved by the fixed perturbation table, looked up by
 *   the cell's key — the same records, the same figure, whatever level, day or query shape produced the cell — and
 *   sums of money tied to their count (lib/stats/perturbation.ts); it gets no individual records at all;
 * - a department's own officials get exact figures inside their scope, as before.
 */

/** The statistics office: figures only, through the control. */
export const isAnalytics = (identity: Pick<Identity, 'department'>) => identity.department === 'ANALYTICS';

/** An identity as a department holds it for one request: an analytics identity's regions bound figures, not records. */
export type StatisticsIdentity = ForwardedIdentity & { statisticsScope?: ResolvedScope };

/**
 * The identity a department works with: for an analytics identity, the data scope of records is empty (every list,
 * record and reference answers as for a place outside its scope), and its regions are kept as the scope of figures.
 */
export function withDisclosureControl(identity: ForwardedIdentity): StatisticsIdentity {
  return isAnalytics(identity)
    ? { ...identity, resolvedScope: NO_SCOPE, statisticsScope: identity.resolvedScope }
    : identity;
}

/** Where the caller may have figures counted: its data scope, or an analytics identity's regions. */
export const statisticsScope = (identity: StatisticsIdentity): ResolvedScope =>
  identity.statisticsScope ?? identity.resolvedScope;

/** The record-key secret to bind to a counting statement: null (no keys, exact figures) for an official. */
export const keySecretFor = (identity: Pick<Identity, 'department'>): Buffer | null =>
  isAnalytics(identity) ? recordKeySecret() : null;

/** A count and its cell key, as a department's statement returns them. */
export interface KeyedCount {
  count: number;
  key: number;
}

/** One count as the caller may see it. */
export function shownCount(identity: Pick<Identity, 'department'>, count: number, cellKey: number): number {
  return isAnalytics(identity) ? perturbedCount(count, cellKey, minimumCell()) : count;
}

/**
 * A row of cells as counted: counts, sums of money (decimal strings), and beside each the cell's companions —
 * `<count>:key` (its cell key) and `<money>:top` (its largest single payment).
 */
export type Cells = Record<string, number | string | null>;

export interface TableShape {
  /** money column → the count column it is paid to */
  linked?: Record<string, string>;
}

export interface ShownRow {
  cells: Cells;
  /** the figures withheld (sums of money whose count is shown below k) */
  suppressed: string[];
}

const isCompanion = (column: string) => column.endsWith(':key') || column.endsWith(':top');

/** A counted row as the caller may see it (the companions dropped). */
export function showRow(identity: Pick<Identity, 'department'>, row: Cells, shape: TableShape = {}): ShownRow {
  const cells: Cells = {};
  const suppressed: string[] = [];
  const money = new Set(Object.keys(shape.linked ?? {}));
  const analytics = isAnalytics(identity);
  const k = analytics ? minimumCell() : 1;
  for (const [column, value] of Object.entries(row)) {
    if (isCompanion(column) || money.has(column)) continue;
    cells[column] =
      analytics && typeof value === 'number' ? perturbedCount(value, Number(row[`${column}:key`] ?? 0), k) : value;
  }
  for (const [column, count] of Object.entries(shape.linked ?? {})) {
    const amount = row[column];
    if (!analytics || amount === null) cells[column] = amount;
    else if (cells[count] === 0) cells[column] = '0.00';
    else {
      cells[column] = perturbedAmount(
        String(amount),
        String(row[`${column}:top`] ?? '0'),
        Number(cells[count]),
        Number(row[`${count}:key`] ?? 0),
        k,
      );
      if (cells[column] === null) suppressed.push(column);
    }
  }
  return { cells, suppressed };
}

/** The instant the district day holding `t` begins. */
const dayStart = (t: Date) => startOfDay(dayOf(t));

/**
 * The period an analytics identity's figures are counted over: whole days in the district's time zone, `from`'s day
 * to the end of the day before `to` (at least one day) — a window narrower than a day would locate one record in time.
 * Officials count over the period as asked.
 */
export function statisticsPeriod(
  identity: Pick<Identity, 'department'>,
  from: Date,
  to: Date,
): { from: Date; to: Date } {
  if (!isAnalytics(identity)) return { from, to };
  const start = dayStart(from);
  const end = dayStart(new Date(to.getTime() - 1));
  return { from: start, to: endOfDay(dayOf(end.getTime() > start.getTime() ? end : start)) };
}

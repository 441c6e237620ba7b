import { badInput } from '../../../lib/errors';
import type { Month } from '../loaders';

/** The calendar month (UTC) that holds `at`. */
export function monthOf(at: Date): Month {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const to = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { key: from.toISOString().slice(0, 7), from, to };
}

/** 'YYYY-MM' → that month; none → this month. */
export function readMonth(value: string | null | undefined, field = 'month'): Month {
  if (value === undefined || value === null) return monthOf(new Date());
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) throw badInput(`${field} must be a month like 2026-11; got "${String(value).slice(0, 20)}"`, field);
  return monthOf(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

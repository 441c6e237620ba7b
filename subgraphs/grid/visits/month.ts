import { monthNamed, monthOf } from '../../../lib/calendar';
import { badInput } from '../../../lib/errors';
import type { Month } from '../loaders';

/** The calendar month in the district (lib/calendar) that holds `at`. */
export { monthOf };

/** 'YYYY-MM' → that month in the district; none → this month. */
export function readMonth(value: string | null | undefined, field = 'month'): Month {
  if (value === undefined || value === null) return monthOf(new Date());
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (!match) throw badInput(`${field} must be a month like 2026-11; got "${String(value).slice(0, 20)}"`, field);
  return monthNamed(value);
}

import { readFileSync } from 'node:fs';
import { settings } from '../config/settings';
import { log } from '../observability/log';
import { addDays, isWeekend } from './days';
import { type HolidayYear, SHIPPED_YEARS } from './holidays';
import { atTime, dayOf, endOfDay, minutesIntoDay } from './zone';

/**
 * The working calendar (工作日): weekends are days off and weekdays working days, except as the State Council's
 * schedule of the year says (holidays.ts, plus the years in HUB_WORKING_CALENDAR). A year with no schedule counts
 * weekends and the holidays fixed by date in law (FIXED_HOLIDAYS) only, and says so once in the log: a deadline then
 * may fall on Spring Festival or another holiday of the lunar calendar, or on a bridging day.
 */

/** The public holidays on fixed dates (全国年节及纪念日放假办法, 2024): 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October. */
export const FIXED_HOLIDAYS = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

/** Office hours of a working day (上午 9:00–12:00，下午 13:30–17:30), as minutes after midnight. */
export const OFFICE_HOURS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60 + 30, 17 * 60 + 30],
];

interface Year {
  holidays: Set<string>;
  workdays: Set<string>;
}

let loaded: Map<number, Year> | undefined;
const warned = new Set<number>();

function readYears(): Map<number, Year> {
  const file = settings().HUB_WORKING_CALENDAR;
  const given: Record<string, HolidayYear> = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const all: Record<string, HolidayYear> = { ...SHIPPED_YEARS, ...given };
  return new Map(
    Object.entries(all).map(([year, y]) => [
      Number(year),
      { holidays: new Set(y.holidays ?? []), workdays: new Set(y.workdays ?? []) },
    ]),
  );
}

/** The years whose schedule the calendar knows. */
export const scheduledYears = (): number[] => [...(loaded ??= readYears()).keys()].sort();

function yearOf(day: string): Year | undefined {
  const year = Number(day.slice(0, 4));
  const found = (loaded ??= readYears()).get(year);
  if (!found && !warned.has(year)) {
    warned.add(year);
    log.warn(
      { year },
      `no State Council holiday schedule for ${year}: working days that year are weekdays less the fixed-date holidays only — add the year to lib/calendar/holidays.ts or HUB_WORKING_CALENDAR`,
    );
  }
  return found;
}

/** Whether a district day is a working day (工作日). */
export function isWorkingDay(day: string): boolean {
  const year = yearOf(day);
  if (!year) return !isWeekend(day) && !FIXED_HOLIDAYS.includes(day.slice(5));
  if (year.workdays.has(day)) return true;
  return !year.holidays.has(day) && !isWeekend(day);
}

/** The `n`th working day after `day` (n ≥ 0; 0: the day itself). */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** A limit of `n` working days from `at`: the end of the `n`th working day after the day of `at` (次日起算). */
export const workingDaysFrom = (at: Date, n: number): Date => endOfDay(addWorkingDays(dayOf(at), n));

const MAX_DAYS = 3660;

/** A limit of `hours` working hours from `at`: counted in OFFICE_HOURS of working days only. */
export function workingHoursFrom(at: Date, hours: number): Date {
  let left = hours * 60;
  let day = dayOf(at);
  let from = minutesIntoDay(at);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1), from = 0) {
    if (!isWorkingDay(day)) continue;
    for (const [open, close] of OFFICE_HOURS) {
      const start = Math.max(open, from);
      if (start >= close) continue;
      if (close - start >= left) {
        const end = start + left;
        return new Date(atTime(day, Math.floor(end / 60), Math.floor(end % 60)).getTime() + (end % 1) * 60_000);
      }
      left -= close - start;
    }
  }
  throw new Error(`no working hours within ${MAX_DAYS} days of ${at.toISOString()}`);
}

/**
 * Calendar days as 'YYYY-MM-DD' (the LocalDate scalar, PostgreSQL `date`): arithmetic on the calendar alone. A day
 * has no time zone — the day after 30 November is 1 December everywhere — so these count on the proleptic Gregorian
 * calendar (through Date.UTC, the one zone-free clock JavaScript has). Which day an instant falls on is zone.ts's.
 */
import { isoInstant } from './iso';

const DAY_MS = 86_400_000;

// a district's rows name a few tens of thousands of distinct days: each is parsed and printed once
const numbers = new Map<string, number>();
const texts = new Map<number, string>();

/** Days since 1970-01-01. */
export function dayNumber(day: string): number {
  let n = numbers.get(day);
  if (n === undefined) numbers.set(day, (n = Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS)));
  return n;
}

/** The day `n` days after 1970-01-01. */
export function dayOfNumber(n: number): string {
  let text = texts.get(n);
  if (text === undefined) texts.set(n, (text = isoInstant(n * DAY_MS).slice(0, 10)));
  return text;
}

/** Whether 'YYYY-MM-DD' names a day of the calendar (not 2026-02-30). */
export const isDay = (day: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) &&
  !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) &&
  dayOfNumber(dayNumber(day)) === day;

export const addDays = (day: string, days: number): string => dayOfNumber(dayNumber(day) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** 0 Sunday … 6 Saturday. */
export const weekday = (day: string): number => (((dayNumber(day) + 4) % 7) + 7) % 7;

export const isWeekend = (day: string): boolean => weekday(day) === 0 || weekday(day) === 6;

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];
const textOf = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The same day `months` months later (the last day of the month when that month is shorter). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return textOf(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The same month and day `years` later; 29 February becomes 1 March in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = parts(day);
  return d > daysInMonth(y + years, m) ? textOf(y + years, m + 1, 1) : textOf(y + years, m, d);
}

/** The first day of the month after `day`'s. */
export const firstOfNextMonth = (day: string): string => addMonths(`${day.slice(0, 7)}-01`, 1);

/** Age in whole years on `on` of someone born on `birthDate` (a 29 February birthday comes on 1 March). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const later = (a: string, b: string) => (a > b ? a : b);
export const earlier = (a: string, b: string) => (a < b ? a : b);

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { settings } from '../config/settings';
import { addDays, addMonths } from './days';

/**
 * Instants and the district's calendar: which day and month an instant falls on there, and when a district day or
 * month begins. The zone is HUB_TIME_ZONE (default Asia/Shanghai); @date-fns/tz does the zone arithmetic, so a zone
 * with daylight saving would be right too.
 */
export const districtZone = (): string => settings().HUB_TIME_ZONE;

const inDistrict = (at: Date) => new TZDate(at.getTime(), districtZone());

/** The district's calendar day of an instant, 'YYYY-MM-DD'. */
export const dayOf = (at: Date): string => format(inDistrict(at), 'yyyy-MM-dd');

/** Today in the district (the day a case decided at 07:00 Beijing time is decided on). */
export const today = (now: Date = new Date()): string => dayOf(now);

/** The instant a wall-clock time on a district day comes (default: its midnight, when the day begins). */
export function atTime(day: string, hours = 0, minutes = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, hours, minutes, districtZone()).getTime());
}

/** The instant a district day begins. */
export const startOfDay = (day: string): Date => atTime(day);

/** The instant a district day ends: the next day's beginning (exclusive). */
export const endOfDay = (day: string): Date => startOfDay(addDays(day, 1));

/** Minutes since the district day's midnight at an instant. */
export function minutesIntoDay(at: Date): number {
  const d = inDistrict(at);
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60 + d.getMilliseconds() / 60_000;
}

/** A calendar month in the district: 'YYYY-MM' and the instants it runs between (from inclusive, to exclusive). */
export interface Month {
  key: string;
  from: Date;
  to: Date;
}

/** The month 'YYYY-MM'. */
export function monthNamed(key: string): Month {
  const first = `${key}-01`;
  return { key, from: startOfDay(first), to: startOfDay(addMonths(first, 1)) };
}

/** The district month an instant falls in. */
export const monthOf = (at: Date): Month => monthNamed(dayOf(at).slice(0, 7));

/** The month `months` after (or, negative, before) a month. */
export const addMonthsToMonth = (month: Month, months: number): Month =>
  monthNamed(addMonths(`${month.key}-01`, months).slice(0, 7));

/** An instant in ISO 8601 with the district's offset: 2026-12-01T05:00:00.000+08:00. */
export const formatInstant = (at: Date): string => format(inDistrict(at), "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

/**
 * The district's zone in SQL, as a statement parameter: put ZONE_CTE among a statement's CTEs and bind districtZone()
 * to its `?`; then `<timestamp without zone> ${IN_DISTRICT}` is that wall-clock time in the district, e.g.
 * `(day + 1)::timestamp ${IN_DISTRICT}` the end of a district day, `date_trunc('month', day::timestamp) ${IN_DISTRICT}`
 * the beginning of its month.
 */
export const ZONE_CTE = 'zone as (select ?::text as name)';
export const IN_DISTRICT = 'at time zone (select name from zone)';

import { tzOffset } from '@date-fns/tz';
import { settings } from '../config/settings';
import { addDays, addMonths, dayNumber } from './days';
import { isoInstant } from './iso';

/**
 * Instants and the district's calendar: which day and month an instant falls on there, and when a district day or
 * month begins. The zone is HUB_TIME_ZONE (default Asia/Shanghai); @date-fns/tz tells its offset from UTC at an
 * instant (so a zone with daylight saving would be right too), looked up once per hour of time — every timestamp of
 * every answer passes through here.
 */
export const districtZone = (): string => settings().HUB_TIME_ZONE;

const HOUR_MS = 3_600_000;
let offsets = { zone: '', byHour: new Map<number, number>() };

/** The district's offset from UTC at an instant, in milliseconds (zones change offset on the hour). */
function offsetAt(ms: number): number {
  const zone = districtZone();
  if (offsets.zone !== zone || offsets.byHour.size > 100_000) offsets = { zone, byHour: new Map() };
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.byHour.get(hour);
  if (offset === undefined) offsets.byHour.set(hour, (offset = tzOffset(zone, new Date(hour * HOUR_MS)) * 60_000));
  return offset;
}

/** The district's wall clock at an instant, in milliseconds read as UTC (only ever read here). */
const wallClock = (at: Date) => at.getTime() + offsetAt(at.getTime());

/** The district's calendar day of an instant, 'YYYY-MM-DD'. */
export const dayOf = (at: Date): string => isoInstant(wallClock(at)).slice(0, 10);

/** Today in the district (the day a case decided at 07:00 Beijing time is decided on). */
export const today = (now: Date = new Date()): string => dayOf(now);

/** The instant a wall-clock time on a district day comes (default: its midnight, when the day begins). */
export function atTime(day: string, hours = 0, minutes = 0): Date {
  const wall = dayNumber(day) * 86_400_000 + (hours * 60 + minutes) * 60_000;
  // the offset at the wall time read as UTC, then at the instant that gives: right on either side of a change
  return new Date(wall - offsetAt(wall - offsetAt(wall)));
}

/** The instant a district day begins. */
export const startOfDay = (day: string): Date => atTime(day);

/** The instant a district day ends: the next day's beginning (exclusive). */
export const endOfDay = (day: string): Date => startOfDay(addDays(day, 1));

/** Minutes since the district day's midnight at an instant. */
export function minutesIntoDay(at: Date): number {
  const ms = wallClock(at);
  return (ms - Math.floor(ms / 86_400_000) * 86_400_000) / 60_000;
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
export function formatInstant(at: Date): string {
  const offset = offsetAt(at.getTime()) / 60_000;
  const size = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
  return `${isoInstant(wallClock(at)).slice(0, 23)}${zone}`;
}

/**
 * The district's zone in SQL, as a statement parameter: put ZONE_CTE among a statement's CTEs and bind districtZone()
 * to its `?`; then `<timestamp without zone> ${IN_DISTRICT}` is that wall-clock time in the district, e.g.
 * `(day + 1)::timestamp ${IN_DISTRICT}` the end of a district day, `date_trunc('month', day::timestamp) ${IN_DISTRICT}`
 * the beginning of its month.
 */
export const ZONE_CTE = 'zone as (select ?::text as name)';
export const IN_DISTRICT = 'at time zone (select name from zone)';

import { workingDaysFrom, workingHoursFrom } from '../../../lib/calendar';
import { EventStatus } from './workflow';

/** Event categories (事件类别); each has its own time limits. */
export enum EventCategory {
  DISPUTE = 'DISPUTE',
  SAFETY_HAZARD = 'SAFETY_HAZARD',
  ENVIRONMENT = 'ENVIRONMENT',
  PUBLIC_OPINION = 'PUBLIC_OPINION',
  SERVICE_REQUEST = 'SERVICE_REQUEST',
  PROPERTY = 'PROPERTY',
  PUBLIC_ORDER = 'PUBLIC_ORDER',
}

export const CATEGORY_TERMS: Record<EventCategory, string> = {
  DISPUTE: '矛盾纠纷',
  SAFETY_HAZARD: '安全隐患',
  ENVIRONMENT: '环境卫生',
  PUBLIC_OPINION: '社情民意',
  SERVICE_REQUEST: '民生服务',
  PROPERTY: '物业管理',
  PUBLIC_ORDER: '治安防控',
};

/** The steps that run against a clock: the state the event waits in, and who owes the next move. */
export type TimedStatus = Exclude<EventStatus, EventStatus.REJECTED | EventStatus.CLOSED | EventStatus.SUSPENDED>;

/**
 * The clock a time limit runs on: calendar hours (round the clock, 24/7 — a hazard reported at 23:00 with an hour is
 * overdue at midnight), working hours (office hours of working days, lib/calendar OFFICE_HOURS) or working days (工作日,
 * counted from the next day: the limit ends at the end of the last working day). Working days and hours follow the
 * State Council's holiday schedule (lib/calendar/holidays.ts).
 */
export enum Clock {
  CALENDAR_HOURS = 'CALENDAR_HOURS',
  WORKING_HOURS = 'WORKING_HOURS',
  WORKING_DAYS = 'WORKING_DAYS',
}

/** One step's time limit (时限): how much of which clock. */
export interface TimeLimit {
  amount: number;
  clock: Clock;
}

type Limits = Record<TimedStatus, TimeLimit>;

const hours = (amount: number): TimeLimit => ({ amount, clock: Clock.CALENDAR_HOURS });
const workingHours = (amount: number): TimeLimit => ({ amount, clock: Clock.WORKING_HOURS });
const workingDays = (amount: number): TimeLimit => ({ amount, clock: Clock.WORKING_DAYS });

/**
 * The time allowed in each step (时限), per category: the configuration of the workflow's clocks. A suspended event
 * (挂账) has no clock; a final one neither. Change a limit here (and the table in docs/grid.md) to change it: it
 * applies to every step entered from then on. The grid desk works office hours: its steps (受理、立案、派遣, and the
 * department's 签收) run in working hours, handling (处置), checking (核查) and closing in working days — a hazard
 * reported at 23:00 waits for the desk's morning, not for midnight. What runs round the clock is on calendar hours:
 * removing a safety hazard once accepted, and every step of a public-order matter (the police are on duty 24/7).
 */
const STANDARD: Limits = {
  REPORTED: workingHours(2),
  REGISTERED: workingHours(4),
  RETURNED: workingHours(4),
  DISPATCHED: workingHours(4),
  ACCEPTED: workingDays(1),
  IN_PROGRESS: workingDays(5),
  RESOLVED: workingDays(1),
  VERIFIED: workingDays(1),
};

export const TIME_LIMITS: Record<EventCategory, Limits> = {
  DISPUTE: { ...STANDARD, IN_PROGRESS: workingDays(3) },
  SAFETY_HAZARD: {
    REPORTED: workingHours(1),
    REGISTERED: workingHours(1),
    RETURNED: workingHours(1),
    DISPATCHED: workingHours(1),
    ACCEPTED: workingHours(4),
    IN_PROGRESS: hours(24),
    RESOLVED: workingHours(8),
    VERIFIED: workingDays(1),
  },
  ENVIRONMENT: { ...STANDARD, IN_PROGRESS: workingDays(2) },
  PUBLIC_OPINION: { ...STANDARD, IN_PROGRESS: workingDays(7) },
  SERVICE_REQUEST: STANDARD,
  PROPERTY: { ...STANDARD, IN_PROGRESS: workingDays(10) },
  PUBLIC_ORDER: {
    REPORTED: hours(1),
    REGISTERED: hours(2),
    RETURNED: hours(2),
    DISPATCHED: hours(2),
    ACCEPTED: hours(8),
    IN_PROGRESS: hours(48),
    RESOLVED: hours(24),
    VERIFIED: hours(24),
  },
};

const HOUR_MS = 3_600_000;

/** The time limit of a step, or undefined for a step without a clock. */
export const timeLimitOf = (category: EventCategory, status: EventStatus): TimeLimit | undefined =>
  (TIME_LIMITS[category] as Partial<Record<EventStatus, TimeLimit>>)[status];

/** When a limit that starts at `at` runs out, on its clock. */
export function limitEnds(limit: TimeLimit, at: Date): Date {
  if (limit.clock === Clock.WORKING_DAYS) return workingDaysFrom(at, limit.amount);
  if (limit.clock === Clock.WORKING_HOURS) return workingHoursFrom(at, limit.amount);
  return new Date(at.getTime() + limit.amount * HOUR_MS);
}

/** The shortest calendar time a limit can span (a working hour takes at least an hour, a working day a day). */
export const shortestSpanMs = (limit: TimeLimit): number =>
  limit.amount * (limit.clock === Clock.WORKING_DAYS ? 24 : 1) * HOUR_MS;

/** When a step entered at `at` is due, or null for a step without a clock. */
export function stepDeadline(category: EventCategory, status: EventStatus, at: Date): Date | null {
  const limit = timeLimitOf(category, status);
  return limit === undefined ? null : limitEnds(limit, at);
}

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

type Limits = Record<TimedStatus, number>;

/**
 * Hours allowed in each step (时限), per category: the configuration of the workflow's clocks. A suspended event
 * (挂账) has no clock; a final one neither. Change a number here (and the table in docs/grid.md) to change a time limit:
 * it applies to every step entered from then on.
 */
const STANDARD: Limits = {
  REPORTED: 2,
  REGISTERED: 4,
  RETURNED: 4,
  DISPATCHED: 4,
  ACCEPTED: 24,
  IN_PROGRESS: 120,
  RESOLVED: 24,
  VERIFIED: 24,
};

export const TIME_LIMIT_HOURS: Record<EventCategory, Limits> = {
  DISPUTE: { ...STANDARD, IN_PROGRESS: 72 },
  SAFETY_HAZARD: {
    ...STANDARD,
    REPORTED: 1,
    REGISTERED: 1,
    RETURNED: 1,
    DISPATCHED: 1,
    ACCEPTED: 4,
    IN_PROGRESS: 24,
    RESOLVED: 8,
  },
  ENVIRONMENT: { ...STANDARD, IN_PROGRESS: 48 },
  PUBLIC_OPINION: { ...STANDARD, IN_PROGRESS: 168 },
  SERVICE_REQUEST: { ...STANDARD },
  PROPERTY: { ...STANDARD, IN_PROGRESS: 240 },
  PUBLIC_ORDER: { ...STANDARD, REPORTED: 1, REGISTERED: 2, RETURNED: 2, DISPATCHED: 2, ACCEPTED: 8, IN_PROGRESS: 48 },
};

const HOUR_MS = 3_600_000;

/** When a step entered at `at` is due, or null for a step without a clock. */
export function stepDeadline(category: EventCategory, status: EventStatus, at: Date): Date | null {
  const hours = (TIME_LIMIT_HOURS[category] as Partial<Record<EventStatus, number>>)[status];
  return hours === undefined ? null : new Date(at.getTime() + hours * HOUR_MS);
}

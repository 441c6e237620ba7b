import { addWorkingDays, dayOf, today } from '../calendar';
import { settings } from '../config/settings';

/**
 * The last day a correction filed at `at` may be decided on time: CORRECTION_DUE_WORKING_DAYS working days (工作日, the
 * State Council's holiday schedule) counted from the day after it was filed, in the district's time zone.
 */
export const correctionDueOn = (at: Date): string => addWorkingDays(dayOf(at), settings().CORRECTION_DUE_WORKING_DAYS);

/** Still pending after its due day (逾期), by the district's calendar. */
export const correctionOverdue = (request: { status: string; dueOn: string }, now: string = today()): boolean =>
  request.status === 'PENDING' && request.dueOn < now;

import { addWorkingDays, dayOf } from '../../../lib/calendar';
import { CollectedChangeKind } from './collected-change';

/**
 * The time a registrar has to decide a collected change (核实时限), in working days (工作日, the State Council's holiday
 * schedule) counted from the day after it was collected: a change is overdue from the day after its due day. Change a
 * limit here (and the table in docs/population-and-public-security.md) to change it for changes collected from then on.
 */
export const TIME_LIMITS: Record<CollectedChangeKind, { workingDays: number }> = {
  FACT: { workingDays: 5 },
  ARRIVAL: { workingDays: 5 },
  DEPARTURE: { workingDays: 5 },
};

/** The last day a change collected at `at` may be decided on time. */
export const dueOn = (kind: CollectedChangeKind, at: Date): string =>
  addWorkingDays(dayOf(at), TIME_LIMITS[kind].workingDays);

import { workingDaysFrom } from '../../../lib/calendar';

/** A time limit in working days (工作日, counted from the next day; State Council holidays excluded, lib/calendar). */
export interface WorkingDaysLimit {
  amount: number;
  clock: 'WORKING_DAYS';
}

/**
 * How long the police have to verify what grid staff collected (核实时限), per kind of item: a let room or tenants
 * found on a visit are checked within 3 working days, as the registration of a tenant is (流动人口居住登记, 3 个工作日).
 * Change a limit here (and the table in docs/population-and-public-security.md): it applies to items collected from then on.
 */
export const TIME_LIMITS = {
  RENTAL: { amount: 3, clock: 'WORKING_DAYS' },
  TENANTS: { amount: 3, clock: 'WORKING_DAYS' },
} as const satisfies Record<string, WorkingDaysLimit>;

export type CollectedKind = keyof typeof TIME_LIMITS;

/** When an item collected at `at` is due: the end of the limit's last working day. */
export const collectedDue = (kind: CollectedKind, at: Date): Date => workingDaysFrom(at, TIME_LIMITS[kind].amount);

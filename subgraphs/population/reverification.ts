import { addDays, startOfDay, today } from '../../lib/calendar';
import { settings } from '../../lib/config/settings';

/**
 * Re-verification (每两个月更新一次): on `day`, a resident is due when nobody has confirmed their facts within the
 * last HUB_REVERIFY_DAYS days, i.e. when `lastVerifiedAt` is before the start of the day that many days earlier, in
 * the district's time zone. The list, the cohort condition (`verifiedBefore` of that day) and the regionStats figure
 * all count by this one instant.
 */
export const reverificationCutoff = (day: string = today()): Date =>
  startOfDay(addDays(day, -settings().HUB_REVERIFY_DAYS));

/** The cohort condition `verifiedBefore`: facts last confirmed before the start of `day` in the district. */
export const verifiedBeforeInstant = (day: string): Date => startOfDay(day);

import { RiskLevel } from './entities/enums';

/**
 * How often public security looks in on what it supervises, by assessed risk: a rental is inspected (安全检查) every
 * 30, 90 or 180 days, a key person is contacted (见面) every 7, 30 or 90 days.
 */
export const INSPECTION_INTERVAL_DAYS: Record<RiskLevel, number> = {
  [RiskLevel.HIGH]: 30,
  [RiskLevel.MEDIUM]: 90,
  [RiskLevel.LOW]: 180,
};
export const CONTACT_INTERVAL_DAYS: Record<RiskLevel, number> = {
  [RiskLevel.HIGH]: 7,
  [RiskLevel.MEDIUM]: 30,
  [RiskLevel.LOW]: 90,
};

/** `case <column> when 'HIGH' then 30 … end`: an interval table as SQL over a risk-level column. */
export const intervalSql = (intervals: Record<RiskLevel, number>, column: string) =>
  `(case ${column} ${Object.entries(intervals)
    .map(([level, days]) => `when '${level}' then ${days}`)
    .join(' ')} end)`;

/** Today in the district (lib/calendar): the reminder lists are "as of today". */
export { today } from '../../lib/calendar';

/** The day a rental's next inspection is due: its latest inspection (or its registration, or move-in of its first tenant) plus its interval. */
export const RENTAL_INSPECTION_DUE = `((coalesce((select max(i.inspected_on) from rental_inspection i where i.rental_id = t.id), t.registered_on, '1900-01-01'::date)) + ${intervalSql(INSPECTION_INTERVAL_DAYS, 't.risk_level')})`;
/** A rental with a current tenant not registered with the police. */
export const RENTAL_HAS_UNREGISTERED_TENANT = `exists (select 1 from rental_tenancy u where u.rental_id = t.id and u.moved_out_on is null and u.registered_on is null)`;
/** The day an active key person's next contact is due: the latest contact (or the start of supervision) plus the interval. */
export const KEY_PERSON_CONTACT_DUE = `((coalesce((select max(c.contacted_on) from key_person_contact c where c.key_person_id = t.id), t.since)) + ${intervalSql(CONTACT_INTERVAL_DAYS, 't.risk_level')})`;

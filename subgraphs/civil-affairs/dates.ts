/**
 * Calendar dates as 'YYYY-MM-DD' strings (the LocalDate scalar and PostgreSQL date): lib/calendar's, where every
 * calendar rule is — today is the district's (a case decided at 07:00 Beijing time is decided today, not yesterday).
 */
export { addDays, addMonths, ageOn, firstOfNextMonth, today } from '../../lib/calendar';

/** Calendar arithmetic on 'YYYY-MM-DD' strings: lib/calendar's, where every calendar rule is. */
export { addDays, addYears, ageOn, daysBetween, earlier, later } from '../../lib/calendar';

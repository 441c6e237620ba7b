/**
 * Every calendar rule of the hub, in one place: days ('YYYY-MM-DD' arithmetic), the district's time zone (which day
 * and month an instant is in, "today", when a day or month begins, timestamps with the district's offset) and the
 * working calendar (工作日 with the State Council's holidays, office hours). Nothing else reads a calendar from UTC or
 * from the server's own zone.
 */
export * from './days';
export * from './iso';
export * from './working';
export * from './zone';

/** Calendar arithmetic on 'YYYY-MM-DD' strings for the seeder (UTC, so no time zone shifts a date). */
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
}

/** Same month and day `years` later; 29 February becomes 1 March in a common year. */
export function addYears(day: string, years: number): string {
  const d = toDate(day);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return toDay(d);
}

export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const later = (a: string, b: string) => (a > b ? a : b);
export const earlier = (a: string, b: string) => (a < b ? a : b);

/** Calendar arithmetic on 'YYYY-MM-DD' strings for the seeder (UTC, so no time zone shifts a date). */
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

// a district's rows name a few tens of thousands of distinct days: each is parsed and printed once
const dayNumbers = new Map<string, number>();
const dayStrings = new Map<number, string>();

export function addDays(day: string, days: number): string {
  let n = dayNumbers.get(day);
  if (n === undefined) dayNumbers.set(day, (n = Math.round(toDate(day).getTime() / 86_400_000)));
  const m = n + days;
  let text = dayStrings.get(m);
  if (text === undefined) dayStrings.set(m, (text = toDay(new Date(m * 86_400_000))));
  return text;
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

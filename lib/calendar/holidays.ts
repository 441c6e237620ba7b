import { addDays } from './days';

/**
 * The State Council's holiday schedule (国务院办公厅关于部分节假日安排的通知), one entry a year: the days off that fall
 * on weekdays or weekends (放假) and the weekend days worked instead (调休上班). Weekends not listed are days off,
 * weekdays not listed are working days. A year not here counts weekends only (working.ts warns once); add each year
 * here when its notice is published (early November), or give more years in HUB_WORKING_CALENDAR. 2027 is not here
 * yet: add it from the notice published for it.
 */
export interface HolidayYear {
  /** the notice the days are copied from */
  source: string;
  /** days off (放假), 'YYYY-MM-DD' */
  holidays: string[];
  /** weekend days that are working days (调休上班) */
  workdays: string[];
}

const span = (from: string, days: number): string[] => Array.from({ length: days }, (_, i) => addDays(from, i));

export const SHIPPED_YEARS: Record<number, HolidayYear> = {
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）',
    holidays: [
      ...span('2026-01-01', 3), // 元旦
      ...span('2026-02-15', 9), // 春节
      ...span('2026-04-04', 3), // 清明节
      ...span('2026-05-01', 5), // 劳动节
      ...span('2026-06-19', 3), // 端午节
      ...span('2026-09-25', 3), // 中秋节
      ...span('2026-10-01', 7), // 国庆节
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

import { AssistanceProgram } from '../entities/enums';

/**
 * The terms of each assistance program, as the district's civil affairs bureau sets them: configuration, read by the
 * mutations and the seed, never a branch in code. Amounts are yuan as exact decimal strings.
 */
export interface ProgramTerms {
  /** paid every month (低保, 特困) or once (临时救助, 大病救助) */
  payment: 'MONTHLY' | 'ONE_OFF';
  /** the most one approval may grant: per month for monthly programs, in total for one-off ones */
  maxAmount: string;
  /** months between periodic reviews (动态复核) of a paying case; null: not reviewed (one-off grants) */
  reviewEveryMonths: number | null;
  /** one open case per household (the database's partial unique index agrees: Migration20261201084258) */
  perHousehold: boolean;
}

export const PROGRAM_TERMS: Record<AssistanceProgram, ProgramTerms> = {
  // 低保: a household's monthly allowance; reviewed every year (城市低保年审), at most 8 persons × the standard
  MINIMUM_LIVING: { payment: 'MONTHLY', maxAmount: '11160.00', reviewEveryMonths: 12, perHousehold: true },
  // 特困: a person's support and care allowance; reviewed every year
  EXTREME_POVERTY: { payment: 'MONTHLY', maxAmount: '3800.00', reviewEveryMonths: 12, perHousehold: true },
  TEMPORARY: { payment: 'ONE_OFF', maxAmount: '10000.00', reviewEveryMonths: null, perHousehold: false },
  MAJOR_ILLNESS: { payment: 'ONE_OFF', maxAmount: '80000.00', reviewEveryMonths: null, perHousehold: false },
};

/** 高龄津贴 (old-age allowance) by age reached, monthly yuan: the highest band a resident has reached applies. */
export const ELDERLY_ALLOWANCE_BANDS: { fromAge: number; monthlyAmount: string }[] = [
  { fromAge: 80, monthlyAmount: '100.00' },
  { fromAge: 90, monthlyAmount: '500.00' },
  { fromAge: 100, monthlyAmount: '800.00' },
];

export const ELDERLY_ALLOWANCE_MIN_AGE = ELDERLY_ALLOWANCE_BANDS[0].fromAge;

/** Home-care services (居家养老服务) are for older residents (老年人, 60 and over). */
export const HOME_CARE_MIN_AGE = 60;

/** The band for an age, or null below the youngest band. */
export function elderlyAllowanceFor(age: number): string | null {
  let amount: string | null = null;
  for (const band of ELDERLY_ALLOWANCE_BANDS) if (age >= band.fromAge) amount = band.monthlyAmount;
  return amount;
}

export const isRecurring = (program: AssistanceProgram) => PROGRAM_TERMS[program].payment === 'MONTHLY';

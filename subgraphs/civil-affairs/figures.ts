import { defineFigures } from '../../lib/stats/figures';
import { AssistanceProgram } from './entities/enums';

/**
 * Civil affairs' welfare figures of a region as of a day (lib/stats/figures.ts), counted where each record is handled
 * (受理地) over `welfare`: the disability certificates, elderly allowances and special care as one relation (`w`, with
 * `w.kind` and `w.grade`), in force on the day (resolvers/region-stats.resolver.ts).
 */
export const WELFARE_FIGURES = defineFigures({
  department: 'civil-affairs',
  path: ['civilAffairs', 'welfare'],
  type: 'WelfareFigures',
  description: 'Disability, elderly-allowance and special-care figures of a region (残疾人、高龄津贴、优抚统计)',
  figures: [
    {
      name: 'disabilityCertificates',
      zh: '持证残疾人',
      description: 'Disability certificate holders, certificates issued by the day',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'welfare', where: "w.kind = 'DISABILITY'" },
      dashboard: 'card',
    },
    ...([1, 2, 3, 4] as const).map((g) => ({
      name: `disabilityGrade${g}` as const,
      zh: `残疾${'一二三四'[g - 1]}级`,
      description: `Of them, grade ${g}${g === 1 ? ', the most severe' : ''}`,
      unit: 'people' as const,
      disclosure: 'count' as const,
      sql: { over: 'welfare', where: `w.kind = 'DISABILITY' and w.grade = ${g}` },
      dashboard: 'csv' as const,
    })),
    {
      name: 'elderlyAllowance',
      zh: '高龄津贴',
      description: 'Elderly allowance recipients: allowances in payment on the day',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'welfare', where: "w.kind = 'ELDERLY_ALLOWANCE'" },
      dashboard: 'card',
    },
    {
      name: 'specialCare',
      zh: '优抚对象',
      description:
        'Special care (优抚) recipients since the day or before: veterans, disabled soldiers, families of martyrs and servicemen',
      unit: 'people',
      disclosure: 'count',
      sql: { over: 'welfare', where: "w.kind = 'SPECIAL_CARE'" },
    },
  ],
});

/**
 * Social assistance per program (社会救助), one row per program, counted by the statement's `assistance` fragment
 * (a sum of money needs its largest payment beside it); the dashboard's columns are declared per program.
 */
export const ASSISTANCE_FIGURES = defineFigures({
  department: 'civil-affairs',
  path: ['civilAffairs', 'assistance'],
  type: 'ProgramFigures',
  description: 'Social assistance figures of one program in a region (社会救助统计)',
  figures: [
    {
      name: 'cases',
      zh: '救助对象',
      description:
        'Cases paid: 低保 and 特困 in payment on the day asked; 临时救助 and 大病救助 granted in the 12 months up to it',
      unit: 'cases',
      disclosure: 'count',
    },
    {
      name: 'monthlyAmountYuan',
      zh: '月救助金额',
      description:
        'Yuan per month paid to those cases, 低保 and 特困; null for the one-off programs, and when withheld',
      unit: 'yuan',
      disclosure: { money: 'cases' },
      column: 'amount',
    },
    {
      name: 'totalAmountYuan',
      zh: '救助总额',
      description:
        'Yuan granted to those cases in total over the 12 months up to the day, 临时救助 and 大病救助; null for the monthly programs, and when withheld',
      unit: 'yuan',
      disclosure: { money: 'cases' },
      column: 'amount',
    },
    {
      name: 'amount',
      zh: '救助金额',
      description: 'Yuan per month for 低保 and 特困, but a 12-month total for 临时救助 and 大病救助',
      unit: 'yuan',
      disclosure: { money: 'cases' },
      deprecated:
        'Mixes two units in one field: use monthlyAmountYuan (低保, 特困) or totalAmountYuan (临时救助, 大病救助). Removed in the next release',
    },
    {
      name: 'pending',
      zh: '待审批',
      description: 'Applications waiting for a decision now',
      unit: 'cases',
      disclosure: 'count',
    },
  ],
  rows: {
    key: 'program',
    keyType: () => AssistanceProgram,
    columns: [
      {
        key: 'minimumLivingCases',
        row: 'MINIMUM_LIVING',
        figure: 'cases',
        zh: '低保对象',
        description: 'Minimum living allowance (低保): cases in payment',
        dashboard: 'card',
      },
      {
        key: 'minimumLivingAmount',
        row: 'MINIMUM_LIVING',
        figure: 'monthlyAmountYuan',
        zh: '低保月金额',
        description: 'Minimum living allowance: yuan per month',
        dashboard: 'card',
      },
      {
        key: 'extremePovertyCases',
        row: 'EXTREME_POVERTY',
        figure: 'cases',
        zh: '特困对象',
        description: 'Extreme-poverty support (特困): cases in payment',
      },
      {
        key: 'extremePovertyAmount',
        row: 'EXTREME_POVERTY',
        figure: 'monthlyAmountYuan',
        zh: '特困月金额',
        description: 'Extreme-poverty support: yuan per month',
        dashboard: 'csv',
      },
      {
        key: 'temporaryCases',
        row: 'TEMPORARY',
        figure: 'cases',
        zh: '临时救助',
        description: 'Temporary assistance (临时救助): grants in the last 12 months',
      },
      {
        key: 'majorIllnessCases',
        row: 'MAJOR_ILLNESS',
        figure: 'cases',
        zh: '大病救助',
        description: 'Major-illness assistance (大病救助): grants in the last 12 months',
      },
    ],
  },
});

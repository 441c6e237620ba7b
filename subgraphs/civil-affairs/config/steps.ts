import { LEVEL_TERMS, type Level } from '../../../lib/auth/level';
import { AssistanceProgram } from '../entities/enums';

/** The four steps of an application (申请审批流程), each taken by its own official. */
export const STEPS = ['INTAKE', 'INVESTIGATION', 'REVIEW', 'APPROVAL'] as const;
export type Step = (typeof STEPS)[number];
export const STEP_TERMS: Record<Step, string> = {
  INTAKE: '受理',
  INVESTIGATION: '调查',
  REVIEW: '审核',
  APPROVAL: '审批',
};

/** Civil affairs' roles, lowest first: a role may take the steps of the roles below it. */
export const ROLE_RANKS = ['CASEWORKER', 'REVIEWER'] as const;
export type StepRole = (typeof ROLE_RANKS)[number];
const ROLE_TERMS: Record<StepRole, string> = { CASEWORKER: '经办人', REVIEWER: '审核审批人' };

/** Who may take a step: at least this role, acting at least at this level over the case (lib/auth/level.ts). */
export interface StepRule {
  role: StepRole;
  level: Level;
  /** an approval of more than `amount` yuan is taken at `level` instead (审批权限分级) */
  above?: { amount: string; level: Level };
}

const intake: StepRule = { role: 'CASEWORKER', level: 'COMMUNITY' };
const investigation: StepRule = { role: 'CASEWORKER', level: 'COMMUNITY' };
const streetReview: StepRule = { role: 'REVIEWER', level: 'STREET' };
const districtApproval: StepRule = { role: 'REVIEWER', level: 'DISTRICT' };

/**
 * Who takes each step of each program, as the district's civil affairs bureau delegates it: configuration, read by the
 * mutations, never a branch in code. 低保, 特困 and 大病救助 are reviewed by the street (街道审核) and approved by the
 * district (区民政局审批); 临时救助 is approved by the street up to 3,000 yuan (小额临时救助审批权下放) and by the
 * district above it. Whoever took in or investigated a case may neither review nor approve it (separation of duties).
 */
export const STEP_RULES: Record<AssistanceProgram, Record<Step, StepRule>> = {
  MINIMUM_LIVING: { INTAKE: intake, INVESTIGATION: investigation, REVIEW: streetReview, APPROVAL: districtApproval },
  EXTREME_POVERTY: { INTAKE: intake, INVESTIGATION: investigation, REVIEW: streetReview, APPROVAL: districtApproval },
  TEMPORARY: {
    INTAKE: intake,
    INVESTIGATION: investigation,
    REVIEW: streetReview,
    APPROVAL: { role: 'REVIEWER', level: 'STREET', above: { amount: '3000.00', level: 'DISTRICT' } },
  },
  MAJOR_ILLNESS: { INTAKE: intake, INVESTIGATION: investigation, REVIEW: streetReview, APPROVAL: districtApproval },
};

/** The steps whose official must not have taken in or investigated the case (四眼原则). */
export const SEPARATED_STEPS: readonly Step[] = ['REVIEW', 'APPROVAL'];
/** The steps whose officials are kept apart from them. */
export const SEPARATED_FROM: readonly Step[] = ['INTAKE', 'INVESTIGATION'];

export const roleTerm = (role: StepRole) => `${role} (${ROLE_TERMS[role]})`;
export const levelTerm = (level: Level) => `${level} (${LEVEL_TERMS[level]})`;

const describeRule = (rule: StepRule) =>
  `${roleTerm(rule.role)} at ${levelTerm(rule.level)}${rule.above ? `; above ${rule.above.amount} yuan at ${levelTerm(rule.above.level)}` : ''}`;

/** The table as docs/civil-affairs.md shows it (a unit test keeps the page equal to it). */
export function stepRulesTable(): string {
  const head = `| program | ${STEPS.map((s) => `${STEP_TERMS[s]} ${s}`).join(' | ')} |`;
  const rule = `| --- | ${STEPS.map(() => '---').join(' | ')} |`;
  const rows = Object.values(AssistanceProgram).map(
    (program) => `| \`${program}\` | ${STEPS.map((s) => describeRule(STEP_RULES[program][s])).join(' | ')} |`,
  );
  return [head, rule, ...rows].join('\n');
}

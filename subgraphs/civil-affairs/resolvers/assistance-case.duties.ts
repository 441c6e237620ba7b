import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden } from '../../../lib/auth/identity';
import { levelOver, reaches } from '../../../lib/auth/level';
import { placeOfRecord, type PlacedRecord } from '../../../lib/auth/scope';
import { separationOfDuties } from '../../../lib/errors';
import {
  levelTerm,
  ROLE_RANKS,
  roleTerm,
  SEPARATED_FROM,
  SEPARATED_STEPS,
  STEP_RULES,
  STEP_TERMS,
  type Step,
  type StepRole,
} from '../config/steps';
import type { AssistanceCase } from '../entities/assistance-case';
import { AssistanceCaseStep } from '../entities/assistance-case-step';
import { AssistanceAction as A, AssistanceStatus as S, type AssistanceProgram } from '../entities/enums';
import { assistanceLifecycle } from '../lifecycle';
import type { CivilAffairsContext } from '../loaders';
import { toFen } from '../money';

/**
 * The step of the application an action takes (config/steps.ts), or null for the steps after the decision. A rejection
 * before the review concludes the investigation (调查不符合条件); after it, it is the approval's decision.
 */
export function stepOf(status: S | null, action: A): Step | null {
  switch (action) {
    case A.APPLY:
      return 'INTAKE';
    case A.START_REVIEW:
      return 'INVESTIGATION';
    case A.VERIFY:
      return 'REVIEW';
    case A.APPROVE:
      return 'APPROVAL';
    case A.REJECT:
      return status === S.VERIFIED ? 'APPROVAL' : 'INVESTIGATION';
    default:
      return null;
  }
}

/** The actions that took each step of a case's history. */
const ACTIONS_OF: Record<Step, A[]> = {
  INTAKE: [A.APPLY],
  INVESTIGATION: [A.START_REVIEW],
  REVIEW: [A.VERIFY],
  APPROVAL: [A.APPROVE],
};

const rank = (role: string) => ROLE_RANKS.indexOf(role as StepRole);

/**
 * Refuses (FORBIDDEN, audited) a caller whose role or level does not reach the step of `program` that `action` takes
 * on a case at `place`: the role at least the configured one, the level (lib/auth/level.ts) at least the configured
 * one, or, for an approval above the configured amount, the higher level.
 */
export function refuseOutsideDuty(
  ctx: CivilAffairsContext,
  record: { id?: string; program: AssistanceProgram; status: S | null } & PlacedRecord,
  action: A,
  amount: string | null = null,
): void {
  const step = stepOf(record.status, action);
  // a step the status does not allow is INVALID_TRANSITION, whoever asks (takeStep says it)
  if (!step || (record.status && !assistanceLifecycle.transitionOf(record.status, action))) return;
  const rule = STEP_RULES[record.program][step];
  const over = rule.above && amount !== null && toFen(amount)! > toFen(rule.above.amount)!;
  const level = over ? rule.above!.level : rule.level;
  const { identity } = ctx;
  const mine = levelOver(identity.resolvedScope, placeOfRecord(record));
  if (rank(identity.role) >= rank(rule.role) && reaches(mine, level)) return;
  ctx.audit.note('WRITE', 'AssistanceCase', record.id, `step:${step}`, 'DENIED');
  const what = `${STEP_TERMS[step]} (${step}) of ${record.program} cases${over ? ` over ${rule.above!.amount} yuan` : ''}`;
  throw forbidden(
    `${what} is taken by ${roleTerm(rule.role)} at ${levelTerm(level)} level or above (config/steps.ts); you act as ${identity.role} at ${mine ? levelTerm(mine) : 'no'} level over this case: ask an official of that level`,
  );
}

/**
 * Four eyes (四眼原则): refuses (SEPARATION_OF_DUTIES, audited) a review or approval by the official who took the case
 * in or investigated it, as its history (locked with the case) records them. Nothing is written.
 */
export async function refuseOwnCase(
  tx: EntityManager,
  ctx: CivilAffairsContext,
  found: AssistanceCase,
  action: A,
): Promise<void> {
  const step = stepOf(found.status, action);
  if (!step || !SEPARATED_STEPS.includes(step) || !assistanceLifecycle.transitionOf(found.status, action)) return;
  const earlier = SEPARATED_FROM.flatMap((s) => ACTIONS_OF[s]);
  const mine = await tx.find(
    AssistanceCaseStep,
    { caseId: found.id, action: { $in: earlier }, actor: ctx.identity.subject },
    { orderBy: { position: 'asc' } },
  );
  if (!mine.length) return;
  const tookPart = [...new Set(mine.map((s) => stepOf(s.fromStatus ?? null, s.action)!))];
  ctx.audit.note('WRITE', 'AssistanceCase', found.id, 'separationOfDuties', 'DENIED');
  throw separationOfDuties(
    `${STEP_TERMS[step]} (${step}) of assistance case ${found.id} must be taken by another official: you took its ${tookPart.map((s) => `${STEP_TERMS[s]} (${s})`).join(' and ')} (四眼原则); ask a colleague with the role to take it`,
    { step, tookPart },
  );
}

import { randomUUID } from 'node:crypto';
import { CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import {
  LockMode,
  UniqueConstraintViolationException,
  type EntityManager,
  type FilterQuery,
} from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { placeOfRecord } from '../../../lib/auth/scope';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { CASEWORKERS } from '../access';
import { PROGRAM_TERMS, isRecurring } from '../config/programs';
import { today } from '../dates';
import { AssistanceCase } from '../entities/assistance-case';
import { AssistanceAction, AssistanceProgram, AssistanceStatus } from '../entities/enums';
import { OPEN_STATUSES, UNDECIDED } from '../lifecycle';
import type { CivilAffairsContext } from '../loaders';
import { applicantOnRegister } from './applicant-place';
import { APPLICATION_FILERS, isGridStaff, onBehalfNote, onBehalfOf, recordOnBehalf } from '../on-behalf';
import {
  ApplyForAssistanceInput,
  ChangeAssistanceCaseInput,
  DecideAssistanceCaseInput,
  ReviewAssistanceCaseInput,
} from './assistance-case.inputs';
import { refuseOutsideDuty, refuseOwnCase } from './assistance-case.duties';
import { readReason, takeStep } from './assistance-case.steps';
import { readApproval, readProgramAmount, refuseApprovalFields } from './assistance-case.validate';

/** Statuses in which a case blocks a new application for the same program (the partial unique indexes agree). */
const openStatuses = (program: AssistanceProgram): AssistanceStatus[] =>
  isRecurring(program) ? [...OPEN_STATUSES] : [...UNDECIDED];

async function refuseDuplicate(
  em: EntityManager,
  input: { residentId: string; householdId: string | null; program: AssistanceProgram },
) {
  const open = { program: input.program, status: { $in: openStatuses(input.program) } };
  const mine = await em.findOne(AssistanceCase, {
    ...open,
    residentId: input.residentId,
  } as FilterQuery<AssistanceCase>);
  if (mine)
    throw conflict(
      `resident ${input.residentId} already has an open ${input.program} case ${mine.id} (${mine.status})`,
    );
  if (PROGRAM_TERMS[input.program].perHousehold && input.householdId) {
    const household = await em.findOne(AssistanceCase, {
      ...open,
      householdId: input.householdId,
    } as FilterQuery<AssistanceCase>);
    if (household)
      throw conflict(
        `household ${input.householdId} already has an open ${input.program} case ${household.id} (${household.status}); one per household`,
      );
  }
}

/** The steps changeAssistanceCase takes; the others have a mutation of their own (they need more than a reason). */
const PLAIN_STEPS: readonly AssistanceAction[] = [
  AssistanceAction.START_REVIEW,
  AssistanceAction.VERIFY,
  AssistanceAction.START_PAYMENT,
  AssistanceAction.SUSPEND,
  AssistanceAction.RESUME,
  AssistanceAction.TERMINATE,
];
const OWN_MUTATION: Partial<Record<AssistanceAction, string>> = {
  APPLY: 'applyForAssistance',
  APPROVE: 'decideAssistanceCase',
  REJECT: 'decideAssistanceCase',
  REVIEW: 'reviewAssistanceCase',
};

/** Each mutation is one transaction: it writes everything or nothing. Every step goes into the case's history. */
@Resolver()
export class AssistanceCaseMutations {
  @Shared(APPLICATION_FILERS)
  @Mutation(() => AssistanceCase, {
    description:
      'Records an application for assistance (救助申请), handed in at the community or filed by grid staff on the applicant’s behalf with their consent (onBehalf; 代办, inside the staff’s grids); the case starts APPLIED and civil affairs decides it as any other',
  })
  async applyForAssistance(
    @Arg('input', () => ApplyForAssistanceInput) input: ApplyForAssistanceInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'applyForAssistance', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(AssistanceCase, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const givenHousehold = input.householdId ? requireId(input.householdId, 'householdId') : null;
    const consent = onBehalfOf(ctx.identity, input.onBehalf);
    const reason = readReason(input.reason, false);
    const now = today();
    const appliedOn = input.appliedOn ?? now;
    if (appliedOn > now) throw badInput(`appliedOn ${appliedOn} is in the future`, 'appliedOn');
    const applicant = await applicantOnRegister(ctx, residentId);
    if (givenHousehold && givenHousehold !== applicant.householdId)
      throw badInput(`householdId must be the applicant's own household (${applicant.householdId})`, 'householdId');
    // a monthly program is granted per household: the case always names it, so the household rule holds
    const householdId = PROGRAM_TERMS[input.program].perHousehold ? applicant.householdId : givenHousehold;
    // grid staff hand the application in (代办) inside their scope; civil affairs takes every step after it, as ever
    if (!isGridStaff(ctx.identity))
      refuseOutsideDuty(ctx, { program: input.program, status: null, ...applicant.place }, AssistanceAction.APPLY);
    try {
      return await once.create(async ({ em: tx }) => {
        await refuseDuplicate(tx, { residentId, householdId, program: input.program });
        const created = tx.create(AssistanceCase, {
          id: randomUUID(),
          residentId,
          householdId,
          program: input.program,
          status: AssistanceStatus.APPLIED,
          appliedOn,
          steps: 0,
          ...applicant.place,
        });
        const step = takeStep(tx, ctx.identity, created, AssistanceAction.APPLY, {
          reason: consent ? onBehalfNote(ctx.identity, consent, reason) : reason,
        });
        if (consent)
          recordOnBehalf(
            tx,
            ctx.identity,
            { recordId: created.id, recordType: 'AssistanceCase', residentId, consent },
            step.at,
          );
        await tx.flush();
        return created;
      });
    } catch (error) {
      // a concurrent application won the race past refuseDuplicate: the partial unique indexes decide
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict(
          `${householdId && PROGRAM_TERMS[input.program].perHousehold ? `household ${householdId}` : `resident ${residentId}`} already has an open ${input.program} case`,
        );
      }
      throw error;
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => AssistanceCase, {
    description:
      'Decides a case (审批): approval, of a VERIFIED case only and by another official than who took it in or investigated it (SEPARATION_OF_DUTIES), makes a monthly case ACTIVE from startsOn (APPROVED until then) and a one-off case APPROVED; rejection (of an APPLIED, REVIEWING or VERIFIED case) makes it REJECTED. Who may take it, at which level, is configured per program (config/steps.ts)',
  })
  async decideAssistanceCase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DecideAssistanceCaseInput) input: DecideAssistanceCaseInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const caseId = requireId(id);
    const now = today();
    if (!input.approve) refuseApprovalFields(input);
    const reason = readReason(input.reason, false);
    return inTransaction(ctx, async ({ em: tx }) => {
      const found = await lockedCase(tx, ctx, caseId);
      if (!input.approve) {
        refuseOutsideDuty(ctx, found, AssistanceAction.REJECT);
        takeStep(tx, ctx.identity, found, AssistanceAction.REJECT, { reason });
        found.decidedOn = now;
      } else {
        const amounts = readApproval(found, input);
        refuseOutsideDuty(ctx, found, AssistanceAction.APPROVE, amounts.monthlyAmount ?? amounts.oneOffAmount);
        await refuseOwnCase(tx, ctx, found, AssistanceAction.APPROVE);
        const startsOn = input.startsOn ?? now;
        if (startsOn < found.appliedOn)
          throw badInput(`startsOn ${startsOn} is before the application (${found.appliedOn})`, 'startsOn');
        takeStep(tx, ctx.identity, found, AssistanceAction.APPROVE, {
          reason,
          amount: amounts.monthlyAmount ?? amounts.oneOffAmount,
        });
        Object.assign(found, amounts, { startsOn, decidedOn: now });
        if (isRecurring(found.program) && startsOn <= now)
          takeStep(tx, ctx.identity, found, AssistanceAction.START_PAYMENT, { reason: 'payments start on approval' });
      }
      await tx.flush();
      return found;
    });
  }

  @Shared(CASEWORKERS)
  @Mutation(() => AssistanceCase, {
    description:
      'Takes a step of a case’s lifecycle that needs only a reason: START_REVIEW (调查), VERIFY (审核, by another official than who took the case in or investigated it), START_PAYMENT, SUSPEND, RESUME or TERMINATE (INVALID_TRANSITION when its status does not allow it)',
  })
  async changeAssistanceCase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ChangeAssistanceCaseInput) input: ChangeAssistanceCaseInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const caseId = requireId(id);
    if (!PLAIN_STEPS.includes(input.action))
      throw badInput(`${input.action} is taken with ${OWN_MUTATION[input.action]}`, 'action');
    const reason = readReason(input.reason, true);
    return inTransaction(ctx, async ({ em: tx }) => {
      const found = await lockedCase(tx, ctx, caseId);
      refuseOutsideDuty(ctx, found, input.action);
      await refuseOwnCase(tx, ctx, found, input.action);
      takeStep(tx, ctx.identity, found, input.action, { reason });
      await tx.flush();
      return found;
    });
  }

  @Shared(CASEWORKERS)
  @Mutation(() => AssistanceCase, {
    description:
      'Records the periodic review (动态复核) of a paying case, optionally with a new monthly amount; the next review falls due by the program’s terms',
  })
  async reviewAssistanceCase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ReviewAssistanceCaseInput) input: ReviewAssistanceCaseInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const caseId = requireId(id);
    const reason = readReason(input.reason, true);
    return inTransaction(ctx, async ({ em: tx }) => {
      const found = await lockedCase(tx, ctx, caseId);
      const amount =
        input.monthlyAmount == null ? null : readProgramAmount(found.program, input.monthlyAmount, 'monthlyAmount');
      takeStep(tx, ctx.identity, found, AssistanceAction.REVIEW, { reason, amount });
      if (amount) found.monthlyAmount = amount;
      await tx.flush();
      return found;
    });
  }
}

/** The case, locked for this transaction (two concurrent steps on one case queue up), if it is in the caller's scope. */
async function lockedCase(tx: EntityManager, ctx: CivilAffairsContext, caseId: string): Promise<AssistanceCase> {
  const found = await tx.findOne(AssistanceCase, { id: caseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!found) throw notVisible('AssistanceCase', caseId);
  refuseOutsideScope(ctx, 'AssistanceCase', caseId, placeOfRecord(found), () => notVisible('AssistanceCase', caseId));
  return found;
}

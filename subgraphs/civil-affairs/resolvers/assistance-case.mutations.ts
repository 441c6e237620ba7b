import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { placeOfRecord } from '../../../lib/auth/scope';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { today } from '../dates';
import { AssistanceCase } from '../entities/assistance-case';
import { AssistanceProgram, AssistanceStatus, isRecurring, UNDECIDED } from '../entities/enums';
import type { CivilAffairsContext } from '../loaders';
import { applicantPlace } from './applicant-place';
import { ApplyForAssistanceInput, DecideAssistanceCaseInput } from './assistance-case.inputs';
import { readApproval, refuseApprovalFields, requireUndecided } from './assistance-case.validate';

/** Statuses in which a case blocks a new application for the same program (the partial unique index agrees). */
const openStatuses = (program: AssistanceProgram): AssistanceStatus[] =>
  isRecurring(program) ? [...UNDECIDED, AssistanceStatus.APPROVED, AssistanceStatus.ACTIVE, AssistanceStatus.SUSPENDED] : [...UNDECIDED];

async function refuseDuplicate(em: EntityManager, input: { residentId: string; householdId: string | null; program: AssistanceProgram }) {
  const open = { program: input.program, status: { $in: openStatuses(input.program) } };
  const mine = await em.findOne(AssistanceCase, { ...open, residentId: input.residentId } as FilterQuery<AssistanceCase>);
  if (mine) throw conflict(`resident ${input.residentId} already has an open ${input.program} case ${mine.id} (${mine.status})`);
  if (input.program === AssistanceProgram.MINIMUM_LIVING && input.householdId) {
    const household = await em.findOne(AssistanceCase, { ...open, householdId: input.householdId } as FilterQuery<AssistanceCase>);
    if (household) throw conflict(`household ${input.householdId} is already covered by ${input.program} case ${household.id} (${household.status})`);
  }
}

/** Each mutation is one transaction: it writes everything or nothing. */
/** Only civil affairs' caseworkers and reviewers record and decide cases. */
const CASEWORKERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['CASEWORKER', 'REVIEWER'] };

@Resolver()
export class AssistanceCaseMutations {
  @Shared(CASEWORKERS)
  @Mutation(() => AssistanceCase, { description: 'Records an application for assistance (救助申请); the case starts APPLIED' })
  async applyForAssistance(@Arg('input', () => ApplyForAssistanceInput) input: ApplyForAssistanceInput, @Ctx() ctx: CivilAffairsContext) {
    const residentId = requireId(input.residentId, 'residentId');
    const householdId = input.householdId ? requireId(input.householdId, 'householdId') : null;
    const now = today();
    const appliedOn = input.appliedOn ?? now;
    if (appliedOn > now) throw badInput(`appliedOn ${appliedOn} is in the future`, 'appliedOn');
    const place = await applicantPlace(ctx, residentId, householdId);
    try {
      return await ctx.em.transactional(async (tx) => {
        await refuseDuplicate(tx, { residentId, householdId, program: input.program });
        const created = tx.create(AssistanceCase, {
          id: randomUUID(),
          residentId,
          householdId,
          program: input.program,
          status: AssistanceStatus.APPLIED,
          appliedOn,
          ...place,
        });
        await tx.flush();
        return created;
      });
    } catch (error) {
      // a concurrent application won the race past refuseDuplicate
      if (error instanceof UniqueConstraintViolationException) throw conflict(`resident ${residentId} already has an open ${input.program} case`);
      throw error;
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => AssistanceCase, {
    description:
      'Decides an APPLIED or REVIEWING case (审批): approval makes a monthly case ACTIVE from startsOn (APPROVED until then) and a one-off case APPROVED; rejection makes it REJECTED',
  })
  async decideAssistanceCase(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DecideAssistanceCaseInput) input: DecideAssistanceCaseInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const caseId = requireId(id);
    const now = today();
    if (!input.approve) refuseApprovalFields(input);
    return ctx.em.transactional(async (tx) => {
      // the row lock makes two concurrent decisions on one case queue up; the second sees the first's status
      const found = await tx.findOne(AssistanceCase, { id: caseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!found) throw notVisible('AssistanceCase', caseId);
      refuseOutsideScope(ctx, 'AssistanceCase', caseId, placeOfRecord(found), () => notVisible('AssistanceCase', caseId));
      requireUndecided(found);
      found.decidedOn = now;
      if (!input.approve) {
        found.status = AssistanceStatus.REJECTED;
      } else {
        const amounts = readApproval(found, input);
        const startsOn = input.startsOn ?? now;
        if (startsOn < found.appliedOn) throw badInput(`startsOn ${startsOn} is before the application (${found.appliedOn})`, 'startsOn');
        Object.assign(found, amounts, { startsOn });
        found.status = isRecurring(found.program) && startsOn <= now ? AssistanceStatus.ACTIVE : AssistanceStatus.APPROVED;
      }
      await tx.flush();
      return found;
    });
  }
}

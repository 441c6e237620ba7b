import { randomUUID } from 'node:crypto';
import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { CASEWORKERS } from '../access';
import { HOME_CARE_MIN_AGE } from '../config/programs';
import { ageOn, today } from '../dates';
import { HomeCareService } from '../entities/elderly-care';
import { HomeCareKind } from '../entities/welfare-enums';
import type { CivilAffairsContext } from '../loaders';
import { formatUnits, toUnits } from '../money';
import { applicantOnRegister } from './applicant-place';
import { readReason } from './assistance-case.steps';

@InputType({ description: 'A home-care service arranged for a resident (居家养老服务)' })
export class ArrangeHomeCareInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => HomeCareKind)
  kind!: HomeCareKind;

  @Field(() => Decimal, { description: 'Hours a month (每月服务时长), more than 0 and at most 240, in tenths' })
  hoursPerMonth!: string;

  @Field(() => LocalDate, { nullable: true, description: 'First day of service; default today' })
  startsOn?: string;
}

@InputType({ description: 'The end of a home-care service (终止服务)' })
export class EndHomeCareInput {
  @Field({ description: 'Why it ends (终止原因), e.g. "入住养老机构"' })
  reason!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Last day of service; default today, not in the future, not before it started',
  })
  endsOn?: string;
}

/** Why `text` is no number of hours a month (more than 0 and at most 240, 8 hours every day of a month), or null. */
export function hoursProblem(text: string): string | null {
  const tenths = toUnits(text, 1);
  return tenths === null || tenths <= 0n || tenths > 2400n
    ? `hoursPerMonth must be more than 0 and at most 240, in tenths (e.g. "12.5"); got "${text}"`
    : null;
}

/** Hours a month in tenths, as stored ("12.5", "20.0"). */
export const hoursOf = (text: string): string => formatUnits(toUnits(text, 1) ?? 0n, 1);

function readHours(text: string): string {
  const problem = hoursProblem(text);
  if (problem) throw badInput(problem, 'hoursPerMonth');
  return hoursOf(text);
}

/** A running service, locked for this transaction, if it is in the caller's scope. */
export async function runningService(
  tx: EntityManager,
  ctx: CivilAffairsContext,
  id: string,
): Promise<HomeCareService> {
  const found = await tx.findOne(HomeCareService, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!found) throw notVisible('HomeCareService', id);
  refuseOutsideScope(ctx, 'HomeCareService', id, placeOfRecord(found), () => notVisible('HomeCareService', id));
  if (found.endsOn)
    throw conflict(`home-care service ${id} ended on ${found.endsOn}; arrange a new one with arrangeHomeCare`);
  return found;
}

/** Home-care services (居家养老服务): arranged, changed and ended by civil affairs' caseworkers, in their scope. */
@Resolver()
export class HomeCareMutations {
  @Shared(CASEWORKERS)
  @Mutation(() => HomeCareService, {
    description:
      'Arranges a home-care service (居家养老服务) for a resident 60 or over on the register in your scope; one running service of a kind per resident (CONFLICT)',
  })
  async arrangeHomeCare(
    @Arg('input', () => ArrangeHomeCareInput) input: ArrangeHomeCareInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'arrangeHomeCare', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(HomeCareService, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const hoursPerMonth = readHours(input.hoursPerMonth);
    const applicant = await applicantOnRegister(ctx, residentId);
    const age = ageOn(applicant.birthDate, today());
    if (age < HOME_CARE_MIN_AGE)
      throw badInput(
        `resident ${residentId} is ${age}; home care is for residents ${HOME_CARE_MIN_AGE} and over`,
        'residentId',
      );
    try {
      return await once.create(async ({ em: tx }) => {
        const created = tx.create(HomeCareService, {
          id: randomUUID(),
          residentId,
          kind: input.kind,
          hoursPerMonth,
          startsOn: input.startsOn ?? today(),
          ...applicant.place,
        });
        await tx.flush();
        return created;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict(`resident ${residentId} already receives ${input.kind}; change its hours with changeHomeCare`);
      throw error;
    }
  }

  @Shared(CASEWORKERS)
  @Mutation(() => HomeCareService, { description: 'Changes the hours a month of a running home-care service' })
  async changeHomeCare(
    @Arg('id', () => ID) id: string,
    @Arg('hoursPerMonth', () => Decimal, { description: 'more than 0 and at most 240, in tenths' }) hours: string,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const serviceId = requireId(id);
    const hoursPerMonth = readHours(hours);
    return inTransaction(ctx, async ({ em: tx }) => {
      const found = await runningService(tx, ctx, serviceId);
      changeHours(found, hoursPerMonth);
      await tx.flush();
      return found;
    });
  }

  @Shared(CASEWORKERS)
  @Mutation(() => HomeCareService, { description: 'Ends a running home-care service (终止服务), saying why' })
  async endHomeCare(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => EndHomeCareInput) input: EndHomeCareInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const serviceId = requireId(id);
    const reason = readReason(input.reason, true);
    const now = today();
    const endsOn = input.endsOn ?? now;
    if (endsOn > now) throw badInput(`endsOn ${endsOn} is in the future; end the service on its last day`, 'endsOn');
    return inTransaction(ctx, async ({ em: tx }) => {
      const found = await runningService(tx, ctx, serviceId);
      if (endsOn < found.startsOn)
        throw badInput(`endsOn ${endsOn} is before the service started (${found.startsOn})`, 'endsOn');
      Object.assign(found, { endsOn, endReason: reason });
      await tx.flush();
      return found;
    });
  }
}

/** The change of a running service's hours (changeHomeCare's, and an accepted correction's), on the locked service. */
export function changeHours(found: HomeCareService, hoursPerMonth: string): void {
  // a change that changes nothing is refused, so a client resending an old form learns it was already taken
  if (toUnits(String(found.hoursPerMonth), 1) === toUnits(hoursPerMonth, 1))
    throw conflict(`home-care service ${found.id} already has ${hoursPerMonth} hours a month`);
  found.hoursPerMonth = hoursPerMonth;
}

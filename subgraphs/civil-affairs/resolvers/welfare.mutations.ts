import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_KEY_DESCRIPTION, CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { DISABILITY_TYPES } from '../../../lib/codes/disability';
import { parseIdNumber } from '../../../lib/codes/id-number';
import { badInput, conflict, requireId } from '../../../lib/errors';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { CASEWORKERS } from '../access';
import { ELDERLY_ALLOWANCE_MIN_AGE, elderlyAllowanceFor } from '../config/programs';
import { ageOn, firstOfNextMonth, today } from '../dates';
import { Disability } from '../entities/disability';
import { ElderlyAllowance } from '../entities/elderly-care';
import { SpecialCare } from '../entities/special-care';
import { DisabilityType, SpecialCareCategory } from '../entities/welfare-enums';
import type { CivilAffairsContext } from '../loaders';
import { applicantOnRegister } from './applicant-place';
import { readAmount } from './assistance-case.validate';

@InputType({ description: 'A disability certificate issued to a resident (残疾人证)' })
export class RecordDisabilityInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => DisabilityType)
  type!: DisabilityType;

  @Field(() => Int, { description: '1 (一级) to 4 (四级)' })
  grade!: number;

  @Field({
    description:
      'Certificate number: the holder’s 18-character ID number, the category code and the grade (20 characters)',
  })
  certificateNumber!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date issued; default today' })
  issuedOn?: string;
}

@InputType({ description: 'Special care (优抚) recognised for a resident' })
export class RecordSpecialCareInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => SpecialCareCategory)
  category!: SpecialCareCategory;

  @Field(() => Decimal, { nullable: true, description: 'Monthly subsidy in yuan (定期抚恤补助), if one is paid' })
  monthlyAmount?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Recognised on; default today' })
  since?: string;
}

/** 优抚 subsidies stay under this (yuan a month; the national standards for 一级 disabled soldiers are below it). */
const SPECIAL_CARE_MAX = '20000.00';

const pastOrToday = (date: string | undefined, field: string) => {
  const now = today();
  if (date && date > now) throw badInput(`${field} ${date} is in the future`, field);
  return date ?? now;
};

/** Each is one transaction; the resident must be on the active register and inside the caller's scope. */
@Resolver()
export class WelfareMutations {
  @Shared(CASEWORKERS)
  @Mutation(() => Disability, {
    description: 'Records a resident’s disability certificate (残疾人证), GB/T 26341 category and grade',
  })
  async recordDisability(
    @Arg('input', () => RecordDisabilityInput) input: RecordDisabilityInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'recordDisability', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(Disability, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    if (!Number.isInteger(input.grade) || input.grade < 1 || input.grade > 4)
      throw badInput(`grade must be 1 to 4 (GB/T 26341); got ${input.grade}`, 'grade');
    const number = input.certificateNumber.trim().toUpperCase();
    const id = parseIdNumber(number.slice(0, 18));
    if (number.length !== 20 || !id.ok)
      throw badInput(
        `certificateNumber must be the holder’s ID number and 2 digits (category, grade): ${id.ok ? 'it must be 20 characters' : `its ID number ${id.reason}`}`,
        'certificateNumber',
      );
    const suffix = `${DISABILITY_TYPES[input.type].code}${input.grade}`;
    if (number.slice(18) !== suffix)
      throw badInput(
        `certificateNumber must end in ${suffix} for ${input.type} grade ${input.grade}`,
        'certificateNumber',
      );
    const issuedOn = pastOrToday(input.issuedOn, 'issuedOn');
    const applicant = await applicantOnRegister(ctx, residentId);
    if (id.facts.birthDate !== applicant.birthDate)
      throw badInput(
        'certificateNumber does not hold this resident’s ID number (its birth date differs)',
        'certificateNumber',
      );
    return this.insert(
      once,
      `resident ${residentId} already holds a disability certificate, or the number is taken`,
      (tx) =>
        tx.create(Disability, {
          id: randomUUID(),
          residentId,
          type: input.type,
          grade: input.grade,
          certificateNumber: number,
          issuedOn,
          ...applicant.place,
        }),
    );
  }

  @Shared(CASEWORKERS)
  @Mutation(() => ElderlyAllowance, {
    description: `Grants the old-age allowance (高龄津贴) to a resident ${ELDERLY_ALLOWANCE_MIN_AGE} or over, at the amount of their age band, from next month`,
  })
  async grantElderlyAllowance(
    @Arg('residentId', () => ID) id: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'grantElderlyAllowance', idempotencyKey, { residentId: id }, (c, key) =>
      c.em.findOne(ElderlyAllowance, { id: key }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(id, 'residentId');
    const applicant = await applicantOnRegister(ctx, residentId);
    const now = today();
    const age = ageOn(applicant.birthDate, now);
    const monthlyAmount = elderlyAllowanceFor(age);
    if (!monthlyAmount)
      throw badInput(
        `resident ${residentId} is ${age}; 高龄津贴 is for residents ${ELDERLY_ALLOWANCE_MIN_AGE} and over`,
        'residentId',
      );
    return this.insert(once, `resident ${residentId} already receives 高龄津贴`, (tx) =>
      tx.create(ElderlyAllowance, {
        id: randomUUID(),
        residentId,
        monthlyAmount,
        startsOn: firstOfNextMonth(now),
        ...applicant.place,
      }),
    );
  }

  @Shared(CASEWORKERS)
  @Mutation(() => SpecialCare, {
    description:
      'Records special care (优抚) recognised for a veteran, a disabled soldier or a martyr’s or serviceman’s family',
  })
  async recordSpecialCare(
    @Arg('input', () => RecordSpecialCareInput) input: RecordSpecialCareInput,
    @Ctx() ctx: CivilAffairsContext,
  ) {
    const once = new CreateOnce(ctx, 'recordSpecialCare', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(SpecialCare, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const residentId = requireId(input.residentId, 'residentId');
    const monthlyAmount =
      input.monthlyAmount == null ? null : readAmount(input.monthlyAmount, 'monthlyAmount', SPECIAL_CARE_MAX);
    const since = pastOrToday(input.since, 'since');
    const applicant = await applicantOnRegister(ctx, residentId);
    return this.insert(once, `resident ${residentId} is already recognised as ${input.category}`, (tx) =>
      tx.create(SpecialCare, {
        id: randomUUID(),
        residentId,
        category: input.category,
        monthlyAmount,
        since,
        ...applicant.place,
      }),
    );
  }

  private async insert<T extends { id: string }>(
    once: CreateOnce<CivilAffairsContext, T>,
    duplicate: string,
    make: (tx: EntityManager) => T,
  ): Promise<T> {
    try {
      return await once.create(async ({ em: tx }) => {
        const created = make(tx);
        await tx.flush();
        return created;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict(duplicate);
      throw error;
    }
  }
}

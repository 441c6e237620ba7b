import { Field, ID, InputType } from 'type-graphql';
import { ConsentInput } from '../../../lib/collection/inputs';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { AssistanceAction, AssistanceProgram, AssistanceStatus } from '../entities/enums';

@InputType({ description: 'Conditions on assistance cases; all given conditions must hold' })
export class AssistanceCaseFilter {
  @Field(() => AssistanceProgram, { nullable: true })
  program?: AssistanceProgram;

  @Field(() => AssistanceStatus, { nullable: true })
  status?: AssistanceStatus;

  @Field(() => ID, { nullable: true, description: 'Applicant (申请人)' })
  residentId?: string;

  @Field(() => ID, { nullable: true, description: 'Household the case covers (救助家庭)' })
  householdId?: string;
}

@InputType({ description: 'An application for social assistance (救助申请)' })
export class ApplyForAssistanceInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'Applicant (申请人): a resident key issued by population' })
  residentId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Household the application is for (救助家庭); 低保 is granted to a household',
  })
  householdId?: string;

  @Field(() => AssistanceProgram)
  program!: AssistanceProgram;

  @Field(() => LocalDate, { nullable: true, description: 'Date of application; default today, never in the future' })
  appliedOn?: string;

  @Field(() => String, { nullable: true, description: 'Why the family applies (申请理由), kept in the case history' })
  reason?: string;

  @Field(() => ConsentInput, {
    nullable: true,
    description:
      'Filed on the applicant’s behalf (代办): how they agreed; required from grid staff, who file for the residents of their own grids only',
  })
  onBehalf?: ConsentInput;
}

@InputType({ description: 'The decision on an application (审批): approve with an amount, or reject' })
export class DecideAssistanceCaseInput {
  @Field({ description: 'true approves (批准), false rejects (不予批准)' })
  approve!: boolean;

  @Field(() => Decimal, {
    nullable: true,
    description:
      'Monthly amount in yuan, required when approving 低保 or 特困: more than 0, at most 100000, at most 2 decimal places',
  })
  monthlyAmount?: string;

  @Field(() => Decimal, {
    nullable: true,
    description:
      'One-off amount in yuan, required when approving 临时救助 or 大病救助: more than 0, at most 100000, at most 2 decimal places',
  })
  oneOffAmount?: string;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'When approving: first day of payment (for one-off programs the payment date); default today, not before the application',
  })
  startsOn?: string;

  @Field(() => String, { nullable: true, description: 'Reasons for the decision (审批意见), kept in the case history' })
  reason?: string;
}

@InputType({ description: 'A step of an assistance case that needs only a reason' })
export class ChangeAssistanceCaseInput {
  @Field(() => AssistanceAction, { description: 'START_REVIEW, VERIFY, START_PAYMENT, SUSPEND, RESUME or TERMINATE' })
  action!: AssistanceAction;

  @Field({ description: 'Why (理由), kept in the case history' })
  reason!: string;
}

@InputType({ description: 'The periodic review of a paying case (动态复核)' })
export class ReviewAssistanceCaseInput {
  @Field({ description: 'What the review found (复核意见)' })
  reason!: string;

  @Field(() => Decimal, {
    nullable: true,
    description: 'A new monthly amount in yuan, within the program’s limit; leave out to keep it',
  })
  monthlyAmount?: string;
}

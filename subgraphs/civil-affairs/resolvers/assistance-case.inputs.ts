import { Field, ID, InputType } from 'type-graphql';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { AssistanceProgram, AssistanceStatus } from '../entities/enums';

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
  @Field(() => ID, { description: 'Applicant (申请人): a resident key issued by population' })
  residentId!: string;

  @Field(() => ID, { nullable: true, description: 'Household the application is for (救助家庭); 低保 is granted to a household' })
  householdId?: string;

  @Field(() => AssistanceProgram)
  program!: AssistanceProgram;

  @Field(() => LocalDate, { nullable: true, description: 'Date of application; default today, never in the future' })
  appliedOn?: string;
}

@InputType({ description: 'The decision on an application (审批): approve with an amount, or reject' })
export class DecideAssistanceCaseInput {
  @Field({ description: 'true approves (批准), false rejects (不予批准)' })
  approve!: boolean;

  @Field(() => Decimal, {
    nullable: true,
    description: 'Monthly amount in yuan, required when approving 低保 or 特困: more than 0, at most 100000, at most 2 decimal places',
  })
  monthlyAmount?: string;

  @Field(() => Decimal, {
    nullable: true,
    description: 'One-off amount in yuan, required when approving 临时救助 or 大病救助: more than 0, at most 100000, at most 2 decimal places',
  })
  oneOffAmount?: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When approving: first day of payment (for one-off programs the payment date); default today, not before the application',
  })
  startsOn?: string;
}

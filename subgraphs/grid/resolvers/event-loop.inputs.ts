import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { Satisfaction } from '../entities/event-follow-up';
import { AssessmentGroup } from '../events/assessment';
import { EventFiguresArgs } from './event.inputs';

@InputType({ description: 'The answer to a follow-up (回访) of a closed event' })
export class RecordFollowUpInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => Satisfaction)
  satisfaction!: Satisfaction;

  @Field(() => String, { nullable: true, description: 'What they said (评价意见), up to 2000 characters' })
  comment?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'DISSATISFIED only: send the event back to the department it was closed with (REDO 回访不满意重办; needs the comment)',
  })
  reopen?: boolean;
}

@ArgsType()
export class AssessmentFiguresArgs extends EventFiguresArgs {
  @Field(() => AssessmentGroup, { description: 'Per grid or per department' })
  groupBy!: AssessmentGroup;
}

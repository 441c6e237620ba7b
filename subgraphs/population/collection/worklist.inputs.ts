import { Field, ID, InputType } from 'type-graphql';
import { ResidenceStatus } from '../entities/enums';
import { CollectedChangeStatus } from './workflow';

@InputType({ description: 'What the registrar adds to a new arrival from the documents checked (登记补充信息)' })
export class ArrivalRegistrationInput {
  @Field({ description: 'GB/T 3304 ethnicity code (民族代码), "01" to "56"' })
  ethnicityCode!: string;

  @Field(() => ResidenceStatus)
  residenceStatus!: ResidenceStatus;
}

@InputType({ description: 'Which collected changes to list (待核实事项筛选)' })
export class CollectedChangeFilter {
  @Field(() => CollectedChangeStatus, { nullable: true, description: 'Default: every status' })
  status?: CollectedChangeStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only those still pending after their due day (逾期); false: only those that are not',
  })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only those of one building' })
  buildingId?: string | null;
}

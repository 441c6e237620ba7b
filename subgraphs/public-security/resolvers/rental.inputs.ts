import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/db/idempotency';
import { LocalDate } from '../../../lib/graphql/scalars';
import { InspectionResult } from '../entities/enums';

@InputType({
  description:
    'A tenant moving into a rental (租客入住登记): the resident must live in the rental’s building on population’s register',
})
export class RegisterTenancyInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  rentalId!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => LocalDate)
  movedInOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Registered with the police on (default: today)' })
  registeredOn?: string;
}

@InputType({ description: 'A safety inspection of a rental (安全检查)' })
export class RentalInspectionInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  rentalId!: string;

  @Field(() => LocalDate)
  inspectedOn!: string;

  @Field(() => InspectionResult)
  result!: InspectionResult;

  @Field({ nullable: true, description: 'Required unless the result is PASSED' })
  hazards?: string;
}

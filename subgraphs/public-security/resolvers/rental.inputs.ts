import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { LocalDate } from '../../../lib/graphql/scalars';
import { InspectionResult, RiskLevel } from '../entities/enums';

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

@InputType({ description: 'A let room registered with the police (出租房屋登记)' })
export class RegisterRentalInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID, { description: 'The building, on population’s register, inside your data scope' })
  buildingId!: string;

  @Field({ description: 'Room, as on the housing register, e.g. "2单元301"' })
  room!: string;

  @Field(() => ID, { description: 'The landlord (房东), a resident you may see' })
  landlordId!: string;

  @Field(() => RiskLevel, { description: 'Assessed risk level (风险等级): sets how often it is inspected' })
  riskLevel!: RiskLevel;

  @Field(() => LocalDate, { nullable: true, description: 'Registered on (default: today)' })
  registeredOn?: string;
}

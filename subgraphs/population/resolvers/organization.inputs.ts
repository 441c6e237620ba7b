import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { OrganizationType } from '../entities/enums';

@InputType({ description: 'Conditions on organizations; all given conditions must hold' })
export class OrganizationFilter {
  @Field(() => ID, { nullable: true })
  buildingId?: string;

  @Field(() => OrganizationType, { nullable: true })
  type?: OrganizationType;
}

@InputType({ description: 'A new organization in the district (辖区单位登记)' })
export class RegisterOrganizationInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field()
  name!: string;

  @Field({ description: '18-character unified social credit code (GB 32100)' })
  creditCode!: string;

  @Field(() => OrganizationType)
  type!: OrganizationType;

  @Field(() => ID, { description: 'The building it is in' })
  buildingId!: string;

  @Field({ nullable: true })
  contactName?: string;

  @Field({ nullable: true, description: 'Mobile (11 digits) or landline' })
  contactPhone?: string;
}

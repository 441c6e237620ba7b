import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { locationOfRepresentation } from '../../../lib/auth/scope';
import { Household } from './household';

/**
 * Population's resident, known here by its key; civil affairs adds `assistance` to it. `household` is population's,
 * sent along by the gateway because Resident.assistance @requires the resident's location (for the scope check).
 */
@Directive('@key(fields: "id")')
@ObjectType()
@PersonalData({ location: locationOfRepresentation })
export class Resident {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Household, { nullable: true })
  household?: Household | null;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { locationOfRepresentation } from '../../../lib/auth/scope';
import { Building } from './building';

/**
 * Population's household, known here by its key; civil affairs adds `assistance` to it. `building` is population's,
 * sent along by the gateway because Household.assistance @requires the household's location.
 */
@Directive('@key(fields: "id")')
@ObjectType()
@PersonalData({ location: locationOfRepresentation })
export class Household {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Building)
  building?: Building;
}

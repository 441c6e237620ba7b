import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { locationOfRepresentation } from '../../../lib/auth/scope';
import { Building } from './building';

/**
 * Population's household, known here by its key; grid adds `visits` and `lastVisit` (resolvers/household.resolver.ts).
 * `building` is population's, sent along because those fields @require it (and for Resident.grid); it is where the
 * household is, for the scope check.
 */
@Directive('@key(fields: "id")')
@ObjectType()
@PersonalData({ location: locationOfRepresentation })
export class Household {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Building)
  building!: Building;
}

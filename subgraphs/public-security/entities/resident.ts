import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { locationOfRepresentation } from '../../../lib/auth/scope';
import { Household } from './household';

/**
 * Population's Resident, as a federation stub: public security only knows its key and adds fields to it
 * (resolvers/resident.resolver.ts). `household` is population's, sent along by the gateway because those fields
 * @require the resident's location (for the scope check). Links to residents are plain uuid columns.
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

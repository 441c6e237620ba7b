import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { residentLocation } from '../access';
import { Household } from './household';

/**
 * Population's resident, known here by its key. Grid does not know where a resident lives: `household`
 * is population's field, sent along in the representation because Resident.grid @requires it.
 */
@Directive('@key(fields: "id")')
@ObjectType()
@PersonalData({ location: residentLocation })
export class Resident {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Household, { nullable: true })
  household?: Household | null;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Household } from './household';

/**
 * Population's resident, known here by its key. Grid does not know where a resident lives: `household`
 * is population's field, sent along in the representation because Resident.grid @requires it.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Resident {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Household, { nullable: true })
  household?: Household | null;
}

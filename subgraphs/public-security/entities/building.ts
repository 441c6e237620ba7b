import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Population's building, as a federation stub: public security adds its rentals and incidents to it, and declares the
 * community code only for the location its Resident fields @require (it never resolves it).
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Building {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field()
  communityCode!: string;
}

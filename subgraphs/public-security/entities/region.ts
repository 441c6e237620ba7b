import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Grid's region, as a federation stub: public security adds the grid's police officer to it. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Region {
  @Field(() => ID)
  id!: string;
}

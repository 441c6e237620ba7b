import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Population's household, known here only by its key; civil affairs adds `assistance` to it. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Household {
  @Field(() => ID)
  id!: string;
}

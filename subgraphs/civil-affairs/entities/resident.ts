import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Population's resident, known here only by its key; civil affairs adds `assistance` to it. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Resident {
  @Field(() => ID)
  id!: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Grid's workforce member, referenced by key only (grid resolves name and phone). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Staff {
  @Field(() => ID)
  id!: string;
}

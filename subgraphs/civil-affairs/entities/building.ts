import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Population's building, declared only for the location civil affairs' fields @require (never resolved here). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Building {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field()
  communityCode!: string;
}

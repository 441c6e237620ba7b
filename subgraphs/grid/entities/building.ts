import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Household } from './household';

/**
 * Population's building, known here only by its key; grid adds `grid`, `microGrid`, `events` and the visit fields
 * (resolvers/building.resolver.ts). `communityCode` and `households` are population's, sent along when a field
 * @requires them.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Building {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => String)
  communityCode?: string;

  @Directive('@external')
  @Field(() => [Household])
  households?: Household[];
}

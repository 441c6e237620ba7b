import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Population's building, known here only by its key; grid adds `grid` and `microGrid` (resolvers/building.resolver.ts). */
@Directive('@key(fields: "id")')
@ObjectType()
export class Building {
  @Field(() => ID)
  id!: string;
}

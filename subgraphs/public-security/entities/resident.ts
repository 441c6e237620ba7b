import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Population's Resident, as a federation stub: public security only knows its key and adds fields to it
 * (resolvers/resident.resolver.ts). Links to residents are plain uuid columns, never foreign keys.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Resident {
  @Field(() => ID)
  id!: string;
}

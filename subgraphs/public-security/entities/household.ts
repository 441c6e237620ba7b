import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Building } from './building';

/** Population's household, declared only for the location public security's fields @require (never resolved here). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Household {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Building)
  building!: Building;
}

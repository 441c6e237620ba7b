import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Building } from './building';

/**
 * Population's household, declared only so Resident.grid can @require `household { building { id } }`:
 * grid never resolves households itself (resolvable: false) and `building` comes from population.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Household {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => Building)
  building!: Building;
}

import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { householdLocation } from '../access';
import { Building } from './building';
import { HouseholdType } from './enums';
import { householdSubjects } from '../audit-subjects';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A household (户): the people living in one room of a building' })
@PersonalData({ location: householdLocation, subjects: householdSubjects })
@Entity({ tableName: 'household' })
export class Household {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Building, { ref: true, index: true })
  building!: Ref<Building>;

  @Field({ description: 'Room, e.g. "2单元301"' })
  @Property({ type: 'text' })
  room!: string;

  @Field(() => HouseholdType)
  @Enum({ items: () => HouseholdType })
  type!: HouseholdType;
}

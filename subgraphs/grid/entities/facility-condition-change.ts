import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Facility, FacilityCondition } from './facility';

/** One entry of a facility's condition history (部件状态记录): its registration, then every change. Append-only. */
@ObjectType({ description: 'One entry of a facility’s condition history (部件状态记录)' })
@Entity({ tableName: 'facility_condition_change' })
@Index({ properties: ['facility', 'at'] })
export class FacilityConditionChange {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Facility, { ref: true })
  facility!: Ref<Facility>;

  @Field(() => FacilityCondition, { nullable: true, description: 'Condition before; null for the registration' })
  @Enum({ items: () => FacilityCondition, nullable: true })
  fromCondition?: FacilityCondition | null;

  @Field(() => FacilityCondition, { description: 'Condition after' })
  @Enum({ items: () => FacilityCondition })
  toCondition!: FacilityCondition;

  @Field(() => String, { nullable: true, description: 'Note (说明)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'text' })
  actorSubject!: string;

  @Field({ description: 'Who recorded it (记录人)' })
  @Property({ type: 'text' })
  actorName!: string;

  @Field({ description: 'When' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;
}

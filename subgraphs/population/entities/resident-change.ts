import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/graphql/scalars';
import { ResidentChangeKind } from './enums';

/**
 * One change to a resident's record (变更记录), written in the same transaction as the change. Append-only: a trigger
 * refuses UPDATE and DELETE (the application role has no TRUNCATE). A move keeps the households it was from and to, so a
 * household's membership over time is a question to these rows.
 */
@ObjectType({ description: 'A change to a resident’s record (变更记录): who, when, what, from what to what' })
@Entity({ tableName: 'resident_change' })
@Index({ properties: ['residentId', 'at'] })
@Index({ properties: ['toHouseholdId'] })
@Index({ properties: ['fromHouseholdId'] })
export class ResidentChange {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  residentId!: string;

  @Field({ description: 'When the change was recorded (变更时间)' })
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The day it took effect, when that differs from the day it was recorded (e.g. moved in on)',
  })
  @Property({ type: 'date', nullable: true })
  effectiveOn?: string | null;

  @Field(() => ResidentChangeKind)
  @Enum({ items: () => ResidentChangeKind })
  kind!: ResidentChangeKind;

  @Field(() => String, { nullable: true, description: 'The field that changed (FACT, STATUS), e.g. "phone"' })
  @Property({ type: 'text', nullable: true })
  field?: string | null;

  @Field(() => String, { nullable: true, description: 'Value before (原值); household key for a move' })
  @Property({ type: 'text', nullable: true })
  fromValue?: string | null;

  @Field(() => String, { nullable: true, description: 'Value after (新值); household key for a move' })
  @Property({ type: 'text', nullable: true })
  toValue?: string | null;

  @Property({ type: 'uuid', nullable: true })
  fromHouseholdId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  toHouseholdId?: string | null;

  @Field({ description: 'Who made the change (token subject, 经办人)' })
  @Property({ type: 'text' })
  changedBy!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Who collected it on a visit (采集人), when grid staff collected the change (一次采集)',
  })
  @Property({ type: 'text', nullable: true })
  collectedBy?: string | null;

  @Field(() => ID, { nullable: true, description: 'The visit it was collected on (grid’s Visit id)' })
  @Property({ type: 'uuid', nullable: true })
  visitId?: string | null;

  @Field(() => String, { nullable: true, description: 'The gateway request the change was made in' })
  @Property({ type: 'text', nullable: true })
  requestId?: string | null;
}

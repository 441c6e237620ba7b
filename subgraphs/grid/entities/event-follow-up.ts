import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Event } from './event';

export enum Satisfaction {
  SATISFIED = 'SATISFIED',
  BASICALLY_SATISFIED = 'BASICALLY_SATISFIED',
  DISSATISFIED = 'DISSATISFIED',
}
registerEnumType(Satisfaction, {
  name: 'Satisfaction',
  description: 'The answer to a follow-up (回访评价)',
  valuesConfig: {
    SATISFIED: { description: '满意' },
    BASICALLY_SATISFIED: { description: '基本满意' },
    DISSATISFIED: { description: '不满意' },
  },
});

/**
 * A follow-up (回访) after an event was closed: the reporter or the resident concerned asked whether they are
 * satisfied. One per closing (a reopened event closed again is followed up again); append-only (trigger).
 */
@ObjectType('EventFollowUp', { description: 'A follow-up (回访) after an event was closed, and its answer' })
@Entity({ tableName: 'event_follow_up' })
@Unique({ properties: ['event', 'closedAt'] })
export class EventFollowUp {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Event, { ref: true, index: true })
  event!: Ref<Event>;

  /** the closing it follows up (Event.closedAt then) */
  @Field({ description: 'The closing (结案) it follows up' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  closedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Code of the department the event was closed with' })
  @Property({ type: 'text', nullable: true })
  department?: string | null;

  @Field(() => Satisfaction)
  @Enum({ items: () => Satisfaction })
  satisfaction!: Satisfaction;

  @Field(() => String, { nullable: true, description: 'What they said (评价意见)' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field({ description: 'The answer reopened the event (回访不满意重办)' })
  @Property({ type: 'boolean', default: false })
  reopened: boolean = false;

  @Property({ type: 'text' })
  recorderSubject!: string;

  @Field({ description: 'Who made the call (回访人)' })
  @Property({ type: 'text' })
  recorderName!: string;

  @Field({ description: 'When (回访时间)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;
}

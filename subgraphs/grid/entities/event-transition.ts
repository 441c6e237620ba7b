import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { EventAction, EventStatus } from '../events/workflow';
import { Event } from './event';

/**
 * One move of an event (流转记录): the timeline. Append-only — a trigger refuses UPDATE, DELETE and TRUNCATE
 * (migrations), like the audit log's.
 */
@ObjectType('EventTimelineEntry', {
  description: 'One move in an event’s timeline (流转记录): who, from which state to which, why, when',
})
@Entity({ tableName: 'event_transition' })
@Index({ properties: ['event', 'at'] })
export class EventTransition {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Event, { ref: true })
  event!: Ref<Event>;

  @Field(() => EventAction, { nullable: true, description: 'The action; null for the report itself' })
  @Enum({ items: () => EventAction, nullable: true })
  action?: EventAction | null;

  @Field(() => EventStatus, { nullable: true, description: 'State before; null for the report itself' })
  @Enum({ items: () => EventStatus, nullable: true })
  fromStatus?: EventStatus | null;

  @Field(() => EventStatus, { description: 'State after' })
  @Enum({ items: () => EventStatus })
  toStatus!: EventStatus;

  @Property({ type: 'text' })
  actorSubject!: string;

  @Field({ description: 'Who moved it (操作人)' })
  @Property({ type: 'text' })
  actorName!: string;

  @Field({ description: 'The actor’s department and role, e.g. GRID:DISPATCHER' })
  @Property({ type: 'text' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'Comment or reason (意见)' })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => String, { nullable: true, description: 'The department it was dispatched to by this move' })
  @Property({ type: 'text', nullable: true })
  department?: string | null;

  @Field({ description: 'When (时间)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @Field(() => Date, { nullable: true, description: 'When the step this move began is due' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deadline?: Date | null;

  @Field({ description: 'The step this move ended was over its time limit (超时)' })
  @Property({ type: 'boolean', default: false })
  late: boolean = false;
}

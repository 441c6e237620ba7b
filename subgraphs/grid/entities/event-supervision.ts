import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Event } from './event';

/**
 * A supervision flag (督办) on an overdue event: who flagged it, when, why, and which department was responsible then.
 * Append-only (a trigger refuses UPDATE and DELETE, like the timeline's). `event` and `departmentName` are field
 * resolvers (resolvers/event-loop.resolver.ts).
 */
@ObjectType('EventSupervision', {
  description: 'A supervision flag (督办) a street or district official put on an overdue event',
})
@Entity({ tableName: 'event_supervision' })
@Index({ properties: ['at'] })
export class EventSupervision {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Event, { ref: true, index: true })
  event!: Ref<Event>;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the department responsible when it was flagged (责任部门); null when it was at the desk',
  })
  @Property({ type: 'text', nullable: true })
  department?: string | null;

  @Field({ description: 'Why it is supervised (督办事由)' })
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text' })
  supervisorSubject!: string;

  @Field({ description: 'Who flagged it (督办人)' })
  @Property({ type: 'text' })
  supervisorName!: string;

  @Field({ description: 'Their department and role, e.g. GRID:GRID_LEADER' })
  @Property({ type: 'text' })
  supervisorRole!: string;

  @Field({ description: 'When (督办时间)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @Field({ description: 'The time limit of the step that was overdue when it was flagged' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  overdueSince!: Date;
}

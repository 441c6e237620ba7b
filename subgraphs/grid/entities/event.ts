import {
  ArrayType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
  Unique,
} from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { eventLocation } from '../access';
import { EventCategory, CATEGORY_TERMS } from '../events/time-limits';
import { EventStatus } from '../events/workflow';
import { Facility } from './facility';
import { Region } from './region';

registerEnumType(EventCategory, {
  name: 'EventCategory',
  description: 'Event category (事件类别); each has its own time limits',
  valuesConfig: Object.fromEntries(Object.entries(CATEGORY_TERMS).map(([k, term]) => [k, { description: term }])),
});

export enum EventSource {
  GRID_WORKER = 'GRID_WORKER',
  HOTLINE = 'HOTLINE',
  STREET_CALL = 'STREET_CALL',
  VISIT = 'VISIT',
}
registerEnumType(EventSource, {
  name: 'EventSource',
  description: 'How an event came in (事件来源)',
  valuesConfig: {
    GRID_WORKER: { description: '网格员上报' },
    HOTLINE: { description: '热线来电 (12345)' },
    STREET_CALL: { description: '街道呼叫 ("街道呼叫、中枢派单、部门应答")' },
    VISIT: { description: '走访发现' },
  },
});

/**
 * A case reported in a grid (事件) and where it stands in its workflow (events/workflow.ts). Its place is the grid's
 * community and, when it concerns one, the building: grid staff see the events of their scope, a department the
 * events dispatched to it (access.ts maySeeEvent; every way to an event goes through it). `version` is the optimistic lock every transition checks.
 * Field resolvers: resolvers/event.resolver.ts.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'An event (事件) reported in a grid, and its workflow: reported → registered → dispatched → accepted → in progress → resolved → verified → closed',
})
@PersonalData<Event>({ location: eventLocation, subjects: (e) => e.residentIds })
@Entity({ tableName: 'event' })
@Unique({ properties: ['reporterSubject', 'idempotencyKey'] })
@Index({ properties: ['status', 'stepDeadline'] })
@Index({ properties: ['department', 'status'] })
@Index({ properties: ['communityCode'] })
@Index({
  name: 'event_resident_ids_index',
  expression: 'create index "event_resident_ids_index" on "event" using gin ("resident_ids")',
})
export class Event {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** a retry of reportEvent with the same key (from the same reporter) answers this event */
  @Property({ type: 'text' })
  idempotencyKey!: string;

  /** what was reported, to tell a retry from a different report under a reused key */
  @Property({ type: 'text' })
  reportFingerprint!: string;

  @Property({ type: 'text' })
  reporterSubject!: string;

  @Field({ description: 'Who reported it (上报人)' })
  @Property({ type: 'text' })
  reporterName!: string;

  @Field(() => EventSource)
  @Enum({ items: () => EventSource })
  source!: EventSource;

  @Field(() => EventCategory)
  @Enum({ items: () => EventCategory })
  category!: EventCategory;

  @Field({ description: 'Title (事件标题)' })
  @Property({ type: 'text' })
  title!: string;

  @Field({ description: 'What happened (事件描述)' })
  @Property({ type: 'text' })
  description!: string;

  /** the grid or micro-grid it happened in */
  @ManyToOne(() => Region, { ref: true, index: true })
  region!: Ref<Region>;

  /** the region whose dispatch desk holds it: the grid's community at first, one level up after each escalation */
  @ManyToOne(() => Region, { ref: true, index: true })
  handlingRegion!: Ref<Region>;

  @Property({ type: 'string', columnType: 'char(12)' })
  communityCode!: string;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  /** population's residents involved, by key */
  @Property({ type: ArrayType, columnType: 'uuid[]', default: '{}' })
  residentIds: string[] = [];

  @Field(() => EventStatus)
  @Enum({ items: () => EventStatus })
  status!: EventStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the department it is dispatched to (派遣部门); see eventDepartments',
  })
  @Property({ type: 'text', nullable: true })
  department?: string | null;

  @Field(() => Int, {
    description:
      'Optimistic version: pass it to transitionEvent; a move from an older version is refused with CONFLICT',
  })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Field({ description: 'When it was reported (上报时间)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  reportedAt!: Date;

  @Field({ description: 'When the current step began' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  stepStartedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the current step is due (时限), from the time limits of its category; null without a clock (suspended, final)',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  stepDeadline?: Date | null;

  @Field(() => Int, { description: 'Steps finished after their time limit (超时环节数)' })
  @Property({ type: 'integer', default: 0 })
  lateSteps: number = 0;

  @Field(() => Int, { description: 'Times a department returned it (退回次数)' })
  @Property({ type: 'integer', default: 0 })
  returnedCount: number = 0;

  @Field(() => Date, { nullable: true, description: 'When it was closed or rejected' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /** the facility (城市部件) it concerns, if any: in the event's grid (events/store.ts placeOfReport) */
  @ManyToOne(() => Facility, { ref: true, nullable: true, index: true })
  facility?: Ref<Facility> | null;

  /** the visit whose finding raised it, if any */
  @Property({ type: 'uuid', nullable: true })
  visitId?: string | null;
}

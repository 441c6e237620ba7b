import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { EventCategory } from '../events/time-limits';
import { EventAction, EventStatus } from '../events/workflow';

@InputType({ description: 'A new event (事件上报)' })
export class ReportEventInput {
  @Field({
    description:
      'A key the client makes once per report (e.g. a UUID) and sends again on a retry: a retry answers the same event',
  })
  idempotencyKey!: string;

  @Field(() => EventCategory)
  category!: EventCategory;

  @Field({ description: 'Title (标题), up to 200 characters' })
  title!: string;

  @Field({ description: 'What happened (描述), up to 4000 characters' })
  description!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The grid or micro-grid it happened in; may be left out when buildingId is given',
  })
  regionId?: string;

  @Field(() => ID, { nullable: true, description: 'The building concerned (population’s key)' })
  buildingId?: string;

  @Field(() => [ID], { nullable: true, description: 'Residents involved (population’s keys)' })
  residentIds?: string[];

  @Field(() => ID, {
    nullable: true,
    description:
      'The facility (城市部件) concerned: one you may see, in the grid the event happens in; without regionId and buildingId the event is placed where the facility stands',
  })
  facilityId?: string;
}

@InputType({ description: 'A move in an event’s workflow (事件流转)' })
export class TransitionEventInput {
  @Field(() => ID)
  id!: string;

  @Field(() => EventAction)
  action!: EventAction;

  @Field(() => Int, {
    description: 'Event.version as you saw it; if someone moved the event since, the move is refused with CONFLICT',
  })
  version!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Comment (意见); required for REJECT, ESCALATE, RETURN, SUSPEND (the reason) and REOPEN',
  })
  comment?: string;

  @Field(() => String, {
    nullable: true,
    description: 'DISPATCH only: the code of the department to send it to (eventDepartments)',
  })
  department?: string;
}

@InputType({ description: 'Conditions on events; all given conditions must hold' })
export class EventFilter {
  @Field(() => ID, { nullable: true, description: 'Events that happened in this region or any region below it' })
  regionId?: string;

  @Field(() => [EventStatus], { nullable: true })
  status?: EventStatus[];

  @Field(() => EventCategory, { nullable: true })
  category?: EventCategory;

  @Field(() => String, { nullable: true, description: 'Dispatched to this department (code)' })
  department?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only events whose current step is past its time limit (超期); false: only those that are not',
  })
  overdue?: boolean;

  @Field(() => Date, { nullable: true, description: 'Reported at or after' })
  reportedFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Reported before' })
  reportedTo?: Date;
}

@ArgsType()
export class EventFiguresArgs {
  @Field(() => ID, { description: 'The region (with everything below it)' })
  regionId!: string;

  @Field(() => Date, { description: 'From (inclusive)' })
  from!: Date;

  @Field(() => Date, { description: 'To (exclusive)' })
  to!: Date;
}

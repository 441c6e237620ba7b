import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { FieldRule } from '../../../lib/auth/rules';
import { Shared } from '../../../lib/auth/rules';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { badInput, notFound, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { Event } from '../entities/event';
import { EventFollowUp } from '../entities/event-follow-up';
import { EventSupervision } from '../entities/event-supervision';
import { eventForCaller } from '../access';
import { AssessmentFigures, assessmentFigures } from '../events/assessment';
import { dispatchDepartment } from '../events/departments';
import { recordFollowUp } from '../events/follow-up';
import { findSupervisions } from '../events/supervised-list';
import { superviseEvent } from '../events/supervision';
import type { GridContext } from '../loaders';
import { AssessmentFiguresArgs, RecordFollowUpInput } from './event-loop.inputs';

export const EventSupervisionConnection = ConnectionType(EventSupervision, 'EventSupervision');

/** 督办: grid's leaders and dispatchers (the code also asks for a street or district scope). */
const OFFICIALS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['GRID_LEADER', 'DISPATCHER'] };
/** 回访: the dispatch desk makes the calls (and reopens through the workflow's DESK move). */
const DESK: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['DISPATCHER', 'GRID_LEADER'] };

const departmentName = (code: string | null | undefined) => (code ? (dispatchDepartment(code)?.name ?? code) : null);

/** Closing the loop (闭环): supervision (督办), follow-up (回访) and the assessment figures (考核). */
@Resolver(() => EventSupervision)
export class EventSupervisionResolver {
  @Shared(OFFICIALS)
  @Mutation(() => Event, {
    description:
      'Flags an overdue open event for supervision (督办); street or district officials only (GRID_LEADER or DISPATCHER with a street or district scope). A retry with the same idempotencyKey answers the same flag',
  })
  superviseEvent(
    @Arg('eventId', () => ID) eventId: string,
    @Arg('reason', { description: 'Why (督办事由), up to 2000 characters' }) reason: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Ctx() ctx: GridContext,
  ): Promise<Event> {
    return superviseEvent(ctx, { eventId, reason, idempotencyKey });
  }

  @Query(() => EventSupervisionConnection, {
    description:
      'The supervision list (督办清单): flags on events you may see, newest first, with the event and the department responsible, a page at a time',
  })
  async supervisedEvents(
    @Args() paging: PageArgs,
    @Arg('regionId', () => ID, { nullable: true, description: 'Events in this region or below' })
    regionId: string | undefined,
    @Ctx() ctx: GridContext,
  ) {
    const page = await findSupervisions(ctx.em, ctx, regionId, readPage(paging));
    // the flags passed the events' scope in SQL: the events reached through them share the decision
    for (const node of page.nodes) ctx.scopeDecisions.set(node, true);
    return page;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event flagged' })
  async event(@Root() flag: EventSupervision, @Ctx() ctx: GridContext): Promise<Event | null> {
    return eventForCaller(await ctx.loaders.event.load(flag.event.id), ctx);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the department responsible (责任部门)' })
  departmentName(@Root() flag: EventSupervision): string | null {
    return departmentName(flag.department);
  }

  @Shared(DESK)
  @Mutation(() => Event, {
    description:
      'Records the answer to a follow-up (回访) of a closed event, once per closing; DISSATISFIED with reopen: true sends it back to the department (REDO). A retry with the same idempotencyKey answers the same event',
  })
  recordFollowUp(
    @Arg('input', () => RecordFollowUpInput) input: RecordFollowUpInput,
    @Ctx() ctx: GridContext,
  ): Promise<Event> {
    return recordFollowUp(ctx, input);
  }

  @ListSize(50)
  @Query(() => [AssessmentFigures], {
    description:
      'Assessment figures (考核) per grid or per department over the events reported in a region and period: 响应率, 解决率, 满意率, on-time closure and supervision, each defined in its description. For an analytics identity: whole days, counts through the disclosure control',
  })
  async assessmentFigures(
    @Args() { regionId, from, to, groupBy }: AssessmentFiguresArgs,
    @Ctx() ctx: GridContext,
  ): Promise<AssessmentFigures[]> {
    const region = await ctx.loaders.region.load(requireId(regionId, 'regionId'));
    if (!region) throw notFound('region', regionId);
    if (!(from < to)) throw badInput('from must be before to', 'from');
    return assessmentFigures(ctx, region.id, { from, to }, groupBy);
  }
}

/** The loop's records on the event itself. */
@Resolver(() => Event)
export class EventLoopFieldsResolver {
  @ListSize(3)
  @FieldResolver(() => [EventSupervision], { description: 'Supervision flags (督办记录), oldest first' })
  supervisions(@Root() event: Event, @Ctx() ctx: GridContext): Promise<EventSupervision[]> {
    return ctx.loaders.supervisionsOfEvent.load(event.id);
  }

  @ListSize(2)
  @FieldResolver(() => [EventFollowUp], { description: 'Follow-ups after closing (回访记录), oldest first' })
  followUps(@Root() event: Event, @Ctx() ctx: GridContext): Promise<EventFollowUp[]> {
    return ctx.loaders.followUpsOfEvent.load(event.id);
  }
}

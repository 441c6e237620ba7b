import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { FieldRule } from '../../../lib/auth/rules';
import { Shared } from '../../../lib/auth/rules';
import { badInput, notFound, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { Building } from '../entities/building';
import { Event, EventSource } from '../entities/event';
import { EventTransition } from '../entities/event-transition';
import { Region } from '../entities/region';
import { Resident } from '../entities/resident';
import { eventForCaller, seesEventsByPlace } from '../access';
import { DISPATCH_DEPARTMENTS, dispatchDepartment } from '../events/departments';
import { DepartmentEventFigures, eventFigures } from '../events/figures';
import { findEvents } from '../events/query';
import { reportEvent, transitionEvent } from '../events/store';
import { eventActions } from '../events/supervision';
import { EventCategory } from '../events/time-limits';
import { EventAction, EventStatus } from '../events/workflow';
import type { GridContext } from '../loaders';
import { EventFiguresArgs, EventFilter, ReportEventInput, TransitionEventInput } from './event.inputs';

export const EventConnection = ConnectionType(Event, 'Event');

@ObjectType({ description: 'A department the dispatch desk sends events to (派遣对象)' })
export class DispatchDepartment {
  @Field({ description: 'Code, e.g. HOUSING' })
  code!: string;

  @Field({ description: 'Name (部门名称)' })
  name!: string;

  @Field({
    description: 'A department of the hub (answers with its own tokens); else the dispatch desk records its answers',
  })
  inHub!: boolean;

  @Field(() => [EventCategory], {
    description:
      'The event categories it handles (受理范围); the demo dispatches to these only, the desk may choose otherwise',
  })
  handles!: EventCategory[];
}

/** Only grid's staff report events and record visits (a department answers events dispatched to it). */
export const GRID_STAFF: FieldRule = {
  sharing: 'NOT_SHARED',
  ownerRoles: ['GRID_WORKER', 'GRID_LEADER', 'DISPATCHER'],
};

/**
 * The sources each reporting role may declare: staff on site report what they found themselves (网格员上报); a
 * hotline call (12345) or a street call reaches the dispatch desk (指挥中心), which enters it.
 */
const SOURCES_BY_ROLE: Record<string, readonly EventSource[]> = {
  GRID_WORKER: [EventSource.GRID_WORKER],
  GRID_LEADER: [EventSource.GRID_WORKER],
  DISPATCHER: [EventSource.GRID_WORKER, EventSource.HOTLINE, EventSource.STREET_CALL],
};

/** Every department moves events (the workflow says who may take which move on which event). */
const WORKFLOW_PARTIES: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: ['CIVIL_AFFAIRS:*', 'PUBLIC_SECURITY:*', 'POPULATION:*'],
  note: 'the workflow (events/workflow.ts) decides which move is whose',
};

/** Nodes of a page passed the scope in SQL: records reached through them share the decision (as a single record's would). */
function inScopePage<T extends { nodes: object[] }>(ctx: GridContext, page: T): T {
  for (const node of page.nodes) ctx.scopeDecisions.set(node, true);
  return page;
}

const MINUTE_MS = 60_000;

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'One event by id' })
  async event(@Arg('id', () => ID) id: string, @Ctx() ctx: GridContext): Promise<Event | null> {
    const key = requireId(id);
    if (seesEventsByPlace(ctx)) return eventForCaller(await ctx.loaders.event.load(key), ctx);
    // a department is a party only to the events dispatched to it, decided in the statement that finds the event: one
    // it is no party to then costs what one nobody issued does (lib/auth/find-in-scope.ts says why)
    const department = ctx.identity.department;
    const found = department ? await ctx.em.findOne(Event, { id: key, department }) : null;
    if (found) ctx.loaders.event.prime(key, found);
    return eventForCaller(found, ctx);
  }

  @Query(() => EventConnection, {
    description:
      'Events you may see (grid staff: of your scope; a department: dispatched to it), newest first, a page at a time with the total',
  })
  async events(
    @Args() paging: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | undefined,
    @Ctx() ctx: GridContext,
  ) {
    return inScopePage(ctx, await findEvents(ctx.em, ctx, filter ?? {}, readPage(paging)));
  }

  @Shared(WORKFLOW_PARTIES)
  @Query(() => EventConnection, {
    nullable: true,
    description:
      'A department’s inbox (待办): events dispatched to your department and not yet reported back, newest first',
  })
  async eventInbox(@Args() paging: PageArgs, @Ctx() ctx: GridContext) {
    const status = [EventStatus.DISPATCHED, EventStatus.ACCEPTED, EventStatus.IN_PROGRESS, EventStatus.SUSPENDED];
    return inScopePage(
      ctx,
      await findEvents(ctx.em, ctx, { department: ctx.identity.department, status }, readPage(paging)),
    );
  }

  @ListSize(10)
  @Query(() => [DepartmentEventFigures], {
    description:
      'Per department: events received, closed (on time), overdue and returned, in a region and period (考核). For an analytics identity: whole days, counts through the disclosure control',
  })
  async eventFigures(
    @Args() { regionId, from, to }: EventFiguresArgs,
    @Ctx() ctx: GridContext,
  ): Promise<DepartmentEventFigures[]> {
    const region = await ctx.loaders.region.load(requireId(regionId, 'regionId'));
    if (!region) throw notFound('region', regionId);
    if (!(from < to)) throw badInput('from must be before to', 'from');
    return eventFigures(ctx, region.id, { from, to });
  }

  @ListSize(10)
  @Query(() => [DispatchDepartment], {
    description: 'The departments events are dispatched to (configuration: subgraphs/grid/events/departments.ts)',
  })
  eventDepartments(): DispatchDepartment[] {
    return DISPATCH_DEPARTMENTS.map((d) => ({ ...d, handles: [...d.handles] }));
  }

  @Shared(GRID_STAFF)
  @Mutation(() => Event, {
    description:
      'Reports an event (事件上报); it starts REPORTED. A retry with the same idempotencyKey answers the same event',
  })
  reportEvent(
    @Arg('input', () => ReportEventInput) input: ReportEventInput,
    @Arg('source', () => EventSource, {
      nullable: true,
      description:
        'GRID_WORKER (default); HOTLINE or STREET_CALL from the dispatch desk (DISPATCHER) only; VISIT comes from recordVisit',
    })
    source: EventSource | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<Event> {
    const from = source ?? EventSource.GRID_WORKER;
    if (from === EventSource.VISIT)
      throw badInput('source VISIT is set by recordVisit, with the visit that raised it', 'source');
    const allowed = SOURCES_BY_ROLE[ctx.identity.role] ?? [];
    if (!allowed.includes(from))
      throw badInput(
        `a ${ctx.identity.role} reports with source ${allowed.join(' or ')}; ${from} calls are taken in by the dispatch desk (DISPATCHER)`,
        'source',
      );
    return reportEvent(ctx, input, from);
  }

  @Shared(WORKFLOW_PARTIES)
  @Mutation(() => Event, {
    description:
      'Moves an event one step of its workflow (事件流转): INVALID_TRANSITION if the workflow has no such move from its state, CONFLICT if it moved since the version you sent',
  })
  transitionEvent(
    @Arg('input', () => TransitionEventInput) input: TransitionEventInput,
    @Ctx() ctx: GridContext,
  ): Promise<Event> {
    return transitionEvent(ctx, input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the department it is dispatched to (派遣部门)' })
  departmentName(@Root() event: Event): string | null {
    return event.department ? (dispatchDepartment(event.department)?.name ?? event.department) : null;
  }

  @FieldResolver(() => Region, { description: 'The grid or micro-grid it happened in' })
  async region(@Root() event: Event, @Ctx() ctx: GridContext): Promise<Region> {
    return (await ctx.loaders.region.load(event.region.id))!;
  }

  @FieldResolver(() => Region, {
    description: 'The region whose dispatch desk holds it (one level up after each escalation 上报)',
  })
  async handlingRegion(@Root() event: Event, @Ctx() ctx: GridContext): Promise<Region> {
    return (await ctx.loaders.region.load(event.handlingRegion.id))!;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building concerned' })
  building(@Root() event: Event): Building | null {
    return event.buildingId ? { id: event.buildingId } : null;
  }

  @ListSize(3)
  @FieldResolver(() => [Resident], { description: 'Residents involved (涉事居民); their fields come from population' })
  residents(@Root() event: Event): Resident[] {
    return event.residentIds.map((id) => ({ id }));
  }

  @FieldResolver({ description: 'The current step is past its time limit (超期)' })
  overdue(@Root() event: Event): boolean {
    return !!event.stepDeadline && event.stepDeadline.getTime() < Date.now();
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Minutes left in the current step (剩余时限); negative when overdue, null without a clock',
  })
  minutesLeft(@Root() event: Event): number | null {
    return event.stepDeadline ? Math.floor((event.stepDeadline.getTime() - Date.now()) / MINUTE_MS) : null;
  }

  @ListSize(13)
  @FieldResolver(() => [EventAction], {
    description: 'The moves transitionEvent takes from the current state (a follow-up’s REDO is recordFollowUp’s)',
  })
  allowedActions(@Root() event: Event): EventAction[] {
    return eventActions(event);
  }

  @ListSize(8)
  @FieldResolver(() => [EventTransition], { description: 'Every move, oldest first (流转记录); append-only' })
  timeline(@Root() event: Event, @Ctx() ctx: GridContext): Promise<EventTransition[]> {
    return ctx.loaders.timelineOfEvent.load(event.id);
  }
}

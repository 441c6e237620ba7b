import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { maskFor } from '../../../lib/auth/enforce';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { OWN_PLACE, scopeCondition, scopeSql, type SqlCondition } from '../../../lib/auth/scope-sql';
import { today } from '../../../lib/calendar';
import { badInput, requireId } from '../../../lib/errors';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { WHOLE_ID_NUMBER, WHOLE_PHONE } from '../access';
import { Household } from '../entities/household';
import { Region } from '../entities/region';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';
import { REGISTRY_STAFF } from '../resolvers/resident.mutations';
import { ArrivalProposal, CollectedChange, CollectedChangeKind, DepartureProposal } from './collected-change';
import { decide } from './worklist';
import { ArrivalRegistrationInput, CollectedChangeFilter } from './worklist.inputs';
import { CollectedChangeStatus } from './workflow';

export const CollectedChangeConnection = ConnectionType(CollectedChange, 'CollectedChange');

@ObjectType({ description: 'Population’s worklist of collected changes in a region (待核实事项统计)' })
export class CollectedChangeCounts {
  @Field(() => Int, { description: 'Waiting for verification (待核实)' })
  pending!: number;

  @Field(() => Int, { description: 'Of those, past their due day (逾期)' })
  overdue!: number;
}

const OVERDUE = `(t.status = 'PENDING' and t.due_on < ?::date)`;

/** The worklist's condition: the caller's scope, an area (a region's), and the filter. */
function listCondition(ctx: PopulationContext, area: SqlCondition | null, filter: CollectedChangeFilter = {}) {
  const scope = scopeSql(ctx.identity.resolvedScope, { building: 't.building_id', communityCode: 't.community_code' });
  const parts = [scope, ...(area ? [area] : [])];
  if (filter.status) parts.push({ sql: 't.status = ?', params: [filter.status] });
  if (filter.overdue != null) parts.push({ sql: filter.overdue ? OVERDUE : `not ${OVERDUE}`, params: [today()] });
  if (filter.buildingId)
    parts.push({ sql: 't.building_id = ?', params: [requireId(filter.buildingId, 'filter.buildingId')] });
  return { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
}

/** A region's changes, from where grid says its households are (as Region.householdCount). */
const areaOf = (region: Region): SqlCondition => ({
  sql: `((?::text is not null and t.community_code like ? || '%') or t.building_id = any(?::uuid[]))`,
  params: [
    region.householdArea?.codePrefix ?? null,
    region.householdArea?.codePrefix ?? null,
    `{${(region.householdArea?.buildingIds ?? []).join(',')}}`,
  ],
});

const ID_NUMBER_RULE: FieldRule = { sharing: 'UNCONDITIONAL', mask: 'ID_NUMBER', wholeFor: WHOLE_ID_NUMBER };
const PHONE_RULE: FieldRule = { sharing: 'UNCONDITIONAL', mask: 'PHONE', wholeFor: WHOLE_PHONE };

/** 待核实事项: population's registry staff list and decide what grid staff proposed; collectors read what they sent. */
@Resolver(() => CollectedChange)
export class WorklistResolver {
  @Shared(REGISTRY_STAFF)
  @Query(() => CollectedChangeConnection, {
    nullable: true,
    description:
      'Collected changes in your data scope (待核实事项), a page at a time (ordered by id), for population’s registry staff',
  })
  collectedChanges(
    @Arg('filter', () => CollectedChangeFilter, { nullable: true }) filter: CollectedChangeFilter | undefined,
    @Args() paging: PageArgs,
    @Ctx() ctx: PopulationContext,
  ) {
    return findPageWhere(
      ctx.em,
      CollectedChange,
      'collected_change',
      listCondition(ctx, null, filter),
      readPage(paging),
    );
  }

  @Query(() => CollectedChange, {
    nullable: true,
    description:
      'One collected change: for registry staff in their scope, and for the grid staff member who collected it (to see why it was rejected)',
  })
  async collectedChange(@Arg('id', () => ID) id: string, @Ctx() ctx: PopulationContext) {
    const inScope = scopeCondition(ctx.identity.resolvedScope, OWN_PLACE);
    const change = await ctx.em.findOne(CollectedChange, { $and: [{ id: requireId(id) }, inScope] } as never);
    if (change && ctx.identity.department !== 'POPULATION' && change.collectedBy !== ctx.identity.subject) return null;
    return change;
  }

  @FieldResolver(() => Boolean, { description: 'Still pending after its due day (逾期)' })
  overdue(@Root() change: CollectedChange): boolean {
    return change.status === CollectedChangeStatus.PENDING && change.dueOn < today();
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'The member it is about (FACT, DEPARTURE), or the resident an ARRIVAL registered once verified',
  })
  resident(@Root() change: CollectedChange, @Ctx() ctx: PopulationContext) {
    return change.residentId ? ctx.loaders.resident.load(change.residentId) : null;
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household it was collected in' })
  household(@Root() change: CollectedChange, @Ctx() ctx: PopulationContext) {
    return ctx.loaders.household.load(change.householdId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The value proposed for `field` (FACT), as collected; an ID number or phone masked unless your role sees it whole',
  })
  proposedValue(@Root() change: CollectedChange, @Ctx() ctx: PopulationContext): string | null {
    if (change.kind !== CollectedChangeKind.FACT) return null;
    const value = (change.proposed as { value: string | null }).value;
    const rule = change.field === 'idNumber' ? ID_NUMBER_RULE : change.field === 'phone' ? PHONE_RULE : null;
    return rule ? (maskFor(rule, ctx.identity, value) as string | null) : value;
  }

  @FieldResolver(() => ArrivalProposal, { nullable: true, description: 'The new arrival proposed (ARRIVAL)' })
  arrival(@Root() change: CollectedChange, @Ctx() ctx: PopulationContext): ArrivalProposal | null {
    if (change.kind !== CollectedChangeKind.ARRIVAL) return null;
    const arrival = change.proposed as ArrivalProposal;
    return {
      ...arrival,
      idNumber: maskFor(ID_NUMBER_RULE, ctx.identity, arrival.idNumber) as string,
      phone: maskFor(PHONE_RULE, ctx.identity, arrival.phone ?? null) as string | null,
    };
  }

  @FieldResolver(() => DepartureProposal, { nullable: true, description: 'The departure proposed (DEPARTURE)' })
  departure(@Root() change: CollectedChange): DepartureProposal | null {
    return change.kind === CollectedChangeKind.DEPARTURE ? (change.proposed as DepartureProposal) : null;
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => CollectedChange, {
    description:
      'Verifies a collected change and applies it (核实): a fact is set, an arrival registered in the household (registrars only; `registration` required), a departure takes the member off the active register; history rows name the collector, the visit and you. A change already decided is INVALID_TRANSITION',
  })
  verifyCollectedChange(
    @Arg('id', () => ID) id: string,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Sent again unchanged with a retry: your retry answers the change as you decided it',
    })
    idempotencyKey: string | undefined,
    @Arg('registration', () => ArrivalRegistrationInput, { nullable: true }) registration:
      | ArrivalRegistrationInput
      | undefined,
    @Ctx() ctx: PopulationContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return decide(ctx, id, 'VERIFY', { schema: info.schema, key: idempotencyKey, registration });
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => CollectedChange, {
    description:
      'Rejects a collected change (不予采纳) with a reason the collector reads; nothing on the register changes. A change already decided is INVALID_TRANSITION',
  })
  rejectCollectedChange(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: PopulationContext) {
    const text = reason.trim();
    if (!text || text.length > 500)
      throw badInput('reason must be 1 to 500 characters: the collector reads it', 'reason');
    return decide(ctx, id, 'REJECT', { reason: text });
  }
}

/** The worklist of one of grid's regions (a grid's, for its registrar): its changes and their counts. */
@Resolver(() => Region)
export class RegionWorklistResolver {
  @Shared(REGISTRY_STAFF)
  @Directive('@requires(fields: "householdArea { codePrefix buildingIds }")')
  @FieldResolver(() => CollectedChangeConnection, {
    nullable: true,
    description: 'Collected changes in the region (待核实事项), as collectedChanges answers them',
  })
  collectedChanges(
    @Root() region: Region,
    @Arg('filter', () => CollectedChangeFilter, { nullable: true }) filter: CollectedChangeFilter | undefined,
    @Args() paging: PageArgs,
    @Ctx() ctx: PopulationContext,
  ) {
    const condition = listCondition(ctx, areaOf(region), filter);
    return findPageWhere(ctx.em, CollectedChange, 'collected_change', condition, readPage(paging));
  }

  @Shared(REGISTRY_STAFF)
  @Directive('@requires(fields: "householdArea { codePrefix buildingIds }")')
  @FieldResolver(() => CollectedChangeCounts, {
    nullable: true,
    description: 'Pending and overdue collected changes in the region (待核实、逾期), in your data scope',
  })
  async collectedChangeCounts(@Root() region: Region, @Ctx() ctx: PopulationContext): Promise<CollectedChangeCounts> {
    const { sql, params } = listCondition(ctx, areaOf(region), { status: CollectedChangeStatus.PENDING });
    const [row] = await ctx.em.execute<{ pending: number; overdue: number }[]>(
      `select count(*)::int as pending, count(*) filter (where t.due_on < ?::date)::int as overdue
         from collected_change t where ${sql}`,
      [today(), ...params],
    );
    return row;
  }
}

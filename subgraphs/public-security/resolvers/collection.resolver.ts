import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { PublicSecurityCollectionInput } from '../../../lib/collection/inputs';
import { CollectedPart } from '../../../lib/collection/outcome';
import { notVisible, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { ConnectionType, PageArgs, readPage } from '../../../lib/graphql/paging';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { POLICE_OFFICERS } from '../access';
import { collectRental } from '../collection/collect';
import { rejectCollected, verifyCollected, visibleItem } from '../collection/decide';
import { collectedScopeSql } from '../collection/scope';
import { ChangeRecord } from '../entities/change';
import { CollectedRental } from '../entities/collected-rental';
import { CollectedStatus, RiskLevel } from '../entities/enums';
import { RentalHousing } from '../entities/rental-housing';
import type { PublicSecurityContext } from '../loaders';
import { both } from '../places';

type Ctx_ = PublicSecurityContext & AccessContext;

const GRID_STAFF = ['GRID:GRID_WORKER', 'GRID:GRID_LEADER'];

/** What grid staff collect on a visit for public security (一次采集): they propose, the police verify. */
const COLLECTORS: FieldRule = {
  sharing: 'CONDITIONAL',
  ownerRoles: [],
  grantedTo: GRID_STAFF,
  note: 'grid staff propose the rentals and tenants they find on a visit; the police verify',
};

/** A collected item: the police of its place, and the collector who sent it (to read a rejection's reason). */
const WORKLIST_READERS: FieldRule = {
  sharing: 'CONDITIONAL',
  ownerRoles: ['OFFICER', 'GRID_POLICE'],
  grantedTo: GRID_STAFF,
  note: 'grid staff read only what they collected themselves',
};

@ObjectType({ description: 'What public security did with what a visit collected for it (采集结果)' })
export class RentalCollection {
  @Field(() => ID, { description: 'The visit (走访), visitIdFor(collector, idempotencyKey)' })
  visitId!: string;

  /** the rental and a few tenants */
  @ListSize(4)
  @Field(() => [CollectedPart], { description: '"rental" (when a found rental was sent), then "tenants[0]", …' })
  parts!: CollectedPart[];
}

@InputType({ description: 'Which collected rentals (采集待核实事项筛选)' })
export class CollectedRentalFilter {
  @Field(() => ID, { nullable: true, description: 'The grid the collector serves (their token’s scope region)' })
  regionId?: string | null;

  @Field(() => CollectedStatus, { nullable: true })
  status?: CollectedStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only pending items past their time limit (超期); false: only those not overdue',
  })
  overdue?: boolean | null;
}

@InputType({
  description:
    'What the officer reviewed in the worklist and verifies (核实内容): the visited household and the residents the item names (its landlordId, if any, and its tenants). Verifying asks population about exactly these, as you',
})
export class ReviewedCollectionInput {
  @Field(() => ID)
  householdId!: string;

  @Field(() => [ID])
  residentIds!: string[];
}

@ObjectType({ description: 'Collected rentals waiting for the police in one grid (待核实统计)' })
export class CollectedRentalCount {
  @Field(() => ID, { description: 'The grid (a region of the collectors’ scope)' })
  regionId!: string;

  @Field(() => Int, { description: 'Pending (待核实)' })
  pending!: number;

  @Field(() => Int, { description: 'Pending past their time limit (超期)' })
  overdue!: number;
}

const CollectedRentalConnection = ConnectionType(CollectedRental, 'CollectedRental');

const OVERDUE = `(t.status = 'PENDING' and t.due_at < now())`;

@Resolver(() => CollectedRental)
export class CollectionResolver {
  @Shared(COLLECTORS)
  // nullable: in a visit's one request (grid's DeliverVisit), an owner's failure leaves the other owners' answers
  @Mutation(() => RentalCollection, {
    nullable: true,
    description:
      'What a grid visit collected for public security (一次采集): a let room found in the household and the tenants found, or tenants of a registered rental. Each part is queued for the police (PENDING_VERIFICATION, with the worklist item) or REFUSED with the reason; grid staff only, once per idempotencyKey',
  })
  collectRental(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Arg('collected', () => PublicSecurityCollectionInput) collected: PublicSecurityCollectionInput,
    @Ctx() ctx: Ctx_,
  ): Promise<RentalCollection> {
    return collectRental(ctx, householdId, idempotencyKey, collected);
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => CollectedRental, {
    description:
      'Verifies a collected rental (核实登记): registers the let room (at riskLevel, required for one) and its tenants as registerRental and registerTenancy do, with history naming the collector, the visit and you; INVALID_TRANSITION once decided',
  })
  verifyCollectedRental(
    @Arg('id', () => ID) id: string,
    @Arg('riskLevel', () => RiskLevel, {
      nullable: true,
      description: 'Assessed risk level (风险等级) of a let room found',
    })
    riskLevel: RiskLevel | undefined,
    @Arg('idempotencyKey', () => String, { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey: string | undefined,
    @Arg('reviewed', () => ReviewedCollectionInput, {
      description: 'The household and residents as the worklist showed them; CONFLICT when they are not the item’s',
    })
    reviewed: ReviewedCollectionInput,
    @Ctx() ctx: Ctx_,
  ): Promise<CollectedRental> {
    return verifyCollected(ctx, id, riskLevel, idempotencyKey, reviewed);
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => CollectedRental, {
    description:
      'Rejects a collected rental (退回) with the reason the collector reads; INVALID_TRANSITION once decided',
  })
  rejectCollectedRental(
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why (退回原因)' }) reason: string,
    @Ctx() ctx: Ctx_,
  ): Promise<CollectedRental> {
    return rejectCollected(ctx, id, reason);
  }

  @Shared(WORKLIST_READERS)
  @Query(() => CollectedRental, {
    nullable: true,
    description:
      'One collected rental (待核实事项): for the police of its place, and for the grid staff who collected it',
  })
  async collectedRental(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx_): Promise<CollectedRental> {
    const item = await visibleItem(ctx, id);
    if (ctx.identity.department === 'GRID' && item.collectedBy !== ctx.identity.subject)
      throw notVisible('CollectedRental', id);
    return item;
  }

  @Shared(POLICE_OFFICERS)
  @Query(() => CollectedRentalConnection, {
    nullable: true,
    description:
      'The police’s worklist of collected rentals and tenants (待核实事项) inside your data scope, ordered by id, with the total count',
  })
  collectedRentals(
    @Args() paging: PageArgs,
    @Arg('filter', () => CollectedRentalFilter, { nullable: true }) filter: CollectedRentalFilter | undefined,
    @Ctx() ctx: Ctx_,
  ) {
    let condition = collectedScopeSql(ctx.identity.resolvedScope);
    if (filter?.regionId)
      condition = both(condition, {
        sql: '? = any(t.collector_regions)',
        params: [requireId(filter.regionId, 'regionId')],
      });
    if (filter?.status) condition = both(condition, { sql: 't.status = ?', params: [filter.status] });
    if (filter?.overdue != null)
      condition = both(condition, { sql: filter.overdue ? OVERDUE : `not ${OVERDUE}`, params: [] });
    return findPageWhere(ctx.em, CollectedRental, 'collected_rental', condition, readPage(paging));
  }

  /** one row per grid of the scope */
  @ListSize(50)
  @Shared(POLICE_OFFICERS)
  @Query(() => [CollectedRentalCount], {
    nullable: true,
    description: 'Collected rentals pending and overdue per grid (待核实统计) inside your data scope, by grid',
  })
  async collectedRentalCounts(@Ctx() ctx: Ctx_): Promise<CollectedRentalCount[]> {
    const { sql, params } = collectedScopeSql(ctx.identity.resolvedScope);
    const rows = await ctx.em.execute<{ region_id: string; pending: string; overdue: string }[]>(
      `select g.region_id, count(*) as pending, count(*) filter (where t.due_at < now()) as overdue
         from collected_rental t cross join unnest(t.collector_regions) as g(region_id)
        where t.status = 'PENDING' and ${sql} group by g.region_id order by g.region_id`,
      params,
    );
    return rows.map((r) => ({ regionId: r.region_id, pending: Number(r.pending), overdue: Number(r.overdue) }));
  }

  @FieldResolver(() => Boolean, { description: 'Pending past its time limit (超期)' })
  overdue(@Root() item: CollectedRental): boolean {
    return item.status === CollectedStatus.PENDING && item.dueAt.getTime() < Date.now();
  }

  @FieldResolver(() => [ID], { description: 'The grids the collector serves (采集网格)' })
  regionIds(@Root() item: CollectedRental): string[] {
    return item.collectorRegions;
  }

  @FieldResolver(() => RentalHousing, {
    nullable: true,
    description: 'The rental: the registered one the tenants were found in, or the one verifying registered',
  })
  rental(@Root() item: CollectedRental, @Ctx() ctx: Ctx_): Promise<RentalHousing | null> | null {
    return item.rentalId ? ctx.loaders.rental.load(item.rentalId) : null;
  }

  @ListSize(2)
  @FieldResolver(() => [ChangeRecord], { description: 'Its history (核实记录): verified or rejected, by whom, why' })
  history(@Root() item: CollectedRental, @Ctx() ctx: Ctx_): Promise<ChangeRecord[]> {
    return ctx.loaders.historyOf.load(item.id);
  }
}

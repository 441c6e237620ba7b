import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { Shared } from '../../../lib/auth/rules';
import { ListSize } from '../../../lib/graphql/list-size';
import { CollectedPart } from '../../../lib/collection/outcome';
import { Event } from '../entities/event';
import { Household } from '../entities/household';
import { Region } from '../entities/region';
import { Resident } from '../entities/resident';
import { Staff } from '../entities/staff';
import { Visit } from '../entities/visit';
import { eventForCaller } from '../access';
import type { GridContext } from '../loaders';
import { keySecretFor, shownCount } from '../../../lib/stats/disclosure';
import { readMonth } from '../visits/month';
import { recordVisit } from '../visits/record';
import { GRID_STAFF } from './event.resolver';
import { RecordVisitInput } from './visit.inputs';

@Resolver(() => Visit)
export class VisitResolver {
  @Shared(GRID_STAFF)
  @Mutation(() => Visit, {
    description:
      'Records a visit to a household (走访); with raiseEvent, the event its finding raises, in the same transaction',
  })
  recordVisit(@Arg('input', () => RecordVisitInput) input: RecordVisitInput, @Ctx() ctx: GridContext): Promise<Visit> {
    return recordVisit(ctx, input);
  }

  @Shared(GRID_STAFF)
  @ListSize(100)
  @Query(() => [Visit], {
    nullable: true,
    description:
      'The visits you recorded whose parts are not all delivered yet (未送达), oldest first, at most 100: send each again with its idempotencyKey',
  })
  async myUndeliveredVisits(@Ctx() ctx: GridContext): Promise<Visit[]> {
    const rows = await ctx.em.execute<{ id: string }[]>(
      // from the few undelivered parts (a partial index) to their visits, not through every visit of the worker
      `select v.id from visit v where v.id in (select p.visit_id from visit_part p where p.outcome = 'NOT_DELIVERED') and v.recorded_by = ?
        order by v.visited_at, v.id limit 100`,
      [ctx.identity.subject],
    );
    return rows.length
      ? ctx.em.find(Visit, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { visitedAt: 'asc', id: 'asc' } })
      : [];
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household visited' })
  household(@Root() visit: Visit): Household {
    return { id: visit.householdId, building: { id: visit.buildingId, communityCode: visit.communityCode } };
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'The resident met, if one in particular' })
  resident(@Root() visit: Visit): Resident | null {
    return visit.residentId ? { id: visit.residentId } : null;
  }

  @FieldResolver(() => Staff, { description: 'Who visited (走访人)' })
  async staff(@Root() visit: Visit, @Ctx() ctx: GridContext): Promise<Staff> {
    return (await ctx.loaders.staff.load(visit.staff.id))!;
  }

  @ListSize(8)
  @FieldResolver(() => [CollectedPart], {
    description:
      'What the visit collected, part by part, and what each owner did with it (采集结果): applied, pending its verification, refused with a reason, or not delivered yet',
  })
  async parts(@Root() visit: Visit, @Ctx() ctx: GridContext): Promise<CollectedPart[]> {
    return (await ctx.loaders.partsOfVisit.load(visit.id)).map(
      ({ department, part, outcome, reason, worklistItemId, recordId, trackingCode }) => ({
        department,
        part,
        outcome,
        reason: reason ?? null,
        worklistItemId: worklistItemId ?? null,
        recordId: recordId ?? null,
        trackingCode: trackingCode ?? null,
      }),
    );
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event the visit’s finding raised, if any' })
  async event(@Root() visit: Visit, @Ctx() ctx: GridContext): Promise<Event | null> {
    return visit.eventId ? eventForCaller(await ctx.loaders.event.load(visit.eventId), ctx) : null;
  }
}

@ObjectType({
  description:
    'Monthly visit coverage (走访覆盖率) of a region: households visited in the month ÷ households in the region',
})
export class VisitCoverage {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => Int, { description: 'Households in the region (from population, through the graph)' })
  households!: number;

  @Field(() => Int, { description: 'Households visited at least once in the month (已走访户数)' })
  visitedHouseholds!: number;

  @Field(() => Int, { description: 'Households not yet visited in the month (未走访户数)' })
  notVisitedHouseholds!: number;

  @Field(() => Float, { description: 'visitedHouseholds ÷ households, 0 to 1 (0 for a region without households)' })
  ratio!: number;
}

@Directive('@shareable')
@ObjectType({ description: 'Where a region’s households are, in the terms population can count them by (internal)' })
export class RegionHouseholdArea {
  @Field(() => String, {
    nullable: true,
    description: 'District, street, community: the division-code prefix of its buildings’ communities',
  })
  codePrefix!: string | null;

  @Field(() => [ID], { description: 'Grid, micro-grid: the buildings assigned to it' })
  buildingIds!: string[];
}

const BY_CODE = new Set(['DISTRICT', 'STREET', 'COMMUNITY']);

/** Region's household area, and the coverage computed from population's count of the households in it. */
@Resolver(() => Region)
export class RegionCoverageResolver {
  @Directive('@inaccessible')
  @FieldResolver(() => RegionHouseholdArea, {
    description: 'Where the region’s households are (internal: population’s Region.householdCount @requires it)',
  })
  async householdArea(@Root() region: Region, @Ctx() ctx: GridContext): Promise<RegionHouseholdArea> {
    if (BY_CODE.has(region.level)) return { codePrefix: region.code, buildingIds: [] };
    return { codePrefix: null, buildingIds: await ctx.loaders.buildingsInRegion.load(region.id) };
  }

  @Directive('@requires(fields: "householdCount")')
  @FieldResolver(() => VisitCoverage, {
    description:
      'Monthly visit coverage (走访覆盖率): households visited in the month ÷ households on the register in the region (householdCount, flats where no active resident lives included; regionStats divides by population.householdsWithResidents instead)',
  })
  async visitCoverage(
    @Root() region: Region & { householdCount?: number },
    @Arg('month', () => String, { nullable: true, description: 'YYYY-MM; default this month' }) month:
      | string
      | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<VisitCoverage> {
    const which = readMonth(month);
    const households = region.householdCount ?? 0;
    const visited = await ctx.loaders.visitedHouseholdsInRegion.load({
      regionId: region.id,
      month: which,
      secret: keySecretFor(ctx.identity),
    });
    // population's count came through the same control; the visited households go through it here
    const visitedHouseholds = shownCount(ctx.identity, visited.count, visited.key);
    return {
      month: which.key,
      households,
      visitedHouseholds,
      notVisitedHouseholds: Math.max(households - visitedHouseholds, 0),
      ratio: households ? Math.round((visitedHouseholds / households) * 10_000) / 10_000 : 0,
    };
  }
}

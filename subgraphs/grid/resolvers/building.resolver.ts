import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { selects } from '../../../lib/graphql/selection';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { Event } from '../entities/event';
import { Shared } from '../../../lib/auth/rules';
import { Household } from '../entities/household';
import { VISIT_RECORD } from '../entities/visit';
import { Region } from '../entities/region';
import type { GridContext } from '../loaders';
import { readMonth } from '../visits/month';
import { visibleOnes } from './visible-events';

/** The fields grid adds to population's Building. */
@Resolver(() => Building)
export class BuildingResolver {
  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The grid (网格) the building belongs to; null if not yet assigned',
  })
  grid(@Root() building: Building, @Ctx() ctx: GridContext, @Info() info: GraphQLResolveInfo): Promise<Region | null> {
    return (selects(info, ['parent']) ? ctx.loaders.gridWithParentOfBuilding : ctx.loaders.gridOfBuilding).load(
      building.id,
    );
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The micro-grid (微网格) the building is assigned to; null if not yet assigned',
  })
  microGrid(@Root() building: Building, @Ctx() ctx: GridContext): Promise<Region | null> {
    return ctx.loaders.microGridOfBuilding.load(building.id);
  }

  @ListSize(3)
  @FieldResolver(() => [Event], {
    description: 'Open events (未结事件) concerning the building, newest first: those you may see',
  })
  async events(@Root() building: Building, @Ctx() ctx: GridContext): Promise<Event[]> {
    return visibleOnes(ctx, await ctx.loaders.openEventsOfBuilding.load(building.id));
  }

  /**
   * The to-do list of the monthly round (本月未走访): population sends the building's households along (@requires),
   * grid keeps those with no visit in the month. Page through a grid's buildings (Region.buildings) for a worker's list.
   */
  @ListSize(30)
  @Directive('@requires(fields: "communityCode households { id }")')
  @Shared(VISIT_RECORD)
  @FieldResolver(() => [Household], {
    nullable: true,
    description:
      'Households of the building not yet visited in the month (本月未走访户), by population’s order; conditionally shared like the visits it is made of',
  })
  async householdsNotVisited(
    @Root() building: Building,
    @Arg('month', () => String, { nullable: true, description: 'YYYY-MM; default this month' }) month:
      | string
      | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<Household[]> {
    const which = readMonth(month);
    const households = building.households ?? [];
    const visited = await Promise.all(
      households.map((h) => ctx.loaders.householdVisitedIn.load({ householdId: h.id, month: which })),
    );
    // each household carries where it is, for its own scope check
    const place = { id: building.id, communityCode: building.communityCode ?? null } as Building;
    return households.filter((_, i) => !visited[i]).map((h) => ({ id: h.id, building: place }));
  }
}

import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { ListSize } from '../../../lib/graphql/list-size';
import { Event } from '../entities/event';
import { Region } from '../entities/region';
import { Resident } from '../entities/resident';
import type { GridContext } from '../loaders';
import { visibleOnes } from './visible-events';

/** The gateway first asks population for the resident's building, then sends it here in the representation. */
const RESIDENT_BUILDING = '@requires(fields: "household { building { id } }")';

/** The fields grid adds to population's Resident. */
@Resolver(() => Resident)
export class ResidentResolver {
  @Directive(RESIDENT_BUILDING)
  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The grid (网格) the resident lives in, through their building; null without a household',
  })
  grid(@Root() resident: Resident, @Ctx() ctx: GridContext): Promise<Region | null> | null {
    const buildingId = resident.household?.building?.id;
    return buildingId ? ctx.loaders.gridOfBuilding.load(buildingId) : null;
  }

  @ListSize(3)
  @Directive(RESIDENT_BUILDING)
  @FieldResolver(() => [Event], {
    description:
      'Events (事件) that name the resident, newest first: those you may see (grid staff; a department, the ones dispatched to it)',
  })
  async events(@Root() resident: Resident, @Ctx() ctx: GridContext): Promise<Event[]> {
    return visibleOnes(ctx, await ctx.loaders.eventsOfResident.load(resident.id));
  }
}

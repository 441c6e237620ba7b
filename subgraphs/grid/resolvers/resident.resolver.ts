import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/region';
import { Resident } from '../entities/resident';
import type { GridContext } from '../loaders';

/** The field grid adds to population's Resident. */
@Resolver(() => Resident)
export class ResidentResolver {
  /** The gateway first asks population for the resident's building, then sends it here in the representation. */
  @Directive('@requires(fields: "household { building { id } }")')
  @FieldResolver(() => Region, { nullable: true, description: 'The grid (网格) the resident lives in, through their building; null without a household' })
  grid(@Root() resident: Resident, @Ctx() ctx: GridContext): Promise<Region | null> | null {
    const buildingId = resident.household?.building?.id;
    return buildingId ? ctx.loaders.gridOfBuilding.load(buildingId) : null;
  }
}

import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Building } from '../entities/building';
import { Region } from '../entities/region';
import type { GridContext } from '../loaders';

/** The fields grid adds to population's Building. */
@Resolver(() => Building)
export class BuildingResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The grid (网格) the building belongs to; null if not yet assigned' })
  grid(@Root() building: Building, @Ctx() ctx: GridContext): Promise<Region | null> {
    return ctx.loaders.gridOfBuilding.load(building.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The micro-grid (微网格) the building is assigned to; null if not yet assigned' })
  microGrid(@Root() building: Building, @Ctx() ctx: GridContext): Promise<Region | null> {
    return ctx.loaders.microGridOfBuilding.load(building.id);
  }
}

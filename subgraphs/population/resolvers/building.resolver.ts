import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { Household } from '../entities/household';
import type { PopulationContext } from '../loaders';

@Resolver(() => Building)
export class BuildingResolver {
  @Query(() => Building, { nullable: true })
  building(@Arg('id', () => ID) id: string, @Ctx() ctx: PopulationContext): Promise<Building | null> {
    return ctx.loaders.building.load(requireId(id));
  }

  /** a residential building holds 12–48 households */
  @ListSize(30)
  @FieldResolver(() => [Household], { description: 'Households in the building (户)' })
  households(@Root() building: Building, @Ctx() ctx: PopulationContext): Promise<Household[]> {
    return ctx.loaders.householdsOfBuilding.load(building.id);
  }
}

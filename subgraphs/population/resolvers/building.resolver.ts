import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { Household } from '../entities/household';
import { Organization } from '../entities/organization';
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

  /** most buildings hold none or one; a commercial building a few */
  @ListSize(2)
  @FieldResolver(() => [Organization], { description: 'Organizations in the building (辖区单位)' })
  organizations(@Root() building: Building, @Ctx() ctx: PopulationContext): Promise<Organization[]> {
    return ctx.loaders.organizationsOfBuilding.load(building.id);
  }
}

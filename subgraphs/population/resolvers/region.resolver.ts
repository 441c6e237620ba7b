import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/region';
import type { PopulationContext } from '../loaders';

/** The field population adds to grid's Region: a figure, not personal data. */
@Resolver(() => Region)
export class RegionResolver {
  @Directive('@requires(fields: "householdArea { codePrefix buildingIds }")')
  @FieldResolver(() => Int, { description: 'Households on the register in the region (户数): in its buildings (grid, micro-grid) or its communities (district, street, community)' })
  householdCount(@Root() region: Region, @Ctx() ctx: PopulationContext): Promise<number> {
    return ctx.loaders.householdsInArea.load({ codePrefix: region.householdArea?.codePrefix ?? null, buildingIds: region.householdArea?.buildingIds ?? [] });
  }
}

import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Region } from '../entities/region';
import type { PopulationContext } from '../loaders';
import { keySecretFor, shownCount } from '../../../lib/stats/disclosure';

/** The field population adds to grid's Region: a figure, not personal data (through the disclosure control for an analyst). */
@Resolver(() => Region)
export class RegionResolver {
  @Directive('@requires(fields: "householdArea { codePrefix buildingIds }")')
  @FieldResolver(() => Int, {
    description:
      'Households on the register in the region (户数): in its buildings (grid, micro-grid) or its communities (district, street, community)',
  })
  async householdCount(@Root() region: Region, @Ctx() ctx: PopulationContext): Promise<number> {
    const area = {
      codePrefix: region.householdArea?.codePrefix ?? null,
      buildingIds: region.householdArea?.buildingIds ?? [],
      secret: keySecretFor(ctx.identity),
    };
    const { count, key } = await ctx.loaders.householdsInArea.load(area);
    return shownCount(ctx.identity, count, key);
  }
}

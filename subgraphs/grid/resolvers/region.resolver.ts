import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound, requireId } from '../../../lib/errors';
import { Building } from '../entities/building';
import { LEVEL_DEPTH, RegionLevel } from '../entities/enums';
import { Region } from '../entities/region';
import { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';

/** `regions` never answers with more rows than this; a wider question must be narrowed. */
export const MAX_REGIONS = 2000;

/** Region ids on a materialized path, district first. */
const pathIds = (path: string) => path.split('/').filter(Boolean);

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'One region by id' })
  region(@Arg('id', () => ID) id: string, @Ctx() ctx: GridContext): Promise<Region | null> {
    return ctx.loaders.region.load(requireId(id));
  }

  @Query(() => [Region], {
    description:
      `Regions ordered by division code. parentId alone: its direct children; level alone: every region of that level; ` +
      `both: every region of that level inside parentId's subtree. At most ${MAX_REGIONS} rows.`,
  })
  async regions(
    // type-graphql lists arguments in reverse order of the parameters: this prints regions(level, parentId)
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | undefined,
    @Arg('level', () => RegionLevel, { nullable: true }) level: RegionLevel | undefined,
    @Ctx() { em, loaders }: GridContext,
  ): Promise<Region[]> {
    if (!level && !parentId) throw badInput('give level, parentId or both (e.g. regions(level: COMMUNITY) or regions(parentId: "<street id>"))', 'level');
    let where: object = { level };
    if (parentId) {
      const parent = await loaders.region.load(requireId(parentId, 'parentId'));
      if (!parent) throw notFound('region', parentId);
      if (!level) where = { parent: parent.id };
      else if (LEVEL_DEPTH[level] <= LEVEL_DEPTH[parent.level]) throw badInput(`level ${level} is not below ${parent.name} (${parent.level})`, 'level');
      else where = { level, path: { $like: `${parent.path}%` } };
    }
    const rows = await em.find(Region, where, { orderBy: { code: 'asc' }, limit: MAX_REGIONS + 1 });
    if (rows.length > MAX_REGIONS) throw badInput(`more than ${MAX_REGIONS} regions match; narrow the question with parentId`, parentId ? 'level' : 'parentId');
    return rows;
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region one level up (上级区域); null for the district' })
  parent(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Region | null> | null {
    return region.parent ? ctx.loaders.region.load(region.parent.id) : null;
  }

  @FieldResolver(() => [Region], { description: 'The regions one level down (下级区域), by division code' })
  children(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Region[]> {
    return ctx.loaders.childrenOfRegion.load(region.id);
  }

  @FieldResolver(() => [Region], { description: 'Every region above this one, the district first (上级区域链)' })
  async ancestors(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Region[]> {
    const ids = pathIds(region.path).slice(0, -1);
    const rows = await Promise.all(ids.map((id) => ctx.loaders.region.load(id)));
    return rows.filter((r): r is Region => r !== null);
  }

  @FieldResolver(() => [Building], { description: 'Every building assigned to a micro-grid in this region (辖区楼栋)' })
  async buildings(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Building[]> {
    const ids = await ctx.loaders.buildingsInRegion.load(region.id);
    return ids.map((id) => ({ id }));
  }

  @FieldResolver(() => [Staff], { description: 'Staff serving this region directly (网格力量)' })
  staff(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Staff[]> {
    return ctx.loaders.staffOfRegion.load(region.id);
  }
}

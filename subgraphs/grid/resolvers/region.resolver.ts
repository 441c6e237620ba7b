import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, PageArgs, readPage, toConnection } from '../../../lib/graphql/paging';
import { Building } from '../entities/building';
import { LEVEL_DEPTH, RegionLevel } from '../entities/enums';
import { Region } from '../entities/region';
import { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';

export const RegionConnection = ConnectionType(Region, 'Region');
export const BuildingConnection = ConnectionType(Building, 'Building');

/** Region ids on a materialized path, district first. */
const pathIds = (path: string) => path.split('/').filter(Boolean);

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'One region by id' })
  region(@Arg('id', () => ID) id: string, @Ctx() ctx: GridContext): Promise<Region | null> {
    return ctx.loaders.region.load(requireId(id));
  }

  @Query(() => RegionConnection, {
    description:
      `Regions by division code, a page at a time. parentId alone: its direct children; level alone: every region of that level; ` +
      `both: every region of that level inside parentId's subtree.`,
  })
  async regions(
    // type-graphql lists arguments in reverse order of the parameters: this prints regions(level, parentId, first, after)
    @Args() paging: PageArgs,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | undefined,
    @Arg('level', () => RegionLevel, { nullable: true }) level: RegionLevel | undefined,
    @Ctx() { em, loaders }: GridContext,
  ) {
    if (!level && !parentId)
      throw badInput(
        'give level, parentId or both (e.g. regions(level: COMMUNITY) or regions(parentId: "<street id>"))',
        'level',
      );
    let where: object = { level };
    if (parentId) {
      const parent = await loaders.region.load(requireId(parentId, 'parentId'));
      if (!parent) throw notFound('region', parentId);
      if (!level) where = { parent: parent.id };
      else if (LEVEL_DEPTH[level] <= LEVEL_DEPTH[parent.level])
        throw badInput(`level ${level} is not below ${parent.name} (${parent.level})`, 'level');
      else where = { level, path: { $like: `${parent.path}%` } };
    }
    // keyset paging on the division code: the cursor names the last region of the previous page
    const page = readPage(paging);
    const after = page.afterKey ? await loaders.region.load(requireId(page.afterKey, 'after')) : null;
    if (page.afterKey && !after)
      throw badInput('after is not a cursor this list issued; pass the endCursor of the previous page', 'after');
    const [rows, total] = await Promise.all([
      em.find(Region, after ? { $and: [where, { code: { $gt: after.code } }] } : where, {
        orderBy: { code: 'asc' },
        limit: page.limit + 1,
      }),
      em.count(Region, where),
    ]);
    return toConnection(rows, page, total);
  }

  @FieldResolver(() => Region, {
    nullable: true,
    description: 'The region one level up (上级区域); null for the district',
  })
  parent(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Region | null> | null {
    return region.parent ? ctx.loaders.region.load(region.parent.id) : null;
  }

  /** a district has a few dozen streets, a community about ten grids */
  @ListSize(20)
  @FieldResolver(() => [Region], { description: 'The regions one level down (下级区域), by division code' })
  children(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Region[]> {
    return ctx.loaders.childrenOfRegion.load(region.id);
  }

  @ListSize(4)
  @FieldResolver(() => [Region], { description: 'Every region above this one, the district first (上级区域链)' })
  async ancestors(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Region[]> {
    const ids = pathIds(region.path).slice(0, -1);
    const rows = await Promise.all(ids.map((id) => ctx.loaders.region.load(id)));
    return rows.filter((r): r is Region => r !== null);
  }

  @FieldResolver(() => BuildingConnection, {
    description: 'The buildings assigned to a micro-grid in this region (辖区楼栋), a page at a time',
  })
  async buildings(@Root() region: Region, @Args() paging: PageArgs, @Ctx() ctx: GridContext) {
    const page = readPage(paging);
    const { ids, total } = await ctx.loaders.buildingPageOfRegion.load({ regionId: region.id, ...page });
    return toConnection(
      ids.map((id): Building => ({ id })),
      page,
      total,
    );
  }

  @ListSize(10)
  @FieldResolver(() => [Staff], { description: 'Staff serving this region directly (网格力量)' })
  staff(@Root() region: Region, @Ctx() ctx: GridContext): Promise<Staff[]> {
    return ctx.loaders.staffOfRegion.load(region.id);
  }
}

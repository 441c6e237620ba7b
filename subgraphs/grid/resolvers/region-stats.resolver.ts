import { today } from '../../../lib/calendar';
import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { encodeKeys } from '../../../lib/cohort/keys';
import { notVisible, requireId } from '../../../lib/errors';
import { LocalDate } from '../../../lib/graphql/scalars';
import { RegionLevel } from '../entities/enums';
import { Region } from '../entities/region';
import { GridFigures, GridWorkFigures, RegionFigures, RegionStats } from '../entities/region-figures';
import { loadRegionFigures } from '../../../lib/stats/region-figures';
import { gridWorkFigures } from '../region-work-figures';
import type { GridContext } from '../loaders';

const BY_BUILDINGS = new Set<RegionLevel>([RegionLevel.GRID, RegionLevel.MICRO_GRID]);

/** A region is in the caller's scope when one of the token's regions is on its path (itself or an ancestor). */
const inScope = (region: Region, scope: string[]) => scope.some((id) => region.path.includes(`/${id}/`));

/**
 * Grid's own figures of each region, in ONE statement per batch: each region's subtree (a path range) listed once, then
 * its grids, buildings and staff counted over that list in one pass each (a subquery per region and figure read the
 * staff table once per region).
 */
function gridFiguresLoader(ctx: GridContext): DataLoader<string, GridFigures> {
  return new DataLoader(async (regionIds) => {
    const rows: (GridFigures & { id: string })[] = await ctx.em.execute(
      `with r as (select id, path from region where id = any(?::uuid[])),
       sub as (select r.id as rid, s.id, s.level, s.target_households from r join region s on ${SUBTREE('s')}),
       regions as (select rid, count(*) filter (where level = 'GRID') as grids, sum(target_households) filter (where level = 'GRID') as target
                     from sub group by rid),
       buildings as (select sub.rid, count(*) as buildings from sub join building_assignment a on a.micro_grid_id = sub.id group by sub.rid),
       staff as (select sub.rid, count(distinct sr.staff_id) as staff from sub join staff_region sr on sr.region_id = sub.id group by sub.rid)
       select r.id, coalesce(g.grids, 0)::int as grids, coalesce(b.buildings, 0)::int as buildings, coalesce(s.staff, 0)::int as staff,
              coalesce(g.target, 0)::int as "targetHouseholds"
         from r left join regions g on g.rid = r.id left join buildings b on b.rid = r.id left join staff s on s.rid = r.id`,
      [`{${regionIds.join(',')}}`],
    );
    const byId = new Map(rows.map(({ id, ...figures }) => [id, figures]));
    return regionIds.map((id) => byId.get(id)!);
  });
}
const SUBTREE = (alias: string) => `${alias}.path ~>=~ r.path and ${alias}.path ~<~ (left(r.path, -1) || '0')`;

const gridFigures = new WeakMap<object, DataLoader<string, GridFigures>>();

@Resolver(() => RegionFigures)
export class RegionStatsResolver {
  @Query(() => RegionStats, {
    nullable: true,
    description:
      'Statistics of a region and each of its children (区域统计), figures from every department, as of a day (default today). ' +
      'Only numbers: for an ANALYTICS identity, as of the first of the month, every count through the disclosure control (docs/disclosure-control.md).',
  })
  async regionStats(
    @Arg('regionId', () => ID) regionId: string,
    @Arg('asOf', () => LocalDate, { nullable: true }) asOf: string | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<RegionStats> {
    const region = await ctx.loaders.region.load(requireId(regionId, 'regionId'));
    if (!region || !inScope(region, ctx.identity.scope)) {
      // audited whether the region exists or not: the same row, so a refusal takes the same time either way
      ctx.audit.note('READ', 'RegionStats', regionId, 'regionStats', 'DENIED');
      throw notVisible('region', regionId);
    }
    // statistics offices get month starts only: two days apart, the counts of an age band would tell whose birthday fell between
    const day = ctx.identity.department === 'ANALYTICS' ? `${(asOf ?? today()).slice(0, 7)}-01` : (asOf ?? today());
    const regions = [region, ...(await ctx.loaders.childrenOfRegion.load(region.id))];
    const buildings = await Promise.all(
      regions.map((r) => (BY_BUILDINGS.has(r.level) ? ctx.loaders.buildingsInRegion.load(r.id) : null)),
    );
    return {
      regionId: region.id,
      asOf: day,
      figures: regions.map((r, i) => ({
        regionId: r.id,
        asOf: day,
        divisionCode: r.code,
        buildingKeys: buildings[i] ? encodeKeys(buildings[i]) : null,
      })),
    };
  }

  @FieldResolver(() => Region, { description: 'The region counted' })
  async region(@Root() figures: RegionFigures, @Ctx() ctx: GridContext): Promise<Region> {
    return (await ctx.loaders.region.load(figures.regionId))!;
  }

  @FieldResolver(() => GridFigures, { description: 'Grid-management figures (网格化管理统计)' })
  grid(@Root() figures: RegionFigures, @Ctx() ctx: GridContext): Promise<GridFigures> {
    let loader = gridFigures.get(ctx);
    if (!loader) gridFigures.set(ctx, (loader = gridFiguresLoader(ctx)));
    return loader.load(figures.regionId);
  }

  @FieldResolver(() => GridWorkFigures, {
    nullable: true,
    description: 'Events and visits (事件与走访统计); null outside your data scope',
  })
  gridWork(@Root() figures: RegionFigures, @Ctx() ctx: GridContext): Promise<GridWorkFigures | null> {
    return loadRegionFigures(gridWorkFigures, figures, ctx);
  }
}

/** RegionStats.region */
@Resolver(() => RegionStats)
export class RegionStatsRegionResolver {
  @FieldResolver(() => Region, { description: 'The region asked for (统计区域)' })
  async region(@Root() stats: RegionStats, @Ctx() ctx: GridContext): Promise<Region> {
    return (await ctx.loaders.region.load(stats.regionId))!;
  }
}

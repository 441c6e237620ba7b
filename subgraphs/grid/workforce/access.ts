import { notVisible, requireId } from '../../../lib/errors';
import { LEVEL_DEPTH, RegionLevel } from '../entities/enums';
import type { Region } from '../entities/region';
import type { GridContext } from '../loaders';

/** `inner` is `outer` or lies below it: the materialized paths say it ('/<district>/…/<own id>/'). */
const within = (inner: Region, outer: Region) => inner.path.startsWith(outer.path);

async function scopeRegions(ctx: GridContext): Promise<Region[]> {
  const regions = await ctx.loaders.region.loadMany(ctx.identity.scope);
  return regions.filter((r): r is Region => !!r && !(r instanceof Error));
}

/**
 * Who manages the workforce of a region (a grid, a micro-grid, a community): adds, assigns, ends, sees the assessment
 * figures. Grid's own officials, from regions grid holds — a GRID_LEADER whose scope holds the region (their grid,
 * community, street or district), or the dispatch desk (DISPATCHER) of the street or district above it. Grid workers
 * never; other departments never.
 */
export async function manages(ctx: GridContext, region: Region): Promise<boolean> {
  if (ctx.identity.department !== 'GRID') return false;
  const scope = await scopeRegions(ctx);
  if (ctx.identity.role === 'GRID_LEADER') return scope.some((r) => within(region, r));
  if (ctx.identity.role === 'DISPATCHER')
    return scope.some((r) => within(region, r) && LEVEL_DEPTH[r.level] <= LEVEL_DEPTH[RegionLevel.STREET]);
  return false;
}

/** Who sees a grid's workforce: grid staff whose scope holds the grid, or lies inside it (a micro-grid's worker). */
export async function seesGrid(ctx: GridContext, grid: Region): Promise<boolean> {
  if (ctx.identity.department !== 'GRID') return false;
  return (await scopeRegions(ctx)).some((r) => within(grid, r) || within(r, grid));
}

/**
 * The grid `id` names, if the caller may act on it by `may` (manages or seesGrid); else NOT_FOUND, audited as a
 * refusal, the same as for a grid that does not exist — so a refusal tells nothing of another grid.
 */
export async function gridFor(
  ctx: GridContext,
  id: string,
  may: (ctx: GridContext, grid: Region) => Promise<boolean>,
  operation: 'READ' | 'WRITE',
  field = 'gridId',
): Promise<Region> {
  const gridId = requireId(id, field);
  const region = await ctx.loaders.region.load(gridId);
  if (region?.level === RegionLevel.GRID && (await may(ctx, region))) return region;
  ctx.audit.note(operation, 'Grid', gridId, 'workforce', 'DENIED');
  throw notVisible('Grid', gridId);
}

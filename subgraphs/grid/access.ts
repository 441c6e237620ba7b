import type { Location } from '../../lib/auth/scope';
import type { Resident } from './entities/resident';
import type { GridContext } from './loaders';

/**
 * Where a resident lives, for the scope check: the building population sent in the representation (Resident.grid
 * @requires it), and the community that building's micro-grid belongs to in grid's own tree.
 */
export async function residentLocation(resident: Resident, ctx: GridContext): Promise<Location | null> {
  const buildingId = resident.household?.building?.id;
  if (!buildingId) return null;
  const microGrid = await ctx.loaders.microGridOfBuilding.load(buildingId);
  return { buildingId, communityCode: microGrid?.code.slice(0, 12) ?? null };
}

import type { AccessContext } from '../../lib/auth/enforce';
import { type Location, placeOfRecord } from '../../lib/auth/scope';
import type { Event } from './entities/event';
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

/** Grid's own roles see events by place; a department sees the events dispatched to it (inside its scope too). */
export const seesEventsByPlace = (ctx: Pick<AccessContext, 'identity'>) => ctx.identity.department === 'GRID';

/**
 * Where an event is, for the scope check — for whom it is anywhere at all: grid staff (by the event's community and
 * building), the department it is dispatched to; nobody else (an unknown place is outside every scope).
 */
export function eventLocation(event: Event, ctx: AccessContext): Location | null {
  if (seesEventsByPlace(ctx) || (event.department && event.department === ctx.identity.department)) return placeOfRecord(event);
  return null;
}

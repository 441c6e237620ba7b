import type { Location } from '../../lib/auth/scope';
import type { Household } from './entities/household';
import type { Resident } from './entities/resident';
import type { PopulationContext } from './loaders';

/** Roles that see an ID number whole (others get 110105************). */
export const WHOLE_ID_NUMBER = ['POPULATION:REGISTRAR', 'PUBLIC_SECURITY:OFFICER', 'PUBLIC_SECURITY:GRID_POLICE'];
/** Roles that see a phone number whole: those who register, visit or police the household. */
export const WHOLE_PHONE = [
  'POPULATION:REGISTRAR',
  'GRID:GRID_WORKER',
  'GRID:GRID_LEADER',
  'PUBLIC_SECURITY:OFFICER',
  'PUBLIC_SECURITY:GRID_POLICE',
];

/** A household is where its building is. */
export async function householdLocation(household: Household, ctx: PopulationContext): Promise<Location | null> {
  const building = await ctx.loaders.building.load(household.building.id);
  return building ? { buildingId: building.id, communityCode: building.communityCode } : null;
}

/** A resident is where their household is; a resident with no household is visible to population only. */
export async function residentLocation(resident: Resident, ctx: PopulationContext): Promise<Location | null> {
  if (!resident.household) return null;
  const household = await ctx.loaders.household.load(resident.household.id);
  return household ? householdLocation(household, ctx) : null;
}

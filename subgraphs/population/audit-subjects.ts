import type { Household } from './entities/household';
import { ResidentStatus } from './entities/enums';
import type { PopulationContext } from './loaders';

/**
 * A household read is about its members at the time of the read (its current members: its audit rows name them),
 * as the read that brought the household found them, or else read with its members.
 */
export const householdSubjects = async (household: Household, ctx: PopulationContext): Promise<string[]> =>
  ctx.loaders.knownMemberIds.get(household.id) ??
  (await ctx.loaders.membersOfHousehold.load(household.id))
    .filter((m) => m.status === ResidentStatus.ACTIVE)
    .map((m) => m.id);

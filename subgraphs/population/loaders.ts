import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, manyBy } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { Building } from './entities/building';
import { Household } from './entities/household';
import { Organization } from './entities/organization';
import { Resident } from './entities/resident';
import { ResidentChange } from './entities/resident-change';

export function createLoaders(em: EntityManager) {
  return {
    resident: byId(em, Resident),
    household: byId(em, Household),
    building: byId(em, Building),
    organization: byId(em, Organization),
    membersOfHousehold: manyBy(em, Resident, 'household', (r) => r.household!.id),
    householdsOfBuilding: manyBy(em, Household, 'building', (h) => h.building.id, { room: 'asc' }),
    organizationsOfBuilding: manyBy(em, Organization, 'building', (o) => o.building.id, { name: 'asc' }),
    changesOfResident: manyBy(em, ResidentChange, 'residentId', (c) => c.residentId, { at: 'asc' }),
    changesIntoHousehold: manyBy(em, ResidentChange, 'toHouseholdId', (c) => c.toHouseholdId!, { at: 'asc' }),
    changesOutOfHousehold: manyBy(em, ResidentChange, 'fromHouseholdId', (c) => c.fromHouseholdId!, { at: 'asc' }),
  };
}

export type PopulationContext = RequestContext<ReturnType<typeof createLoaders>>;

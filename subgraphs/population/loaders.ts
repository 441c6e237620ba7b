import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, manyBy } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { Building } from './entities/building';
import { Household } from './entities/household';
import { Resident } from './entities/resident';

export function createLoaders(em: EntityManager) {
  return {
    resident: byId(em, Resident),
    household: byId(em, Household),
    building: byId(em, Building),
    membersOfHousehold: manyBy(em, Resident, 'household', (r) => r.household!.id),
    householdsOfBuilding: manyBy(em, Household, 'building', (h) => h.building.id, { room: 'asc' }),
  };
}

export type PopulationContext = RequestContext<ReturnType<typeof createLoaders>>;

import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, manyBy } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { Building } from './entities/building';
import { Household } from './entities/household';
import { Organization } from './entities/organization';
import { Resident } from './entities/resident';
import { ResidentChange } from './entities/resident-change';

export interface HouseholdArea {
  codePrefix: string | null;
  buildingIds: string[];
}

/** For each area, how many households are in its buildings or its communities, in ONE statement per batch. */
function householdsInArea(em: EntityManager): DataLoader<HouseholdArea, number, string> {
  return new DataLoader(
    async (areas) => {
      const rows: { k: number; n: number }[] = await em.execute(
        `with wanted (k, prefix, ids) as (values ${areas.map(() => '(?::int, ?::text, ?::uuid[])').join(', ')})
         select w.k, (select count(*) from household h join building b on b.id = h.building_id
                       where (w.prefix is not null and b.community_code like w.prefix || '%') or h.building_id = any(w.ids))::int as n
           from wanted w`,
        areas.flatMap((a, k) => [k, a.codePrefix, `{${a.buildingIds.join(',')}}`]),
      );
      const counts = new Map(rows.map((r) => [r.k, r.n]));
      return areas.map((_, k) => counts.get(k) ?? 0);
    },
    { cacheKeyFn: (a) => JSON.stringify([a.codePrefix, a.buildingIds]) },
  );
}

export function createLoaders(em: EntityManager) {
  return {
    householdsInArea: householdsInArea(em),
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

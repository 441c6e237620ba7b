import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, manyBy } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { cellKeySql } from '../../lib/stats/cell-key';
import type { KeyedCount } from '../../lib/stats/disclosure';
import { recordKeyJoin, SECRET_CTE } from '../../lib/stats/keyed-counts';
import { Building } from './entities/building';
import { Household } from './entities/household';
import { Organization } from './entities/organization';
import { Resident } from './entities/resident';
import { ResidentChange } from './entities/resident-change';
import { type PlaceLoaders, residentsWithPlace } from './resident-place';

export interface HouseholdArea {
  codePrefix: string | null;
  buildingIds: string[];
  /** the record-key secret when the count is for an analytics identity (lib/stats/disclosure.ts), else null */
  secret: Buffer | null;
}

/** For each area, how many households are in its buildings or its communities, and their cell key, in ONE statement per batch. */
function householdsInArea(em: EntityManager): DataLoader<HouseholdArea, KeyedCount, string> {
  return new DataLoader(
    async (areas) => {
      const rows: { k: number; n: number; key: string }[] = await em.execute(
        `with ${SECRET_CTE}, wanted (k, prefix, ids) as (values ${areas.map(() => '(?::int, ?::text, ?::uuid[])').join(', ')})
         select w.k, count(h.id)::int as n, ${cellKeySql('sum(k.rk)')} as key
           from wanted w left join (household h join building b on b.id = h.building_id ${recordKeyJoin('h.id')})
             on (w.prefix is not null and b.community_code like w.prefix || '%') or h.building_id = any(w.ids)
          group by w.k`,
        [areas[0].secret, ...areas.flatMap((a, k) => [k, a.codePrefix, `{${a.buildingIds.join(',')}}`])],
      );
      const counts = new Map(rows.map((r) => [r.k, { count: r.n, key: Number(r.key) }]));
      return areas.map((_, k) => counts.get(k) ?? { count: 0, key: 0 });
    },
    // one identity per request: the secret is the same for every area of a batch
    { cacheKeyFn: (a) => JSON.stringify([a.codePrefix, a.buildingIds]) },
  );
}

export function createLoaders(em: EntityManager) {
  const place = {
    household: byId(em, Household),
    building: byId(em, Building),
    knownMemberIds: new Map<string, string[]>(),
  } as PlaceLoaders;
  place.resident = residentsWithPlace(em, place, false);
  return {
    householdsInArea: householdsInArea(em),
    ...place,
    /** a resident whose household the query reads too: also the members its audit row names (same statement) */
    residentWithHousehold: residentsWithPlace(em, place, true),
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

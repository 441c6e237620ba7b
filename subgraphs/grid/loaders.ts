import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, manyBy } from '../../lib/db/loaders';
import { aliasedColumns, rowPart } from '../../lib/db/joined-rows';
import { preparedByKeys } from '../../lib/db/prepared';
import type { RequestContext } from '../../lib/context';
import { cellKeySql } from '../../lib/stats/cell-key';
import type { KeyedCount } from '../../lib/stats/disclosure';
import { recordKeyJoin, SECRET_CTE } from '../../lib/stats/keyed-counts';
import { BuildingAssignmentPeriod } from './entities/building-assignment-period';
import { Event } from './entities/event';
import { EventFollowUp } from './entities/event-follow-up';
import { EventSupervision } from './entities/event-supervision';
import { EventTransition } from './entities/event-transition';
import { Facility } from './entities/facility';
import { FacilityConditionChange } from './entities/facility-condition-change';
import { inSubtree, Region } from './entities/region';
import { Visit } from './entities/visit';
import { VisitPart } from './entities/visit-part';
import { OPEN_STATUSES } from './events/workflow';
import { Staff } from './entities/staff';
import { StaffRegion } from './entities/staff-region';
import { workforceLoaders } from './workforce/loaders';
import { asEntity } from '../../lib/db/as-entity';

/** For each building key, its micro-grid (or null if unassigned), in one statement per batch. */
function microGridOfBuilding(em: EntityManager): DataLoader<string, Region | null> {
  return new DataLoader(async (buildingIds) => {
    const rows = await preparedByKeys(
      em,
      'grid_micro_grid_of_building',
      'select a.building_id as building_key, m.* from building_assignment a join region m on m.id = a.micro_grid_id where a.building_id = any($1)',
      buildingIds,
    );
    const byBuilding = new Map(
      rows.map(({ building_key, ...region }) => [building_key as string, asEntity(em, Region, region)]),
    );
    return buildingIds.map((id) => byBuilding.get(id) ?? null);
  });
}

/**
 * For each building key, the GRID-level parent of its micro-grid (or null), in ONE statement per batch where reading
 * micro-grid, grid and the grid's parent level by level took three; each region read is primed into the loaders for
 * the rest of the request. `withParent` when the query asks for the grid's parent (Building.grid.parent) too.
 */
function gridOfBuilding(
  em: EntityManager,
  loaders: { region: DataLoader<string, Region | null>; microGrid: DataLoader<string, Region | null> },
  withParent: boolean,
): DataLoader<string, Region | null> {
  const sql = `select a.building_id as building_key, ${aliasedColumns(em, Region, 'm')}, ${aliasedColumns(em, Region, 'g')}${withParent ? `, ${aliasedColumns(em, Region, 'p')}` : ''}
    from building_assignment a join region m on m.id = a.micro_grid_id left join region g on g.id = m.parent_id
    ${withParent ? 'left join region p on p.id = g.parent_id' : ''}
   where a.building_id = any($1)`;
  return new DataLoader(async (buildingIds) => {
    const rows = await preparedByKeys(em, `grid_of_building${withParent ? '_with_parent' : ''}`, sql, buildingIds);
    const byBuilding = new Map<string, Region | null>();
    for (const row of rows) {
      const [micro, grid, parent] = ['m', 'g', 'p'].map((alias) => {
        const part = rowPart(row, alias);
        return part && asEntity(em, Region, part);
      });
      loaders.microGrid.prime(row.building_key as string, micro);
      for (const region of [grid, parent]) if (region) loaders.region.prime(region.id, region);
      byBuilding.set(row.building_key as string, grid);
    }
    return buildingIds.map((id) => byBuilding.get(id) ?? null);
  });
}

/**
 * For each region key, the keys of every building assigned to a micro-grid in its subtree, in ONE statement
 * per batch.
 */
function buildingsInRegion(em: EntityManager): DataLoader<string, string[]> {
  return new DataLoader(async (regionIds) => {
    const rows: { region_id: string; building_id: string }[] = await em.execute(
      `select r.id as region_id, a.building_id
         from region r
         join region m on ${inSubtree('m', 'r')}
         join building_assignment a on a.micro_grid_id = m.id
        where r.id in (${regionIds.map(() => '?').join(', ')})
        order by a.building_id`,
      [...regionIds],
    );
    const groups = new Map<string, string[]>(regionIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row.region_id)?.push(row.building_id);
    return regionIds.map((id) => groups.get(id) ?? []);
  });
}

export interface BuildingPageKey {
  regionId: string;
  limit: number;
  afterKey?: string;
}

/**
 * For each region and page (keyset on the building key), `limit + 1` building keys after `afterKey` and the count of
 * all the region's buildings, in ONE statement per batch whatever the regions and pages asked.
 */
function buildingPageOfRegion(
  em: EntityManager,
): DataLoader<BuildingPageKey, { ids: string[]; total: number }, string> {
  return new DataLoader(
    async (keys) => {
      const rows: { k: number; total: number; building_id: string | null }[] = await em.execute(
        `with wanted (k, region_id, after_key, lim) as (values ${keys.map(() => '(?::int, ?::uuid, ?::uuid, ?::int)').join(', ')}),
         inside as (
           select w.k, a.building_id
             from wanted w
             join region r on r.id = w.region_id
             join region m on ${inSubtree('m', 'r')}
             join building_assignment a on a.micro_grid_id = m.id),
         paged as (
           select i.k, i.building_id, w.lim, row_number() over (partition by i.k order by i.building_id) as n
             from inside i join wanted w on w.k = i.k
            where w.after_key is null or i.building_id > w.after_key)
         select w.k, (select count(*) from inside i where i.k = w.k)::int as total, p.building_id
           from wanted w left join paged p on p.k = w.k and p.n <= p.lim + 1
          order by w.k, p.building_id`,
        keys.flatMap((key, k) => [k, key.regionId, key.afterKey ?? null, key.limit]),
      );
      const pages = keys.map(() => ({ ids: [] as string[], total: 0 }));
      for (const row of rows) {
        pages[row.k].total = row.total;
        if (row.building_id) pages[row.k].ids.push(row.building_id);
      }
      return pages;
    },
    { cacheKeyFn: (key) => JSON.stringify([key.regionId, key.limit, key.afterKey ?? null]) },
  );
}

/** For each region key, the staff serving it (via the staff_region pivot), one joined statement per batch. */
function staffOfRegion(em: EntityManager): DataLoader<string, Staff[]> {
  return new DataLoader(async (regionIds) => {
    const links = await em.find(
      StaffRegion,
      { region: { $in: [...regionIds] } },
      { populate: ['staff'], strategy: 'joined', orderBy: { staff: { role: 'asc', name: 'asc' } } },
    );
    const groups = new Map<string, Staff[]>(regionIds.map((id) => [id, []]));
    for (const link of links) groups.get(link.region.id)?.push(link.staff.getEntity());
    return regionIds.map((id) => groups.get(id) ?? []);
  });
}

/** For each staff key, the regions they serve, one joined statement per batch. */
function regionsOfStaff(em: EntityManager): DataLoader<string, Region[]> {
  return new DataLoader(async (staffIds) => {
    const links = await em.find(
      StaffRegion,
      { staff: { $in: [...staffIds] } },
      { populate: ['region'], strategy: 'joined', orderBy: { region: { code: 'asc' } } },
    );
    const groups = new Map<string, Region[]>(staffIds.map((id) => [id, []]));
    for (const link of links) groups.get(link.staff.id)?.push(link.region.getEntity());
    return staffIds.map((id) => groups.get(id) ?? []);
  });
}

/** Rows of `entity` from a raw statement, as entities of this request's EntityManager. */
const mapped = <T extends object>(em: EntityManager, entity: new () => T, rows: Record<string, unknown>[]): T[] =>
  rows.map((row) => asEntity(em, entity, row));

/** For each resident key, the events that name them (newest first), one statement per batch (GIN index on resident_ids). */
function eventsOfResident(em: EntityManager): DataLoader<string, Event[]> {
  return new DataLoader(async (residentIds) => {
    const rows = await em.execute(`select * from event where resident_ids && ?::uuid[] order by reported_at desc, id`, [
      `{${residentIds.join(',')}}`,
    ]);
    const events = mapped(em, Event, rows);
    return residentIds.map((id) => events.filter((e) => e.residentIds.includes(id)));
  });
}

/** For each building key, its open events (newest first), one statement per batch. */
function openEventsOfBuilding(em: EntityManager): DataLoader<string, Event[]> {
  return new DataLoader(async (buildingIds) => {
    const rows = await em.execute(
      `select * from event where building_id = any(?::uuid[]) and status = any(?::text[]) order by reported_at desc, id`,
      [`{${buildingIds.join(',')}}`, `{${OPEN_STATUSES.join(',')}}`],
    );
    const events = mapped(em, Event, rows);
    return buildingIds.map((id) => events.filter((e) => e.buildingId === id));
  });
}

/** How many of a household's visits Household.visits shows (newest first). */
export const RECENT_VISITS = 12;

/** For each household key, its latest RECENT_VISITS visits, newest first, one statement per batch. */
function recentVisitsOfHousehold(em: EntityManager): DataLoader<string, Visit[]> {
  return new DataLoader(async (householdIds) => {
    const rows = await em.execute(
      `select * from (select v.*, row_number() over (partition by v.household_id order by v.visited_at desc, v.id) as n from visit v where v.household_id = any(?::uuid[])) x
        where n <= ${RECENT_VISITS} order by household_id, visited_at desc, id`,
      [`{${householdIds.join(',')}}`],
    );
    const visits = mapped(
      em,
      Visit,
      rows.map(({ n: _n, ...row }: Record<string, unknown>) => row),
    );
    return householdIds.map((id) => visits.filter((v) => v.householdId === id));
  });
}

/** A calendar month, as the half-open interval [from, to) in UTC. */
export interface Month {
  /** 'YYYY-MM' */
  key: string;
  from: Date;
  to: Date;
}

export interface RegionMonth {
  regionId: string;
  month: Month;
  /** the record-key secret when the count is for an analytics identity (lib/stats/disclosure.ts), else null */
  secret: Buffer | null;
}

/**
 * For each region and month, how many distinct households were visited in the buildings now assigned to the region's
 * micro-grids, in ONE statement per batch.
 */
function visitedHouseholdsInRegion(em: EntityManager): DataLoader<RegionMonth, KeyedCount, string> {
  return new DataLoader(
    async (keys) => {
      const rows: { k: number; visited: number; key: string }[] = await em.execute(
        `with ${SECRET_CTE}, wanted (k, region_id, from_at, to_at) as (values ${keys.map(() => '(?::int, ?::uuid, ?::timestamptz, ?::timestamptz)').join(', ')}),
         visited as (
           select distinct w.k, v.household_id
             from wanted w
             join region r on r.id = w.region_id
             join region m on m.level = 'MICRO_GRID' and ${inSubtree('m', 'r')}
             join building_assignment a on a.micro_grid_id = m.id
             join visit v on v.building_id = a.building_id and v.visited_at >= w.from_at and v.visited_at < w.to_at)
         select x.k, count(*)::int as visited, ${cellKeySql('sum(k.rk)')} as key from visited x ${recordKeyJoin('x.household_id')} group by x.k`,
        [
          keys[0].secret,
          ...keys.flatMap((key, k) => [k, key.regionId, key.month.from.toISOString(), key.month.to.toISOString()]),
        ],
      );
      const counts = new Map(rows.map((r) => [r.k, { count: r.visited, key: Number(r.key) }]));
      return keys.map((_, k) => counts.get(k) ?? { count: 0, key: 0 });
    },
    // one identity per request: the secret is the same for every region of a batch
    { cacheKeyFn: (key) => `${key.regionId}|${key.month.key}` },
  );
}

export interface HouseholdMonth {
  householdId: string;
  month: Month;
}

/** For each household and month: was it visited in that month? One statement per batch. */
function householdVisitedIn(em: EntityManager): DataLoader<HouseholdMonth, boolean, string> {
  return new DataLoader(
    async (keys) => {
      const rows: { k: number }[] = await em.execute(
        `with wanted (k, household_id, from_at, to_at) as (values ${keys.map(() => '(?::int, ?::uuid, ?::timestamptz, ?::timestamptz)').join(', ')})
         select w.k from wanted w where exists (select 1 from visit v where v.household_id = w.household_id and v.visited_at >= w.from_at and v.visited_at < w.to_at)`,
        keys.flatMap((key, k) => [k, key.householdId, key.month.from.toISOString(), key.month.to.toISOString()]),
      );
      const visited = new Set(rows.map((r) => r.k));
      return keys.map((_, k) => visited.has(k));
    },
    { cacheKeyFn: (key) => `${key.householdId}|${key.month.key}` },
  );
}

export function createLoaders(em: EntityManager) {
  const region = byId(em, Region);
  const microGrid = microGridOfBuilding(em);
  return {
    region,
    staff: byId(em, Staff),
    childrenOfRegion: manyBy(em, Region, 'parent', (r) => r.parent!.id, { code: 'asc' }),
    buildingsInRegion: buildingsInRegion(em),
    buildingPageOfRegion: buildingPageOfRegion(em),
    microGridOfBuilding: microGrid,
    /** the GRID-level parent of each building's micro-grid: Building.grid and Resident.grid share it */
    gridOfBuilding: gridOfBuilding(em, { region, microGrid }, false),
    /** the same with the grid's parent (its community) read in the same statement */
    gridWithParentOfBuilding: gridOfBuilding(em, { region, microGrid }, true),
    staffOfRegion: staffOfRegion(em),
    regionsOfStaff: regionsOfStaff(em),
    assignmentPeriodsOfBuilding: manyBy(em, BuildingAssignmentPeriod, 'buildingId', (p) => p.buildingId, {
      validFrom: 'desc',
    }),
    event: byId(em, Event),
    timelineOfEvent: manyBy(em, EventTransition, 'event', (t) => t.event.id, { at: 'asc', id: 'asc' }),
    supervisionsOfEvent: manyBy(em, EventSupervision, 'event', (v) => v.event.id, { at: 'asc', id: 'asc' }),
    followUpsOfEvent: manyBy(em, EventFollowUp, 'event', (f) => f.event.id, { at: 'asc', id: 'asc' }),
    eventsOfResident: eventsOfResident(em),
    openEventsOfBuilding: openEventsOfBuilding(em),
    recentVisitsOfHousehold: recentVisitsOfHousehold(em),
    partsOfVisit: manyBy(em, VisitPart, 'visitId', (p) => p.visitId, { seq: 'asc', part: 'asc' }),
    visitedHouseholdsInRegion: visitedHouseholdsInRegion(em),
    householdVisitedIn: householdVisitedIn(em),
    facility: byId(em, Facility),
    facilitiesOfBuilding: manyBy(em, Facility, 'buildingId', (f) => f.buildingId!, { classCode: 'asc', id: 'asc' }),
    conditionHistoryOfFacility: manyBy(em, FacilityConditionChange, 'facility', (c) => c.facility.id, {
      at: 'asc',
      id: 'asc',
    }),
    eventsOfFacility: manyBy(em, Event, 'facility', (e) => e.facility!.id, { reportedAt: 'desc', id: 'desc' }),
    ...workforceLoaders(em),
  };
}

export type GridContext = RequestContext<ReturnType<typeof createLoaders>>;

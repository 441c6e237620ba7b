import { districtZone, IN_DISTRICT, ZONE_CTE } from '../../lib/calendar';
import type { Cells } from '../../lib/stats/disclosure';
import {
  keyedColumns,
  keyedCounts,
  keyedSums,
  recordKeyJoin,
  SECRET_CTE,
  withKeys,
} from '../../lib/stats/keyed-counts';
import { type CommunityCounting, countPlacesByPrefix } from '../../lib/stats/community-cache';
import { type FiguresSource, inPlaceSql, PLACES_SQL } from '../../lib/stats/region-figures';
import { countConditions, disclosureShape, figureNames } from '../../lib/stats/figures';
import type { GridWorkFigures } from './entities/region-figures';
import { GRID_WORK_FIGURES } from './figures';

/** the regions of place `p`'s subtree (a grid and its micro-grids): an event reported at a grid alone has no building */
const SUBTREE_OF_PLACE = `select s.id from region r join region s on s.path ~>=~ r.path and s.path ~<~ (left(r.path, -1) || '0') where r.id = p.region`;

/**
 * Every region of the request in ONE statement over grid's events and visits, in the places of lib/stats. `p.at` is
 * the end of the day asked in the district (lib/calendar, as visit months are), or now while that end is still to come: an event is open then when it
 * was reported before and not closed or rejected by then; overdue when the step it was in (its latest move before
 * then, whose deadline the timeline keeps) was due before then (the conditions are declared in figures.ts) — for today, the workflow's own definitions: status in
 * OPEN_STATUSES (closed_at is set exactly when an event enters a final status) and `step_deadline < now()`. A
 * household visited this month counts in the building it was visited in.
 */
const FIGURES = figureNames(GRID_WORK_FIGURES);
const EVENTS = countConditions(GRID_WORK_FIGURES, 'event');

const countSql = (keyed: boolean) => `
  with ${SECRET_CTE}, ${ZONE_CTE},
  p as (select p.*, least(now(), (p.as_of + 1)::timestamp ${IN_DISTRICT}) as at,
                    date_trunc('month', p.as_of::timestamp) ${IN_DISTRICT} as month_from
               from ${PLACES_SQL}),
  events as (
    select p.i, ${keyedCounts(EVENTS)}
      from p join event e on (${inPlaceSql({ building: 'e.building_id', communityCode: 'e.community_code' })}
                             or (p.buildings is not null and e.building_id is null and e.region_id in (${SUBTREE_OF_PLACE})))
           ${recordKeyJoin('e.id')}
     where e.reported_at <= p.at and (e.closed_at is null or e.closed_at > p.at)
     group by p.i),
  -- grids and micro-grids: the households visited in their buildings, each household once per building, its key
  -- computed once, not per visit (communities and above take theirs from the kept figures: VISITS_PER_COMMUNITY)
  visited_per_building as (
    select v.building_id, count(*) as "visitedHouseholds",
           ${keyed ? 'sum(k.rk)' : 'null::numeric'} as "visitedHouseholds:key"
      from (select distinct v.building_id, v.household_id from p cross join visit v
             where v.building_id = any(p.buildings) and v.visited_at >= p.month_from and v.visited_at < p.at) v
           ${keyed ? recordKeyJoin('v.household_id') : ''}
     group by v.building_id),
  visits as (
    select p.i, ${keyedSums(['visitedHouseholds'], 'v')}
      from p join visited_per_building v on v.building_id = any(p.buildings)
     group by p.i)
  select p.i, ${keyedColumns(Object.keys(EVENTS), 'e')}, ${keyedColumns(['visitedHouseholds'], 'v')}
    from p left join events e on e.i = p.i left join visits v on v.i = p.i
   order by p.i`;
/**
 * The households visited per community in the month of the day up to its end, for the figures kept per community and
 * day (lib/stats/community-cache.ts): each household once per building, as above. A visit is never in the future
 * (recordVisit refuses one), so the end of today counts what `now()` does, and every visit recorded since a count is a
 * change to its community.
 */
export const VISITS_PER_COMMUNITY: CommunityCounting = {
  sql: (inCommunities) => ({
    ctes: `
  visited as (
    select distinct v.community_code, v.building_id, v.household_id
      from visit v
     where ${inCommunities('v.community_code')}
       and v.visited_at >= date_trunc('month', ?::date::timestamp) at time zone ?::text
       and v.visited_at < (?::date + 1)::timestamp at time zone ?::text)`,
    select: `select v.community_code, count(*) as "visitedHouseholds", sum(k.rk) as "visitedHouseholds:key"
               from visited v ${recordKeyJoin('v.household_id')} group by v.community_code`,
  }),
  params: (day) => [day, districtZone(), day, districtZone()],
  variant: () => districtZone(),
};

/** an official's figures are exact: their statement computes no record key for the month's visits */
const COUNT_SQL = { keyed: countSql(true), exact: countSql(false) };
/** the exact statement, for the bench's monolith (bench/region-stats.ts) to count the same events */
export const GRID_WORK_COUNT_SQL = COUNT_SQL.exact;

export const gridWorkFigures: FiguresSource<GridWorkFigures> = {
  field: 'gridWork',
  shape: disclosureShape(GRID_WORK_FIGURES),
  async count(em, places, secret) {
    const kept = await countPlacesByPrefix(em, VISITS_PER_COMMUNITY, places, secret, withKeys(['visitedHouseholds']));
    const rows: Cells[] = await em.execute(secret ? COUNT_SQL.keyed : COUNT_SQL.exact, [
      secret,
      districtZone(),
      JSON.stringify(places),
    ]);
    return rows.map((row, i) =>
      Object.fromEntries(withKeys(FIGURES).map((name) => [name, kept.rows[i]?.[name] ?? row[name]])),
    );
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<GridWorkFigures, 'suppressed'>), suppressed }),
};

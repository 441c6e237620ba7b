import { type FiguresSource, inPlaceSql, PLACES_SQL } from '../../lib/stats/region-figures';
import type { GridWorkFigures } from './entities/region-figures';

/** the regions of place `p`'s subtree (a grid and its micro-grids): an event reported at a grid alone has no building */
const SUBTREE_OF_PLACE = `select s.id from region r join region s on s.path ~>=~ r.path and s.path ~<~ (left(r.path, -1) || '0') where r.id = p.region`;

/**
 * Every region of the request in ONE statement over grid's events and visits, in the places of lib/stats. `p.at` is
 * the end of the day asked (UTC, as visit months are), or now while that end is still to come: an event is open then when it
 * was reported before and not closed or rejected by then; overdue when the step it was in (its latest move before
 * then, whose deadline the timeline keeps) was due before then — for today, the workflow's own definitions: status in
 * OPEN_STATUSES (closed_at is set exactly when an event enters a final status) and `step_deadline < now()`. A
 * household visited this month counts in the building it was visited in.
 */
const COUNT_SQL = `
  with p as (select p.*, least(now(), (p.as_of + 1)::timestamp at time zone 'UTC') as at,
                    date_trunc('month', p.as_of::timestamp) at time zone 'UTC' as month_from
               from ${PLACES_SQL}),
  events as (
    select p.i, count(*) as open,
           count(*) filter (where (select t.deadline from event_transition t where t.event_id = e.id and t.at <= p.at order by t.at desc, t.id desc limit 1) < p.at) as overdue
      from p join event e on ${inPlaceSql({ building: 'e.building_id', communityCode: 'e.community_code' })}
                             or (p.buildings is not null and e.building_id is null and e.region_id in (${SUBTREE_OF_PLACE}))
     where e.reported_at <= p.at and (e.closed_at is null or e.closed_at > p.at)
     group by p.i),
  -- households visited per building first (a request counts one day, so one window), then buildings summed per place
  visited_per_building as (
    select v.building_id, v.community_code, count(distinct v.household_id) as visited
      from visit v
     where v.visited_at >= (select min(month_from) from p) and v.visited_at < (select max(at) from p)
     group by v.building_id, v.community_code),
  visits as (
    select p.i, sum(v.visited) as visited
      from p join visited_per_building v on ${inPlaceSql({ building: 'v.building_id', communityCode: 'v.community_code' })}
     group by p.i)
  select p.i, coalesce(e.open, 0)::int as "openEvents", coalesce(e.overdue, 0)::int as "overdueEvents", coalesce(v.visited, 0)::int as "visitedHouseholds"
    from p left join events e on e.i = p.i left join visits v on v.i = p.i
   order by p.i`;

export const gridWorkFigures: FiguresSource<GridWorkFigures> = {
  field: 'gridWork',
  // overdue events are a part of the open ones, but not a partition of them: no secondary suppression within a row
  shape: { partitions: [] },
  async count(em, places) {
    const rows: { openEvents: number; overdueEvents: number; visitedHouseholds: number }[] = await em.execute(COUNT_SQL, [JSON.stringify(places)]);
    return rows.map(({ openEvents, overdueEvents, visitedHouseholds }) => ({ openEvents, overdueEvents, visitedHouseholds }));
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<GridWorkFigures, 'suppressed'>), suppressed }),
};

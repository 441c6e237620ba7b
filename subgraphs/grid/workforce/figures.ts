import { addMonthsToMonth, type Month } from '../../../lib/calendar';
import { badInput } from '../../../lib/errors';
import { SUBTREE_IDS } from '../entities/region';
import type { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';
import { readMonth } from '../visits/month';
import { AREA_OF_GRID } from './query';

/** The definitions, once: the schema's descriptions and docs/grid.md say the same. */
export const WORKER_FIGURES = {
  householdsVisited: 'Households visited (走访户数): distinct households of the grid with a visit recorded under them',
  visitsRecorded: 'Visits recorded under them (走访次数) in the grid',
  factsCollected:
    'Items their visits collected for the departments that own them and the owners took (采集事项数): parts applied or pending verification, refused and undelivered ones not counted',
  eventsReported:
    'Events they reported in the grid (上报事件数), not rejected (不予立案 excluded): reported from their account, or raised by a visit recorded under them',
  eventsClosedOnTime:
    'Of those, closed with no step over its time limit (按时结案数), as assessmentFigures counts closedOnTime',
} as const;

export interface WorkerFiguresRow {
  staff: Staff;
  householdsVisited: number;
  visitsRecorded: number;
  factsCollected: number;
  eventsReported: number;
  eventsClosedOnTime: number;
}

/** The longest period asked at once. */
const MAX_MONTHS = 12;

/** The months from `from` to `to` (both 'YYYY-MM', inclusive; this month by default), in the district's calendar. */
export function readPeriod(from?: string | null, to?: string | null): { first: Month; last: Month } {
  const first = readMonth(from ?? to, 'from');
  const last = readMonth(to ?? from, 'to');
  if (last.from < first.from) throw badInput(`to (${last.key}) is before from (${first.key})`, 'to');
  if (addMonthsToMonth(first, MAX_MONTHS).from <= last.from)
    throw badInput(`a period is at most ${MAX_MONTHS} months`, 'to');
  return { first, last };
}

/**
 * The statement (`?`: the grid three times, to, from, from, to). The people who served the grid in
 * the period — linked now, or with an assignment there overlapping it — but its police (public security's), each with
 * their visits in the grid's buildings and the events they reported in the grid, in ONE statement.
 */
const FIGURES_SQL = `
  with area as (${AREA_OF_GRID}),
  grid_area as (${SUBTREE_IDS}),
  served as (
    select staff_id from staff_region where region_id in (select id from area)
    union
    select staff_id from staff_assignment
     where region_id in (select id from area) and valid_from < ?::timestamptz and (valid_to is null or valid_to >= ?::timestamptz)),
  period as (select ?::timestamptz as from_at, ?::timestamptz as to_at)
  select s.id as staff_id,
         coalesce(v.households, 0)::int as households_visited,
         coalesce(v.visits, 0)::int as visits_recorded,
         coalesce(v.facts, 0)::int as facts_collected,
         coalesce(e.reported, 0)::int as events_reported,
         coalesce(e.closed_on_time, 0)::int as events_closed_on_time
    from served x
    join staff s on s.id = x.staff_id and s.role <> 'GRID_POLICE'
    left join staff_enrolment en on en.staff_id = s.id
    cross join period p
    left join lateral (
      select count(distinct vi.household_id) as households, count(*) as visits,
             sum((select count(*) from visit_part vp where vp.visit_id = vi.id and vp.department <> 'GRID'
                   and vp.outcome in ('APPLIED', 'PENDING_VERIFICATION'))) as facts
        from visit vi join building_assignment ba on ba.building_id = vi.building_id
       where vi.staff_id = s.id and ba.micro_grid_id in (select id from grid_area)
         and vi.visited_at >= p.from_at and vi.visited_at < p.to_at) v on true
    left join lateral (
      select count(*) as reported, count(*) filter (where ev.status = 'CLOSED' and ev.late_steps = 0) as closed_on_time
        from event ev
       where ev.region_id in (select id from grid_area) and ev.status <> 'REJECTED'
         and ev.reported_at >= p.from_at and ev.reported_at < p.to_at
         and (ev.reporter_subject = en.account
              or ev.visit_id in (select vv.id from visit vv where vv.staff_id = s.id))) e on true
   order by s.role, s.name, s.id`;

interface Row {
  staff_id: string;
  households_visited: number;
  visits_recorded: number;
  facts_collected: number;
  events_reported: number;
  events_closed_on_time: number;
}

/** Per-worker figures (考核) of a grid over whole months of the district's calendar. */
export async function workerFigures(
  ctx: GridContext,
  gridId: string,
  period: { first: Month; last: Month },
): Promise<WorkerFiguresRow[]> {
  const from = period.first.from;
  const to = period.last.to;
  const rows = await ctx.em.execute<Row[]>(FIGURES_SQL, [gridId, gridId, gridId, to, from, from, to]);
  const staff = await ctx.loaders.staff.loadMany(rows.map((r) => r.staff_id));
  return rows.map((r, i) => ({
    staff: staff[i] as Staff,
    householdsVisited: r.households_visited,
    visitsRecorded: r.visits_recorded,
    factsCollected: r.facts_collected,
    eventsReported: r.events_reported,
    eventsClosedOnTime: r.events_closed_on_time,
  }));
}

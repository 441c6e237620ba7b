import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { PublicSecurityFigures } from '../entities/public-security-figures';
import { RegionFigures } from '../entities/region-figures';
import { RENTAL_HAS_UNREGISTERED_TENANT, RENTAL_INSPECTION_DUE } from '../supervision';

/**
 * Every region of the request in ONE statement over public security's own permits, rentals and incidents (never
 * key persons). The reminder lists' rules, with the day asked in place of today: a holder's current permit is their
 * latest issue by then; a rental needs attention by supervision.ts. Months are UTC, like the lists' today. Each table
 * is counted once per building (and day), then the buildings are summed per place: a permit holder counts in the
 * building of their permit.
 */
const COUNT_SQL = `
  with p as (select * from ${PLACES_SQL}),
  -- per day: the month and end of the day, and the batch's places as arrays (prefixes, buildings) to keep only their records
  d as (select as_of, date_trunc('month', as_of::timestamp) at time zone 'UTC' as month_from, (as_of + 1)::timestamp at time zone 'UTC' as day_end,
               coalesce(array_agg(code || '%') filter (where buildings is null), '{}') as prefixes,
               coalesce(array_agg(b) filter (where b is not null), '{}') as buildings
          from p left join lateral unnest(p.buildings) b on true
         group by as_of),
  per_building as (
    select d.as_of, t.building_id, t.community_code,
           count(distinct t.resident_id) filter (where t.expires_on >= d.as_of) as holders,
           count(*) filter (where t.expires_on between d.as_of and d.as_of + 30
                              and not exists (select 1 from residence_permit n where n.resident_id = t.resident_id and n.issued_on <= d.as_of and n.expires_on > t.expires_on)) as expiring,
           0 as rentals, 0 as attention, 0 as incidents
      from d join residence_permit t on t.issued_on <= d.as_of and (t.community_code like any(d.prefixes) or t.building_id = any(d.buildings))
     group by d.as_of, t.building_id, t.community_code
    union all
    select d.as_of, t.building_id, t.community_code, 0, 0, count(*),
           count(*) filter (where ${RENTAL_HAS_UNREGISTERED_TENANT} or ${RENTAL_INSPECTION_DUE} < d.as_of), 0
      from d join rental_housing t on (t.registered_on is null or t.registered_on <= d.as_of) and (t.community_code like any(d.prefixes) or t.building_id = any(d.buildings))
     group by d.as_of, t.building_id, t.community_code
    union all
    select d.as_of, t.building_id, t.community_code, 0, 0, 0, 0, count(*)
      from d join incident t on t.occurred_at >= d.month_from and t.occurred_at < d.day_end and (t.community_code like any(d.prefixes) or t.building_id = any(d.buildings))
     group by d.as_of, t.building_id, t.community_code),
  per_place as (
    select p.i, sum(b.holders) as holders, sum(b.expiring) as expiring, sum(b.rentals) as rentals, sum(b.attention) as attention, sum(b.incidents) as incidents
      from p join per_building b on b.as_of = p.as_of and ${inPlaceSql({ building: 'b.building_id', communityCode: 'b.community_code' })}
     group by p.i)
  select p.i, coalesce(c.holders, 0)::int as "permitHolders", coalesce(c.expiring, 0)::int as "permitsExpiring",
         coalesce(c.rentals, 0)::int as rentals, coalesce(c.attention, 0)::int as "rentalsNeedingAttention", coalesce(c.incidents, 0)::int as incidents
    from p left join per_place c on c.i = p.i
   order by p.i`;

const FIGURES = ['permitHolders', 'permitsExpiring', 'rentals', 'rentalsNeedingAttention', 'incidents'] as const;

const publicSecurityFigures: FiguresSource<PublicSecurityFigures> = {
  field: 'publicSecurity',
  // the parts named here are subsets, not partitions: no figure is another's total minus the rest
  shape: { partitions: [] },
  async count(em, places) {
    const rows: Record<string, number>[] = await em.execute(COUNT_SQL, [JSON.stringify(places)]);
    return rows.map((row) => Object.fromEntries(FIGURES.map((name) => [name, row[name]])));
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<PublicSecurityFigures, 'suppressed'>), suppressed }),
};

/** Public security's part of grid's region figures, counted over its own records. */
export const RegionStatsResolver = regionFiguresResolver(RegionFigures, PublicSecurityFigures, publicSecurityFigures, 'Public-security figures (公安统计)');

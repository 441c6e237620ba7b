import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { PublicSecurityFigures } from '../entities/public-security-figures';
import { RegionFigures } from '../entities/region-figures';
import { RENTAL_HAS_UNREGISTERED_TENANT, RENTAL_INSPECTION_DUE } from '../supervision';

const at = (alias: string) => inPlaceSql({ building: `${alias}.building_id`, communityCode: `${alias}.community_code` });

/**
 * Every region of the request in ONE statement over public security's own permits, rentals and incidents (never
 * key persons). The reminder lists' rules, with the day asked in place of today: a holder's current permit is their
 * latest issue by then; a rental needs attention by supervision.ts. Months are UTC, like the lists' today.
 */
const COUNT_SQL = `
  with p as (select p.*, date_trunc('month', p.as_of::timestamp) at time zone 'UTC' as month_from, (p.as_of + 1)::timestamp at time zone 'UTC' as day_end
               from ${PLACES_SQL}),
  permits as (
    select p.i,
           count(distinct t.resident_id) filter (where t.expires_on >= p.as_of) as holders,
           count(*) filter (where t.expires_on between p.as_of and p.as_of + 30
                              and not exists (select 1 from residence_permit n where n.resident_id = t.resident_id and n.issued_on <= p.as_of and n.expires_on > t.expires_on)) as expiring
      from p join residence_permit t on ${at('t')}
     where t.issued_on <= p.as_of
     group by p.i),
  rentals as (
    select p.i, count(*) as rentals,
           count(*) filter (where ${RENTAL_HAS_UNREGISTERED_TENANT} or ${RENTAL_INSPECTION_DUE} < p.as_of) as attention
      from p join rental_housing t on ${at('t')}
     where t.registered_on is null or t.registered_on <= p.as_of
     group by p.i),
  incidents as (
    select p.i, count(*) as incidents
      from p join incident t on ${at('t')}
     where t.occurred_at >= p.month_from and t.occurred_at < p.day_end
     group by p.i)
  select p.i, coalesce(pe.holders, 0)::int as "permitHolders", coalesce(pe.expiring, 0)::int as "permitsExpiring",
         coalesce(r.rentals, 0)::int as rentals, coalesce(r.attention, 0)::int as "rentalsNeedingAttention", coalesce(n.incidents, 0)::int as incidents
    from p left join permits pe on pe.i = p.i left join rentals r on r.i = p.i left join incidents n on n.i = p.i
   order by p.i`;

const FIGURES = ['permitHolders', 'permitsExpiring', 'rentals', 'rentalsNeedingAttention', 'incidents'] as const;

const publicSecurityFigures: FiguresSource<PublicSecurityFigures> = {
  field: 'publicSecurity',
  // the parts named here are subsets, not partitions: no figure is another's total minus the rest
  shape: { partitions: [] },
  async count(em, places) {
    const rows: Record<string, number>[] = await em.getConnection().execute(COUNT_SQL, [JSON.stringify(places)]);
    return rows.map((row) => Object.fromEntries(FIGURES.map((name) => [name, row[name]])));
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<PublicSecurityFigures, 'suppressed'>), suppressed }),
};

/** Public security's part of grid's region figures, counted over its own records. */
export const RegionStatsResolver = regionFiguresResolver(RegionFigures, PublicSecurityFigures, publicSecurityFigures, 'Public-security figures (公安统计)');

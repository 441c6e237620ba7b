import { districtZone, IN_DISTRICT, ZONE_CTE } from '../../../lib/calendar';
import { recordKeySql } from '../../../lib/stats/cell-key';
import type { Cells } from '../../../lib/stats/disclosure';
import {
  keyedColumns,
  keyedCounts,
  keyedSums,
  recordKeyJoin,
  SECRET_CTE,
  withKeys,
} from '../../../lib/stats/keyed-counts';
import { type CommunityCounting, countPlacesByPrefix } from '../../../lib/stats/community-cache';
import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { PublicSecurityFigures } from '../entities/public-security-figures';
import { RegionFigures } from '../entities/region-figures';
import { PUBLIC_SECURITY_FIGURES } from '../figures';
import { disclosureShape, type FigureValues } from '../../../lib/stats/figures';
import { RENTAL_HAS_UNREGISTERED_TENANT, RENTAL_INSPECTION_DUE } from '../supervision';

/**
 * Every region of the request in ONE statement over public security's own permits, rentals and incidents (never
 * key persons). The reminder lists' rules, with the day asked in place of today: a holder's current permit is their
 * latest issue by then; a rental needs attention by supervision.ts. Months and days are the district's (lib/calendar), like the lists' today. Each table
 * is counted once per building (and day), then the buildings are summed per place: a permit holder counts in the
 * building of their permit.
 */
/** a permit cancelled (居住证注销) on or before the day asked holds nothing from that day on */
const cancelledByDay = (permit: string) =>
  `exists (select 1 from change_history x where x.record_id = ${permit}.id and x.action = 'PERMIT_CANCELLED' and x.effective_on <= d.as_of)`;
const EXPIRING = `t.expires_on between d.as_of and d.as_of + 30
  and not exists (select 1 from residence_permit n where n.resident_id = t.resident_id and n.issued_on <= d.as_of and n.expires_on > t.expires_on and not ${cancelledByDay('n')})`;
const ATTENTION = `${RENTAL_HAS_UNREGISTERED_TENANT} or ${RENTAL_INSPECTION_DUE} < d.as_of`;
const COUNTED = ['holders', 'expiring', 'rentals', 'attention', 'incidents'] as const;

/** Each table counted once per building (and day) of the places `inPlaces` admits (a condition on the record `t`). */
const perBuildingSql = (inPlaces: string) => `
  per_building as (
    select d.as_of, t.building_id, t.community_code,
           count(distinct t.resident_id) filter (where t.expires_on >= d.as_of) as holders,
           sum(distinct h.rk) filter (where t.expires_on >= d.as_of) as "holders:key",
           count(*) filter (where ${EXPIRING}) as expiring, sum(k.rk) filter (where ${EXPIRING}) as "expiring:key",
           0 as rentals, 0 as "rentals:key", 0 as attention, 0 as "attention:key", 0 as incidents, 0 as "incidents:key"
      from d join residence_permit t on t.issued_on <= d.as_of and ${inPlaces}
       and not ${cancelledByDay('t')}
      ${recordKeyJoin('t.id')} cross join lateral (select ${recordKeySql('t.resident_id', 'secret.secret')} as rk offset 0) h
     group by d.as_of, t.building_id, t.community_code
    union all
    -- a rental with no registration date is registered on no day (not counted in rentals) and needs attention on every one
    select d.as_of, t.building_id, t.community_code, 0, 0, 0, 0, ${keyedCounts({ rentals: 't.registered_on is not null', attention: ATTENTION })}, 0, 0
      from d join rental_housing t on (t.registered_on is null or t.registered_on <= d.as_of) and ${inPlaces}
      ${recordKeyJoin('t.id')}
     group by d.as_of, t.building_id, t.community_code
    union all
    select d.as_of, t.building_id, t.community_code, 0, 0, 0, 0, 0, 0, 0, 0, ${keyedCounts({ incidents: 'true' })}
      from d join incident t on t.occurred_at >= d.month_from and t.occurred_at < d.day_end and ${inPlaces}
      ${recordKeyJoin('t.id')}
     group by d.as_of, t.building_id, t.community_code)`;

const COUNT_SQL = `
  with ${SECRET_CTE}, ${ZONE_CTE},
  p as (select * from ${PLACES_SQL}),
  -- grids and micro-grids (communities and above come from the kept figures): per day, the month and end of the day,
  -- and the batch's buildings, to read only their records (by index)
  d as (select as_of, date_trunc('month', as_of::timestamp) ${IN_DISTRICT} as month_from, (as_of + 1)::timestamp ${IN_DISTRICT} as day_end,
               coalesce(array_agg(b) filter (where b is not null), '{}') as buildings
          from p left join lateral unnest(p.buildings) b on true
         group by as_of),
  ${perBuildingSql('t.building_id = any(d.buildings)')},
  per_place as (
    select p.i, ${keyedSums(COUNTED, 'b')}
      from p join per_building b on b.as_of = p.as_of and ${inPlaceSql({ building: 'b.building_id', communityCode: 'b.community_code' })}
     group by p.i)
  select p.i, ${keyedColumns(COUNTED, 'c')}
    from p left join per_place c on c.i = p.i
   order by p.i`;

/**
 * The same per community, for the figures kept per community and day (lib/stats/community-cache.ts): still counted
 * per building first, so a permit holder counts in each building of their permits exactly as above.
 */
export const PER_COMMUNITY: CommunityCounting = {
  sql: (inWanted) => ({
    ctes: `${ZONE_CTE},
  d as (select as_of, date_trunc('month', as_of::timestamp) ${IN_DISTRICT} as month_from, (as_of + 1)::timestamp ${IN_DISTRICT} as day_end
          from (select ?::date as as_of) x),
  ${perBuildingSql(inWanted('t.community_code'))}`,
    select: `select b.community_code, ${keyedSums(COUNTED, 'b')} from per_building b group by b.community_code`,
  }),
  params: (day) => [districtZone(), day],
  variant: () => districtZone(),
};

/** the statement's names → the figures' (declared in ../figures.ts) */
const FIGURES: Record<(typeof COUNTED)[number], keyof Figures> = {
  holders: 'permitHolders',
  expiring: 'permitsExpiring',
  rentals: 'rentals',
  attention: 'rentalsNeedingAttention',
  incidents: 'incidents',
};
type Figures = FigureValues<typeof PUBLIC_SECURITY_FIGURES>;

const publicSecurityFigures: FiguresSource<Figures> = {
  field: 'publicSecurity',
  shape: disclosureShape(PUBLIC_SECURITY_FIGURES),
  async count(em, places, secret) {
    const named = (row: Cells) =>
      Object.fromEntries(
        Object.entries(FIGURES).flatMap(([column, name]) => [
          [name, row[column]],
          [`${name}:key`, row[`${column}:key`]],
        ]),
      );
    const kept = await countPlacesByPrefix(em, PER_COMMUNITY, places, secret, withKeys(COUNTED));
    const rows = kept.rows.map((cells) => cells && named(cells));
    const { byBuildings } = kept;
    if (byBuildings.length) {
      const counted: Cells[] = await em.execute(COUNT_SQL, [
        secret,
        districtZone(),
        JSON.stringify(byBuildings.map((p, i) => ({ ...p, i }))),
      ]);
      counted.forEach((row, i) => {
        rows[byBuildings[i].i] = named(row);
      });
    }
    return rows;
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<Figures, 'suppressed'>), suppressed }),
};

/** Public security's part of grid's region figures, counted over its own records. */
export const RegionStatsResolver = regionFiguresResolver(
  RegionFigures,
  PublicSecurityFigures,
  publicSecurityFigures,
  'Public-security figures (公安统计)',
);

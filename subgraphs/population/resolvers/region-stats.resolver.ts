import { pgKeyArray } from '../../../lib/cohort/keys';
import { type CommunityCounting, countPlacesByPrefix } from '../../../lib/stats/community-cache';
import type { Cells } from '../../../lib/stats/disclosure';
import {
  keyedColumns,
  keyedCounts,
  keyedSums,
  recordKeyJoin,
  SECRET_CTE,
  withKeys,
} from '../../../lib/stats/keyed-counts';
import {
  byDay,
  type FiguresSource,
  inPlaceSql,
  PLACES_SQL,
  regionFiguresResolver,
} from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { PopulationFigures } from '../entities/population-figures';
import { ACTIVE_BY_THE_DAY, POPULATION_FIGURES } from '../figures';
import { reverificationCutoff } from '../reverification';
import { countConditions, disclosureShape, figureNames, type FigureValues } from '../../../lib/stats/figures';

const IN_PLACE = inPlaceSql({ building: 'c.id', communityCode: 'c.community_code' });
/** the buildings of the batch's grids and micro-grids, as a condition the planner can estimate (an array of keys) */
const IN_ANY_PLACE = 'b.id = any(?::uuid[])';

/**
 * The flats of building `b`, read by its index: a grid's hundred buildings hold a few thousand of the register's 395,000
 * flats, which the planner, costing each index read as a random page, would rather find by reading all of them.
 */
const HOUSEHOLDS_OF_BUILDING = (alias: string) =>
  `cross join lateral (select * from household x where x.building_id = b.id offset 0) ${alias}`;

const RESIDENTS = Object.keys(countConditions(POPULATION_FIGURES, 'resident'));
const HOUSEHOLDS = Object.keys(countConditions(POPULATION_FIGURES, 'household'));

/**
 * Every grid and micro-grid of the request in ONE statement (communities and above come from the kept figures,
 * PER_COMMUNITY below): the active residents of the batch's buildings are counted per
 * building in one join (ages as of the day asked, by birth-date bounds), and the flats per building with the number of
 * active residents in each (`hh.active_residents`, from one grouped pass over the same residents rather than a count
 * per flat; `a.reverify_before`, the instant before which a resident's facts are due for re-verification on the day),
 * then the buildings are summed per place. Counting each place in a subquery of its own would read the register once
 * per child region. For an analytics identity each count carries the sum of its records' keys (lib/stats/keyed-counts.ts):
 * residents by their id, households by theirs; an official's figures are exact, and their statement computes no key.
 * `a` is not materialized, so the planner sees the day in the residents' condition (a materialized one made it guess a
 * third of the register and sort a million rows on disk). The figures and their conditions are declared in ../figures.ts.
 */
function countSql(keyed: boolean): string {
  const key = keyed ? 'k.rk' : null;
  const keyJoin = (id: string) => (keyed ? recordKeyJoin(id) : '');
  return `
  with ${SECRET_CTE},
  a as not materialized (select ?::date as as_of, ?::timestamptz as reverify_before),
  per_building as (
    select b.id, b.community_code,
           ${keyedCounts(countConditions(POPULATION_FIGURES, 'resident'), key)}
      from a
      cross join lateral (select (a.as_of - interval '18 years')::date as y18, (a.as_of - interval '60 years')::date as y60, (a.as_of - interval '80 years')::date as y80) d
      join building b on ${IN_ANY_PLACE}
      ${HOUSEHOLDS_OF_BUILDING('hh')}
      join resident res on res.household_id = hh.id
      ${keyJoin('res.id')}
     where ${ACTIVE_BY_THE_DAY}
     group by b.id, b.community_code),
  active_per_household as (
    select res.household_id, count(*) as active_residents
      from a
      join building b on ${IN_ANY_PLACE}
      ${HOUSEHOLDS_OF_BUILDING('h')}
      join resident res on res.household_id = h.id
     where ${ACTIVE_BY_THE_DAY}
     group by res.household_id),
  per_building_households as (
    select b.id, b.community_code, ${keyedCounts(countConditions(POPULATION_FIGURES, 'household'), key)}
      from building b
      ${HOUSEHOLDS_OF_BUILDING('h')}
      left join active_per_household ah on ah.household_id = h.id
      cross join lateral (select coalesce(ah.active_residents, 0) as active_residents) hh
      ${keyJoin('h.id')}
     where ${IN_ANY_PLACE}
     group by b.id, b.community_code),
  p as (select * from ${PLACES_SQL}),
  residents as (select p.i, ${keyedSums(RESIDENTS, 'c')} from p join per_building c on ${IN_PLACE} group by p.i),
  households as (select p.i, ${keyedSums(HOUSEHOLDS, 'c')} from p join per_building_households c on ${IN_PLACE} group by p.i)
  select p.i,
         ${keyedColumns(RESIDENTS, 'r')},
         ${keyedColumns(HOUSEHOLDS, 'h')}
    from p left join residents r on r.i = p.i left join households h on h.i = p.i
   order by p.i`;
}
const COUNT_SQL = { keyed: countSql(true), exact: countSql(false) };

/**
 * The same counts per community, for the figures kept per community and day (lib/stats/community-cache.ts): a
 * district or a street sums its communities' kept rows, and only communities changed since are counted again.
 */
function perCommunity(keyed: boolean): CommunityCounting {
  const key = keyed ? 'k.rk' : null;
  const keyJoin = (id: string) => (keyed ? recordKeyJoin(id) : '');
  return {
    sql: (inWanted) => ({
      ctes: `
  a as not materialized (select ?::date as as_of, ?::timestamptz as reverify_before),
  residents as (
    select b.community_code, ${keyedCounts(countConditions(POPULATION_FIGURES, 'resident'), key)}
      from a
      cross join lateral (select (a.as_of - interval '18 years')::date as y18, (a.as_of - interval '60 years')::date as y60, (a.as_of - interval '80 years')::date as y80) d
      join building b on ${inWanted('b.community_code')}
      join household hh on hh.building_id = b.id
      join resident res on res.household_id = hh.id
      ${keyJoin('res.id')}
     where ${ACTIVE_BY_THE_DAY}
     group by b.community_code),
  active_per_household as (
    select res.household_id, count(*) as active_residents
      from a
      join building b on ${inWanted('b.community_code')}
      join household h on h.building_id = b.id
      join resident res on res.household_id = h.id
     where ${ACTIVE_BY_THE_DAY}
     group by res.household_id),
  households as (
    select b.community_code, ${keyedCounts(countConditions(POPULATION_FIGURES, 'household'), key)}
      from building b
      join household h on h.building_id = b.id
      left join active_per_household ah on ah.household_id = h.id
      cross join lateral (select coalesce(ah.active_residents, 0) as active_residents) hh
      ${keyJoin('h.id')}
     where ${inWanted('b.community_code')}
     group by b.community_code)`,
      select: `select coalesce(r.community_code, h.community_code) as community_code,
             ${withKeys(RESIDENTS)
               .map((n) => `r."${n}"`)
               .join(', ')},
             ${withKeys(HOUSEHOLDS)
               .map((n) => `h."${n}"`)
               .join(', ')}
        from residents r full join households h on h.community_code = r.community_code`,
    }),
    params: (day) => [day, reverificationCutoff(day)],
    variant: (day) => reverificationCutoff(day).toISOString(),
  };
}
export const PER_COMMUNITY = { keyed: perCommunity(true), exact: perCommunity(false) };

type Figures = FigureValues<typeof POPULATION_FIGURES>;
const FIGURES = figureNames(POPULATION_FIGURES);

const populationFigures: FiguresSource<Figures> = {
  field: 'population',
  shape: disclosureShape(POPULATION_FIGURES),
  async count(em, places, secret) {
    const counting = secret ? PER_COMMUNITY.keyed : PER_COMMUNITY.exact;
    const { rows, byBuildings } = await countPlacesByPrefix(em, counting, places, secret, withKeys(FIGURES));
    // grids and micro-grids: one statement per day counted (a request asks for one)
    for (const [day, ofDay] of byDay(byBuildings)) {
      const buildings = pgKeyArray(ofDay.flatMap((p) => p.buildings ?? []));
      const answer: Cells[] = await em.execute(secret ? COUNT_SQL.keyed : COUNT_SQL.exact, [
        secret,
        day,
        reverificationCutoff(day),
        buildings,
        buildings,
        buildings,
        JSON.stringify(ofDay.map((p, i) => ({ ...p, i }))),
      ]);
      answer.forEach((row, i) => {
        rows[ofDay[i].i] = Object.fromEntries(withKeys(FIGURES).map((name) => [name, row[name]]));
      });
    }
    return rows;
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<Figures, 'suppressed'>), suppressed }),
};

/** Population's part of grid's region figures, counted over its own register. */
export const RegionStatsResolver = regionFiguresResolver(
  RegionFigures,
  PopulationFigures,
  populationFigures,
  'Population figures (人口统计)',
);

import { pgKeyArray } from '../../../lib/cohort/keys';
import { byDay, type FiguresSource, inPlaceSql, pgTextArray, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { PopulationFigures } from '../entities/population-figures';

const IN_PLACE = inPlaceSql({ building: 'c.id', communityCode: 'c.community_code' });
/** the buildings of any place of the batch, as conditions the planner can estimate: prefixes and keys as arrays */
const IN_ANY_PLACE = `(b.community_code like any(?::text[]) or b.id = any(?::uuid[]))`;

/**
 * Every region of the request in ONE statement: the active residents of the batch's buildings are counted per
 * building in one join (ages as of the day asked, by birth-date bounds), then the buildings are summed per place.
 * Counting each place in a subquery of its own would read the register once per child region.
 */
const COUNT_SQL = `
  with per_building as (
    select b.id, b.community_code,
           count(*) as residents,
           count(*) filter (where res.residence_status = 'REGISTERED') as registered,
           count(*) filter (where res.residence_status = 'FLOATING') as floating,
           count(*) filter (where res.residence_status = 'OVERSEAS') as overseas,
           count(*) filter (where res.birth_date > d.y18) as under18,
           count(*) filter (where res.birth_date <= d.y18 and res.birth_date > d.y60) as age18to59,
           count(*) filter (where res.birth_date <= d.y60 and res.birth_date > d.y80) as age60to79,
           count(*) filter (where res.birth_date <= d.y80) as age80plus,
           count(*) filter (where res.birth_date <= d.y80 and res.living_arrangement = 'ALONE') as alone80
      from (select ?::date as as_of) a
      cross join lateral (select (a.as_of - interval '18 years')::date as y18, (a.as_of - interval '60 years')::date as y60, (a.as_of - interval '80 years')::date as y80) d
      join building b on ${IN_ANY_PLACE}
      join household hh on hh.building_id = b.id
      join resident res on res.household_id = hh.id
     where res.status = 'ACTIVE' and res.birth_date <= a.as_of
     group by b.id, b.community_code),
  per_building_households as (
    select b.id, b.community_code, count(*) as households
      from building b join household hh on hh.building_id = b.id
     where ${IN_ANY_PLACE}
     group by b.id, b.community_code),
  p as (select * from ${PLACES_SQL}),
  residents as (
    select p.i, sum(c.residents) as residents, sum(c.registered) as registered, sum(c.floating) as floating, sum(c.overseas) as overseas,
           sum(c.under18) as under18, sum(c.age18to59) as age18to59, sum(c.age60to79) as age60to79, sum(c.age80plus) as age80plus, sum(c.alone80) as alone80
      from p join per_building c on ${IN_PLACE}
     group by p.i),
  households as (select p.i, sum(c.households) as households from p join per_building_households c on ${IN_PLACE} group by p.i)
  select p.i,
         coalesce(r.residents, 0)::int as residents,
         coalesce(r.registered, 0)::int as registered,
         coalesce(r.floating, 0)::int as floating,
         coalesce(r.overseas, 0)::int as overseas,
         coalesce(r.under18, 0)::int as under18,
         coalesce(r.age18to59, 0)::int as age18to59,
         coalesce(r.age60to79, 0)::int as age60to79,
         coalesce(r.age80plus, 0)::int as age80plus,
         coalesce(r.alone80, 0)::int as "livingAlone80plus",
         coalesce(h.households, 0)::int as households
    from p left join residents r on r.i = p.i left join households h on h.i = p.i
   order by p.i`;

const FIGURES = ['residents', 'registered', 'floating', 'overseas', 'under18', 'age18to59', 'age60to79', 'age80plus', 'livingAlone80plus', 'households'] as const;

const populationFigures: FiguresSource<PopulationFigures> = {
  field: 'population',
  shape: { partitions: [['residents', 'registered', 'floating', 'overseas'], ['residents', 'under18', 'age18to59', 'age60to79', 'age80plus']] },
  async count(em, places) {
    const rows: Record<string, number>[] = [];
    // one statement per day counted (a request asks for one)
    for (const [day, ofDay] of byDay(places)) {
      const prefixes = pgTextArray(ofDay.filter((p) => !p.buildings).map((p) => `${p.code}%`));
      const buildings = pgKeyArray(ofDay.flatMap((p) => p.buildings ?? []));
      const answer: Record<string, number>[] = await em.execute(COUNT_SQL, [day, prefixes, buildings, prefixes, buildings, JSON.stringify(ofDay.map((p, i) => ({ ...p, i })))]);
      answer.forEach((row, i) => (rows[ofDay[i].i] = Object.fromEntries(FIGURES.map((name) => [name, row[name]]))));
    }
    return rows;
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<PopulationFigures, 'suppressed'>), suppressed }),
};

/** Population's part of grid's region figures, counted over its own register. */
export const RegionStatsResolver = regionFiguresResolver(RegionFigures, PopulationFigures, populationFigures, 'Population figures (人口统计)');

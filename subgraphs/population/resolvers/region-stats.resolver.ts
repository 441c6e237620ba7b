import { type FiguresSource, inPlaceSql, PLACES_SQL, regionFiguresResolver } from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { PopulationFigures } from '../entities/population-figures';

const IN_PLACE = inPlaceSql({ building: 'b.id', communityCode: 'b.community_code' });

/**
 * Every region of the request in ONE statement: per place, a lateral pass over the active residents (and the
 * households) of its buildings; ages as of the day asked.
 */
const COUNT_SQL = `
  with p as (select * from ${PLACES_SQL})
  select r.*, h.households
    from p
    cross join lateral (
      select count(*)::int as residents,
             count(*) filter (where x.residence_status = 'REGISTERED')::int as registered,
             count(*) filter (where x.residence_status = 'FLOATING')::int as floating,
             count(*) filter (where x.residence_status = 'OVERSEAS')::int as overseas,
             count(*) filter (where x.age < 18)::int as under18,
             count(*) filter (where x.age between 18 and 59)::int as age18to59,
             count(*) filter (where x.age between 60 and 79)::int as age60to79,
             count(*) filter (where x.age >= 80)::int as age80plus,
             count(*) filter (where x.age >= 80 and x.living_arrangement = 'ALONE')::int as "livingAlone80plus"
        from (select res.residence_status, res.living_arrangement, extract(year from age(p.as_of, res.birth_date)) as age
                from building b join household hh on hh.building_id = b.id join resident res on res.household_id = hh.id
               where ${IN_PLACE} and res.status = 'ACTIVE' and res.birth_date <= p.as_of) x
    ) r
    cross join lateral (
      select count(*)::int as households from building b join household hh on hh.building_id = b.id where ${IN_PLACE}
    ) h
   order by p.i`;

const FIGURES = ['residents', 'registered', 'floating', 'overseas', 'under18', 'age18to59', 'age60to79', 'age80plus', 'livingAlone80plus', 'households'] as const;

const populationFigures: FiguresSource<PopulationFigures> = {
  field: 'population',
  shape: { partitions: [['residents', 'registered', 'floating', 'overseas'], ['residents', 'under18', 'age18to59', 'age60to79', 'age80plus']] },
  async count(em, places) {
    const rows: Record<string, number>[] = await em.getConnection().execute(COUNT_SQL, [JSON.stringify(places)]);
    return rows.map((row) => Object.fromEntries(FIGURES.map((name) => [name, row[name]])));
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<PopulationFigures, 'suppressed'>), suppressed }),
};

/** Population's part of grid's region figures, counted over its own register. */
export const RegionStatsResolver = regionFiguresResolver(RegionFigures, PopulationFigures, populationFigures, 'Population figures (人口统计)');

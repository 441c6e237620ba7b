import { pgKeyArray } from '../../../lib/cohort/keys';
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
  pgTextArray,
  PLACES_SQL,
  regionFiguresResolver,
} from '../../../lib/stats/region-figures';
import { RegionFigures } from '../entities/region-figures';
import { PopulationFigures } from '../entities/population-figures';

const IN_PLACE = inPlaceSql({ building: 'c.id', communityCode: 'c.community_code' });
/** the buildings of any place of the batch, as conditions the planner can estimate: prefixes and keys as arrays */
const IN_ANY_PLACE = `(b.community_code like any(?::text[]) or b.id = any(?::uuid[]))`;

/** Each figure counted over the active residents of a building, by its condition (ages as of the day, by birth-date bounds). */
const RESIDENT_FIGURES = {
  residents: 'true',
  registered: "res.residence_status = 'REGISTERED'",
  floating: "res.residence_status = 'FLOATING'",
  overseas: "res.residence_status = 'OVERSEAS'",
  under18: 'res.birth_date > d.y18',
  age18to59: 'res.birth_date <= d.y18 and res.birth_date > d.y60',
  age60to79: 'res.birth_date <= d.y60 and res.birth_date > d.y80',
  age80plus: 'res.birth_date <= d.y80',
  livingAlone80plus: "res.birth_date <= d.y80 and res.living_arrangement = 'ALONE'",
};
const RESIDENTS = Object.keys(RESIDENT_FIGURES);
const FIGURES = [...RESIDENTS, 'households'];

/**
 * Every region of the request in ONE statement: the active residents of the batch's buildings are counted per
 * building in one join (ages as of the day asked, by birth-date bounds), then the buildings are summed per place.
 * Counting each place in a subquery of its own would read the register once per child region. Each count carries
 * the sum of its records' keys (lib/stats/keyed-counts.ts): residents by their id, households by theirs.
 */
const COUNT_SQL = `
  with ${SECRET_CTE},
  per_building as (
    select b.id, b.community_code,
           ${keyedCounts(RESIDENT_FIGURES)}
      from (select ?::date as as_of) a
      cross join lateral (select (a.as_of - interval '18 years')::date as y18, (a.as_of - interval '60 years')::date as y60, (a.as_of - interval '80 years')::date as y80) d
      join building b on ${IN_ANY_PLACE}
      join household hh on hh.building_id = b.id
      join resident res on res.household_id = hh.id
      ${recordKeyJoin('res.id')}
     where res.status = 'ACTIVE' and res.birth_date <= a.as_of
     group by b.id, b.community_code),
  per_building_households as (
    select b.id, b.community_code, ${keyedCounts({ households: 'true' })}
      from building b join household hh on hh.building_id = b.id ${recordKeyJoin('hh.id')}
     where ${IN_ANY_PLACE}
     group by b.id, b.community_code),
  p as (select * from ${PLACES_SQL}),
  residents as (select p.i, ${keyedSums(RESIDENTS, 'c')} from p join per_building c on ${IN_PLACE} group by p.i),
  households as (select p.i, ${keyedSums(['households'], 'c')} from p join per_building_households c on ${IN_PLACE} group by p.i)
  select p.i,
         ${keyedColumns(RESIDENTS, 'r')},
         ${keyedColumns(['households'], 'h')}
    from p left join residents r on r.i = p.i left join households h on h.i = p.i
   order by p.i`;

const populationFigures: FiguresSource<PopulationFigures> = {
  field: 'population',
  shape: {},
  async count(em, places, secret) {
    const rows: Cells[] = [];
    // one statement per day counted (a request asks for one)
    for (const [day, ofDay] of byDay(places)) {
      const prefixes = pgTextArray(ofDay.filter((p) => !p.buildings).map((p) => `${p.code}%`));
      const buildings = pgKeyArray(ofDay.flatMap((p) => p.buildings ?? []));
      const answer: Cells[] = await em.execute(COUNT_SQL, [
        secret,
        day,
        prefixes,
        buildings,
        prefixes,
        buildings,
        JSON.stringify(ofDay.map((p, i) => ({ ...p, i }))),
      ]);
      answer.forEach((row, i) => {
        rows[ofDay[i].i] = Object.fromEntries(withKeys(FIGURES).map((name) => [name, row[name]]));
      });
    }
    return rows;
  },
  figures: ({ cells, suppressed }) => ({ ...(cells as Omit<PopulationFigures, 'suppressed'>), suppressed }),
};

/** Population's part of grid's region figures, counted over its own register. */
export const RegionStatsResolver = regionFiguresResolver(
  RegionFigures,
  PopulationFigures,
  populationFigures,
  'Population figures (人口统计)',
);

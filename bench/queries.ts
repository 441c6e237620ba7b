/**
 * What the bench asks: the same questions three ways — through a gateway (GraphQL), straight from the subgraphs in
 * the order the gateway's query plan takes (`_entities` requests), and as one SQL query over a single database.
 */

export { RESIDENT_360 } from '../queries';

/** Buildings on one page of the roster the bench asks for: a typical grid (7–14 buildings) in one request. */
export const ROSTER_PAGE = 10;

/** tests/roster.test.ts's query: a page of a region's buildings, their households and residents with every department's facts */
export const ROSTER = `query Roster($id: ID!, $first: Int = ${ROSTER_PAGE}, $after: String) {
  region(id: $id) {
    name
    buildings(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id address
        households {
          id room
          members { id name idNumber age registration { type } assistance { program status } grid { id } }
        }
      }
    }
  }
}`;

export const graphqlBody = (query: string, id: string) => JSON.stringify({ query, variables: { id } });

/**
 * Resident 360 fetched from the subgraphs as Apollo's query planner plans it (printed with @apollo/query-planner for
 * the committed supergraph): population first, then civil affairs, public security and grid in parallel, each given
 * the entity representations the plan passes (the resident with its building and community code, the building).
 */
export const DIRECT_360 = {
  population: `query Resident360__population__0($id: ID!) {
  resident(id: $id) { __typename id name idNumber gender birthDate household { id building { __typename id address communityCode } } }
}`,
  'civil-affairs': `query Resident360__civil_affairs__1($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Resident { assistance { program status monthlyAmount } } }
}`,
  'public-security': `query Resident360__public_security__2($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Resident { registration { type } } }
}`,
  grid: `query Resident360__grid__3($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Building { grid { id name level parent { name } } } }
}`,
};

/** Masks an ID number as the hub shows it to a grid leader: 110105************ (lib/codes/id-number.ts). */
const MASKED_ID = `overlay(r.id_number placing '************' from 7 for 12)`;

/**
 * The monolith's Resident 360: one statement over the four departments' schemas in one database, answering the same
 * JSON the gateway answers.
 */
export const MONOLITH_360 = `
select json_build_object(
  'id', r.id, 'name', r.name, 'idNumber', ${MASKED_ID}, 'gender', r.gender, 'birthDate', r.birth_date,
  'household', json_build_object('id', h.id, 'building', json_build_object('id', b.id, 'address', b.address,
    'grid', json_build_object('id', g.id, 'name', g.name, 'level', g.level, 'parent', json_build_object('name', c.name)))),
  'registration', json_build_object('type', hr.type),
  'assistance', coalesce((select json_agg(json_build_object('program', a.program, 'status', a.status, 'monthlyAmount', a.monthly_amount) order by a.id)
                            from civil_affairs.assistance_case a where a.resident_id = r.id), '[]')
) as resident
from population.resident r
left join population.household h on h.id = r.household_id
left join population.building b on b.id = h.building_id
left join grid.building_assignment ba on ba.building_id = b.id
left join grid.region m on m.id = ba.micro_grid_id
left join grid.region g on g.id = m.parent_id
left join grid.region c on c.id = g.parent_id
left join public_security.household_registration hr on hr.resident_id = r.id
where r.id = $1`;

/** The monolith's roster: the first page of the region's buildings (through its micro-grids), households and residents, in one statement. */
export const MONOLITH_ROSTER = `
with inside as (
  select b.id, b.address, m.parent_id as grid_id
    from grid.region rg
    join grid.region m on m.path ~>=~ rg.path and m.path ~<~ (left(rg.path, -1) || '0')
    join grid.building_assignment ba on ba.micro_grid_id = m.id
    join population.building b on b.id = ba.building_id
   where rg.id = $1)
select json_build_object('name', rg.name, 'buildings', json_build_object('totalCount', (select count(*) from inside), 'nodes', coalesce((
  select json_agg(json_build_object('id', b.id, 'address', b.address, 'households', coalesce((
    select json_agg(json_build_object('id', h.id, 'room', h.room, 'members', coalesce((
      select json_agg(json_build_object(
        'id', r.id, 'name', r.name, 'idNumber', ${MASKED_ID}, 'age', extract(year from age(current_date, r.birth_date))::int,
        'registration', json_build_object('type', hr.type),
        'assistance', coalesce((select json_agg(json_build_object('program', a.program, 'status', a.status))
                                  from civil_affairs.assistance_case a where a.resident_id = r.id), '[]'),
        'grid', json_build_object('id', b.grid_id)) order by r.id)
      from population.resident r left join public_security.household_registration hr on hr.resident_id = r.id
      where r.household_id = h.id), '[]')) order by h.id)
    from population.household h where h.building_id = b.id), '[]')) order by b.id)
  from (select * from inside order by id limit ${ROSTER_PAGE}) b), '[]'))) as roster
from grid.region rg
where rg.id = $1`;

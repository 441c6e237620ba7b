/**
 * Cohort scenarios (DESIGN.md 4.3): the same question through the gateway (the planner asks each department for its
 * section and joins the keys) and as one SQL statement over the monolith's one database. Each scenario varies one
 * parameter from request to request (a community, or the age bound), so no answer is served from a cache.
 */
import { addYears, today } from '../lib/calendar';
import { PLANNER } from '../lib/cohort/names';
import type { signerFor } from './auth';
import type { World } from '../runner/synthetic/world';

export interface CohortScenario {
  name: string;
  description: string;
  /** one GraphQL body per parameter value */
  bodies: string[];
  /** one SQL statement with $1, and the parameter values in the same order as the bodies */
  sql: string;
  params: string[];
}

const QUERY = `query Cohort($where: CohortFilter!) { cohort(where: $where, first: 20) { totalCount nodes { id } } }`;
const body = (where: object) => JSON.stringify({ query: QUERY, variables: { where } });

/** The birth date of someone turning `age` today (the planner and the monolith agree on "today" in the district). */
const bornBy = (age: number) => addYears(today(), -age);

/** `count` and the first page of ids, as the gateway answers them, from a `with m(id) as (…)` of the matches. */
const answer = (matches: string) =>
  `with m as (${matches}) select (select count(*) from m) as total, (select json_agg(id) from (select id from m order by id limit 20) p) as ids`;

const ACTIVE_RESIDENTS = `select r.id from population.resident r join population.household h on h.id = r.household_id join population.building b on b.id = h.building_id where r.status = 'ACTIVE'`;
const NO_ACTIVE_CASE = `not exists (select 1 from civil_affairs.assistance_case a where a.resident_id = r.id and a.status = 'ACTIVE')`;

export function cohortScenarios(world: World, pick: <T>(items: T[], count: number) => T[]): CohortScenario[] {
  const communities = pick(
    world.regions.filter((r) => r.level === 'COMMUNITY'),
    50,
  );
  const ages = [80, 81, 82, 83, 84, 85];
  return [
    {
      name: 'community 80+ alone, no assistance',
      description: 'population (age, living alone) + grid (a community) + NOT civil affairs (any active case)',
      bodies: communities.map((c) =>
        body({
          population: { minAge: 80, livingArrangement: 'ALONE' },
          grid: { regionId: c.id },
          civilAffairs: { not: true },
        }),
      ),
      sql: answer(`${ACTIVE_RESIDENTS} and r.birth_date <= '${bornBy(80)}' and r.living_arrangement = 'ALONE' and ${NO_ACTIVE_CASE}
        and b.id in (select a.building_id from grid.region c join grid.region m on m.path ~>=~ c.path and m.path ~<~ (left(c.path, -1) || '0')
                     join grid.building_assignment a on a.micro_grid_id = m.id where c.id = $1)`),
      params: communities.map((c) => c.id),
    },
    {
      name: 'district 80+ alone, no assistance',
      description: 'population (age, living alone) + NOT civil affairs, over the whole district',
      bodies: ages.map((age) =>
        body({ population: { minAge: age, livingArrangement: 'ALONE' }, civilAffairs: { not: true } }),
      ),
      sql: answer(
        `${ACTIVE_RESIDENTS} and r.birth_date <= $1::date and r.living_arrangement = 'ALONE' and ${NO_ACTIVE_CASE}`,
      ),
      params: ages.map(bornBy),
    },
    {
      name: 'selective public-security condition',
      description: 'public security (no household registration) + population (adults of an age and over)',
      bodies: ages.map((age) =>
        body({ publicSecurity: { registrationType: 'NONE' }, population: { minAge: age - 62 } }),
      ),
      sql: answer(`${ACTIVE_RESIDENTS} and r.birth_date <= $1::date
        and exists (select 1 from public_security.household_registration g where g.resident_id = r.id and g.type = 'NONE')`),
      params: ages.map((age) => bornBy(age - 62)),
    },
    {
      name: 'OR across departments',
      description: 'anyOf: civil affairs (特困, active) or population (age and over, partial self-care)',
      bodies: ages.map((age) =>
        body({
          anyOf: [
            { civilAffairs: { program: 'EXTREME_POVERTY' } },
            { population: { minAge: age + 5, selfCareAbility: 'PARTIAL' } },
          ],
        }),
      ),
      sql: answer(`${ACTIVE_RESIDENTS} and (exists (select 1 from civil_affairs.assistance_case a where a.resident_id = r.id and a.status = 'ACTIVE' and a.program = 'EXTREME_POVERTY')
        or (r.birth_date <= $1::date and r.self_care_ability = 'PARTIAL'))`),
      params: ages.map((age) => bornBy(age + 5)),
    },
  ];
}

export interface PlanReport {
  /** departments in the order the planner asked them for keys (estimates left out) */
  order: string[];
  /** packed key bytes moved between the planner and the departments for one answer */
  keyBytes: number;
  total: number;
}

/**
 * Asks the planner itself (the gateway's `/subgraphs/cohort` endpoint, with an identity the bench signs for it) so its
 * account of the plan comes back: which department was asked first and how many key bytes moved.
 */
export async function planOf(
  gatewayUrl: string,
  sign: Awaited<ReturnType<typeof signerFor>>,
  graphqlBody: string,
): Promise<PlanReport> {
  const url = gatewayUrl.replace(/\/graphql$/, `/subgraphs/${PLANNER}/graphql`);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await sign(PLANNER, graphqlBody)) },
    body: graphqlBody,
  });
  const answer = (await res.json()) as {
    data?: { cohort: { totalCount: number } };
    errors?: unknown[];
    extensions?: { plan?: { department: string; estimateOnly: boolean; keyBytes: number }[] };
  };
  if (!answer.data) throw new Error(`the planner did not answer: ${JSON.stringify(answer.errors)}`);
  const steps = answer.extensions?.plan ?? [];
  return {
    order: steps.filter((s) => !s.estimateOnly).map((s) => s.department),
    keyBytes: steps.reduce((sum, s) => sum + s.keyBytes, 0),
    total: answer.data.cohort.totalCount,
  };
}

import { Field, ID, InputType, Int } from 'type-graphql';
import { type CohortSection, NOT_DESCRIPTION } from '../../lib/cohort/match';
import { keyRows, keyRowsParam } from '../../lib/cohort/keys';
import { scopeSql } from '../../lib/auth/scope-sql';
import { statisticsScope } from '../../lib/stats/disclosure';
import { requireId } from '../../lib/errors';
import { LocalDate } from '../../lib/graphql/scalars';
import { verifiedBeforeInstant } from './reverification';
import { Education, EmploymentStatus, MaritalStatus, PoliticalStatus } from './entities/enums';
import { MARITAL_STATUS_RULE, POLITICAL_STATUS_RULE } from './entities/resident';
import { ResidentConditions } from './resolvers/resident.inputs';
import { birthDateBounds } from './resolvers/resident.resolver';

/** The cohort section of population: the conditions a resident list takes, and more. */
@InputType('PopulationCohort', {
  description:
    'Population’s conditions of a cohort (人口): residents on the active register; all given conditions must hold',
})
export class PopulationCohort extends ResidentConditions {
  @Field({ nullable: true, description: NOT_DESCRIPTION })
  not?: boolean;

  @Field({ nullable: true, description: 'GB/T 3304 ethnicity code, e.g. "01" 汉族' })
  ethnicityCode?: string;

  @Field(() => Education, { nullable: true })
  education?: Education;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus?: EmploymentStatus;

  @Field(() => MaritalStatus, { nullable: true, description: 'Conditionally shared, like Resident.maritalStatus' })
  maritalStatus?: MaritalStatus;

  @Field(() => PoliticalStatus, { nullable: true, description: 'Conditionally shared, like Resident.politicalStatus' })
  politicalStatus?: PoliticalStatus;

  @Field({ nullable: true })
  healthInsurance?: boolean;

  @Field({ nullable: true })
  pensionInsurance?: boolean;

  @Field({ nullable: true })
  unemploymentInsurance?: boolean;

  @Field(() => Int, { nullable: true, description: 'Members of the household on the active register, at least' })
  minHouseholdSize?: number;

  @Field(() => Int, { nullable: true, description: 'Members of the household on the active register, at most' })
  maxHouseholdSize?: number;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Facts last confirmed (核实, Resident.lastVerifiedAt) before the start of this day in the district: due for re-verification (每两个月更新一次) on a day D is verifiedBefore D − HUB_REVERIFY_DAYS',
  })
  verifiedBefore?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Living in the building of this organization (辖区单位), e.g. its staff dormitory',
  })
  organizationBuildingOf?: string;
}

const COLUMNS: [keyof PopulationCohort, string][] = [
  ['gender', 'r.gender'],
  ['ethnicityCode', 'r.ethnicity_code'],
  ['residenceStatus', 'r.residence_status'],
  ['livingArrangement', 'r.living_arrangement'],
  ['selfCareAbility', 'r.self_care_ability'],
  ['education', 'r.education'],
  ['employmentStatus', 'r.employment_status'],
  ['maritalStatus', 'r.marital_status'],
  ['politicalStatus', 'r.political_status'],
  ['healthInsurance', 'r.health_insurance'],
  ['pensionInsurance', 'r.pension_insurance'],
  ['unemploymentInsurance', 'r.unemployment_insurance'],
];

const HOUSEHOLD_SIZE = `(select count(*) from resident m where m.household_id = r.household_id and m.status = 'ACTIVE')`;

/**
 * Residents on the active register inside the caller's scope: population is the one department that knows where a
 * resident lives, so every cohort passes through here, and grid's places arrive as the buildings and households to keep.
 */
export const populationCohort: CohortSection<PopulationCohort> = {
  input: PopulationCohort,
  keyType: 'Resident',
  rules: { maritalStatus: MARITAL_STATUS_RULE, politicalStatus: POLITICAL_STATUS_RULE },
  query(where, ctx, { buildings, households }) {
    const scope = scopeSql(statisticsScope(ctx.identity), { building: 'b.id', communityCode: 'b.community_code' });
    const clauses = [`r.status = 'ACTIVE'`, scope.sql];
    const params: unknown[] = [...scope.params];
    const add = (sql: string, ...values: unknown[]) => (clauses.push(sql), params.push(...values));
    for (const [key, column] of COLUMNS) if (where[key] != null) add(`${column} = ?`, where[key]);
    const born = birthDateBounds(where.minAge, where.maxAge, 'where.population');
    if (born.onOrBefore) add('r.birth_date <= ?', born.onOrBefore);
    if (born.onOrAfter) add('r.birth_date >= ?', born.onOrAfter);
    if (where.minHouseholdSize != null) add(`${HOUSEHOLD_SIZE} >= ?`, where.minHouseholdSize);
    if (where.maxHouseholdSize != null) add(`${HOUSEHOLD_SIZE} <= ?`, where.maxHouseholdSize);
    if (where.verifiedBefore) add('r.last_verified_at < ?', verifiedBeforeInstant(where.verifiedBefore));
    if (where.buildingId) add('b.id = ?', requireId(where.buildingId, 'where.population.buildingId'));
    if (where.organizationBuildingOf)
      add(
        'b.id = (select o.building_id from organization o where o.id = ?)',
        requireId(where.organizationBuildingOf, 'where.population.organizationBuildingOf'),
      );
    // grid's places start the statement: from them to their households and residents by index (lib/cohort/keys.ts)
    const places = [
      ...(buildings ? [{ sql: `join ${keyRows('pb')} on pb.id = b.id`, keys: buildings }] : []),
      ...(households ? [{ sql: `join ${keyRows('ph')} on ph.id = h.id`, keys: households }] : []),
    ];
    return {
      sql: `select r.id as k from resident r join household h on h.id = r.household_id join building b on b.id = h.building_id ${places.map((p) => p.sql).join(' ')} where ${clauses.join(' and ')}`,
      params: [...places.map((p) => keyRowsParam(p.keys)), ...params],
    };
  },
};

import { Field, InputType, Int } from 'type-graphql';
import { type CohortSection, CohortSectionInput } from '../../lib/cohort/match';
import { badInput } from '../../lib/errors';
import { WELFARE } from './access';
import { AssistanceProgram, AssistanceStatus } from './entities/enums';
import { DisabilityType, SpecialCareCategory } from './entities/welfare-enums';
import { WAITING } from './service-workflow';

@InputType('CivilAffairsCohort', {
  description:
    'Civil affairs’ conditions of a cohort (民政); all given conditions must hold. program / status: an assistance case of this program and status (ACTIVE when only program is given; any active case when the section is empty). With not: true, the residents who do not match',
})
export class CivilAffairsCohort extends CohortSectionInput {
  @Field(() => AssistanceProgram, {
    nullable: true,
    description: 'e.g. MINIMUM_LIVING (低保); any program when left out',
  })
  program?: AssistanceProgram;

  @Field(() => AssistanceStatus, {
    nullable: true,
    description: 'Default ACTIVE (享受中): receiving the assistance now',
  })
  status?: AssistanceStatus;

  @Field({
    nullable: true,
    description: 'true: holds a disability certificate (持残疾人证), of any category and grade',
  })
  disabled?: boolean;

  @Field(() => DisabilityType, { nullable: true, description: 'Category of disability (残疾类别), GB/T 26341' })
  disabilityType?: DisabilityType;

  @Field(() => Int, {
    nullable: true,
    description: 'Grade of disability at most this (1 is the most severe): 2 gives 一级 and 二级 (重度残疾)',
  })
  maxDisabilityGrade?: number;

  @Field({ nullable: true, description: 'true: receives the old-age allowance (高龄津贴) now' })
  elderlyAllowance?: boolean;

  @Field({ nullable: true, description: 'true: receives at least one home-care service (居家养老服务)' })
  homeCare?: boolean;

  @Field(() => SpecialCareCategory, {
    nullable: true,
    description: 'Recognised for special care (优抚) of this category',
  })
  specialCare?: SpecialCareCategory;

  @Field({
    nullable: true,
    description:
      'true: has an application waiting: a service application not yet completed or rejected, or an assistance application not yet decided',
  })
  applicationsPending?: boolean;
}

type Select = { sql: string; params: unknown[] };

/**
 * Each condition is one `select resident_id` over this department's own tables; the section is their intersection.
 * Adding a condition: a field above, its select below, and its rule in `rules`.
 */
function selects(where: CivilAffairsCohort): Select[] {
  const out: Select[] = [];
  const welfare = [
    'disabled',
    'disabilityType',
    'maxDisabilityGrade',
    'elderlyAllowance',
    'homeCare',
    'specialCare',
    'applicationsPending',
  ] as const;
  const anyWelfare = welfare.some((k) => where[k] != null);
  if (where.program || where.status || !anyWelfare) {
    const clauses = ['c.status = ?'];
    const params: unknown[] = [where.status ?? AssistanceStatus.ACTIVE];
    if (where.program) clauses.push('c.program = ?'), params.push(where.program);
    out.push({
      sql: `select distinct c.resident_id as k from assistance_case c where ${clauses.join(' and ')}`,
      params,
    });
  }
  for (const key of ['disabled', 'elderlyAllowance', 'homeCare', 'applicationsPending'] as const) {
    if (where[key] === false)
      throw badInput(
        `where.civilAffairs.${key} takes true only; for "not", use not: true`,
        `where.civilAffairs.${key}`,
      );
  }
  if (where.disabled || where.disabilityType || where.maxDisabilityGrade != null) {
    const clauses = ['true'];
    const params: unknown[] = [];
    if (where.disabilityType) clauses.push('d.type = ?'), params.push(where.disabilityType);
    if (where.maxDisabilityGrade != null) {
      if (where.maxDisabilityGrade < 1 || where.maxDisabilityGrade > 4)
        throw badInput('where.civilAffairs.maxDisabilityGrade must be 1 to 4', 'where.civilAffairs.maxDisabilityGrade');
      clauses.push('d.grade <= ?'), params.push(where.maxDisabilityGrade);
    }
    out.push({ sql: `select distinct d.resident_id as k from disability d where ${clauses.join(' and ')}`, params });
  }
  if (where.elderlyAllowance)
    out.push({ sql: 'select a.resident_id as k from elderly_allowance a where a.ends_on is null', params: [] });
  if (where.homeCare)
    out.push({
      sql: 'select distinct h.resident_id as k from home_care_service h where h.ends_on is null',
      params: [],
    });
  if (where.specialCare)
    out.push({
      sql: 'select distinct s.resident_id as k from special_care s where s.category = ?',
      params: [where.specialCare],
    });
  if (where.applicationsPending) {
    out.push({
      sql: `select s.resident_id as k from service_application s where s.status = any(?::text[]) union select c.resident_id from assistance_case c where c.status in ('APPLIED', 'REVIEWING', 'VERIFIED')`,
      params: [`{${WAITING.join(',')}}`],
    });
  }
  return out;
}

/** Residents matching every condition given, from civil affairs' own records. */
export const civilAffairsCohort: CohortSection<CivilAffairsCohort> = {
  input: CivilAffairsCohort,
  keyType: 'Resident',
  rules: {
    disabled: WELFARE,
    disabilityType: WELFARE,
    maxDisabilityGrade: WELFARE,
    elderlyAllowance: WELFARE,
    homeCare: WELFARE,
    specialCare: WELFARE,
    applicationsPending: WELFARE,
  },
  query(where) {
    const parts = selects(where);
    return { sql: parts.map((p) => `(${p.sql})`).join(' intersect '), params: parts.flatMap((p) => p.params) };
  },
};

import { Field, InputType } from 'type-graphql';
import { type CohortSection, CohortSectionInput } from '../../lib/cohort/match';
import { AssistanceProgram, AssistanceStatus } from './entities/enums';

@InputType('CivilAffairsCohort', {
  description: 'Civil affairs’ conditions of a cohort (民政): residents with an assistance case of this program and status (any program when none is given); with not: true, the residents without one',
})
export class CivilAffairsCohort extends CohortSectionInput {
  @Field(() => AssistanceProgram, { nullable: true, description: 'e.g. MINIMUM_LIVING (低保); any program when left out' })
  program?: AssistanceProgram;

  @Field(() => AssistanceStatus, { nullable: true, description: 'Default ACTIVE (享受中): receiving the assistance now' })
  status?: AssistanceStatus;
}

/** Applicants with a case of the program and status asked (a household's 低保 case is filed under its applicant). */
export const civilAffairsCohort: CohortSection<CivilAffairsCohort> = {
  input: CivilAffairsCohort,
  keyType: 'Resident',
  query(where) {
    const clauses = ['c.status = ?'];
    const params: unknown[] = [where.status ?? AssistanceStatus.ACTIVE];
    if (where.program) clauses.push('c.program = ?'), params.push(where.program);
    return { sql: `select distinct c.resident_id as k from assistance_case c where ${clauses.join(' and ')}`, params };
  },
};

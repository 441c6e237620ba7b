import { Field, InputType } from 'type-graphql';
import { type CohortSection, CohortSectionInput } from '../../lib/cohort/match';
import { KeyPersonCategory, RegistrationType, RiskLevel } from './entities/enums';
import { KEY_PERSON_DATA } from './entities/key-person';

@InputType('KeyPersonCohort', { description: 'Under supervision as a key person now (重点人员), of this category and risk level if given' })
export class KeyPersonCohort {
  @Field(() => KeyPersonCategory, { nullable: true })
  category?: KeyPersonCategory;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel;
}

@InputType('PublicSecurityCohort', { description: 'Public security’s conditions of a cohort (公安); all given conditions must hold' })
export class PublicSecurityCohort extends CohortSectionInput {
  @Field(() => RegistrationType, { nullable: true, description: 'Kind of household registration (户籍类别)' })
  registrationType?: RegistrationType;

  @Field(() => KeyPersonCohort, { nullable: true, description: 'Key-person conditions: PUBLIC_SECURITY identities only' })
  keyPerson?: KeyPersonCohort;
}

/** Residents by their household registration and, for public security's own roles, their key-person record. */
export const publicSecurityCohort: CohortSection<PublicSecurityCohort> = {
  input: PublicSecurityCohort,
  keyType: 'Resident',
  rules: { keyPerson: KEY_PERSON_DATA },
  query(where) {
    const clauses = ['true'];
    const params: unknown[] = [];
    if (where.registrationType) clauses.push('g.type = ?'), params.push(where.registrationType);
    if (where.keyPerson) {
      const person = ['p.resident_id = g.resident_id', 'p.active'];
      if (where.keyPerson.category) person.push('p.category = ?'), params.push(where.keyPerson.category);
      if (where.keyPerson.riskLevel) person.push('p.risk_level = ?'), params.push(where.keyPerson.riskLevel);
      clauses.push(`exists (select 1 from key_person p where ${person.join(' and ')})`);
    }
    return { sql: `select g.resident_id as k from household_registration g where ${clauses.join(' and ')}`, params };
  },
};

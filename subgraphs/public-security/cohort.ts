import { Field, InputType, registerEnumType } from 'type-graphql';
import { type CohortSection, CohortSectionInput } from '../../lib/cohort/match';
import { badInput } from '../../lib/errors';
import { LocalDate } from '../../lib/graphql/scalars';
import { IncidentType, KeyPersonCategory, RegistrationType, RiskLevel } from './entities/enums';
import { INCIDENT_DETAILS } from './entities/incident';
import { KEY_PERSON_DATA } from './entities/key-person';

@InputType('KeyPersonCohort', {
  description: 'Under supervision as a key person now (重点人员), of this category and risk level if given',
})
export class KeyPersonCohort {
  @Field(() => KeyPersonCategory, { nullable: true })
  category?: KeyPersonCategory;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel;
}

export enum RentalRole {
  TENANT = 'TENANT',
  LANDLORD = 'LANDLORD',
}
registerEnumType(RentalRole, {
  name: 'RentalRole',
  description: 'How a resident is tied to a rental (出租房屋)',
  valuesConfig: { TENANT: { description: '租客 (living there now)' }, LANDLORD: { description: '房东' } },
});

@InputType('IncidentCohort', {
  description: 'Involved in an incident (涉警) from `from` up to `to`, of this type if given',
})
export class IncidentCohort {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => IncidentType, { nullable: true })
  type?: IncidentType;
}

@InputType('PublicSecurityCohort', {
  description: 'Public security’s conditions of a cohort (公安); all given conditions must hold',
})
export class PublicSecurityCohort extends CohortSectionInput {
  @Field(() => RegistrationType, { nullable: true, description: 'Kind of household registration (户籍类别)' })
  registrationType?: RegistrationType;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'Whose current residence permit (居住证, the latest issued) expires before this day, expired ones included',
  })
  residencePermitExpiresBefore?: string;

  @Field(() => RentalRole, { nullable: true, description: 'A current tenant, or a landlord, of a rental (出租房屋)' })
  rental?: RentalRole;

  @Field(() => IncidentCohort, {
    nullable: true,
    description: 'Involved in an incident in a period: PUBLIC_SECURITY identities only',
  })
  incident?: IncidentCohort;

  @Field(() => KeyPersonCohort, {
    nullable: true,
    description: 'Key-person conditions: PUBLIC_SECURITY identities only',
  })
  keyPerson?: KeyPersonCohort;
}

/** Residents by their household registration, permit and rentals, and for public security's own roles, incidents and key-person records. */
export const publicSecurityCohort: CohortSection<PublicSecurityCohort> = {
  input: PublicSecurityCohort,
  keyType: 'Resident',
  rules: { keyPerson: KEY_PERSON_DATA, incident: INCIDENT_DETAILS },
  query(where) {
    const clauses = ['true'];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => (clauses.push(sql), params.push(...values));
    if (where.registrationType) add('g.type = ?', where.registrationType);
    if (where.residencePermitExpiresBefore) {
      add(
        `(select max(p.expires_on) from residence_permit p where p.resident_id = g.resident_id and p.recorded_status <> 'CANCELLED') < ?::date`,
        where.residencePermitExpiresBefore,
      );
    }
    if (where.rental === RentalRole.TENANT)
      add('exists (select 1 from rental_tenancy t where t.resident_id = g.resident_id and t.moved_out_on is null)');
    if (where.rental === RentalRole.LANDLORD)
      add('exists (select 1 from rental_housing h where h.landlord_id = g.resident_id)');
    if (where.incident) {
      const { from, to, type } = where.incident;
      if (!(from < to))
        throw badInput('where.publicSecurity.incident.from must be before to', 'where.publicSecurity.incident.from');
      const incident = ['i.id = x.incident_id', 'i.occurred_at >= ?', 'i.occurred_at < ?'];
      const values: unknown[] = [from, to];
      if (type) incident.push('i.type = ?'), values.push(type);
      add(
        `exists (select 1 from incident_party x join incident i on ${incident.join(' and ')} where x.resident_id = g.resident_id)`,
        ...values,
      );
    }
    if (where.keyPerson) {
      const person = ['p.resident_id = g.resident_id', 'p.active'];
      if (where.keyPerson.category) person.push('p.category = ?'), params.push(where.keyPerson.category);
      if (where.keyPerson.riskLevel) person.push('p.risk_level = ?'), params.push(where.keyPerson.riskLevel);
      clauses.push(`exists (select 1 from key_person p where ${person.join(' and ')})`);
    }
    return { sql: `select g.resident_id as k from household_registration g where ${clauses.join(' and ')}`, params };
  },
};

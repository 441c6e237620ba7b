import { Check, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { LocalDate } from '../../../lib/graphql/scalars';
import { PermitReason, PermitStatus } from './enums';
import { Collect } from '../../../lib/auth/collect';

/**
 * A residence permit (居住证) of a floating resident, valid a year and renewed (签注) yearly: each issue is a row, the
 * latest is the resident's permit. Scoped by the place it was issued for (居住地), the resident's building then.
 * `resident` and `employerOrganization` are field resolvers (keys of population's records).
 */
@ObjectType({ description: 'A residence permit (居住证) of a floating resident' })
@PersonalData<ResidencePermit>({ location: placeOfRecord })
@Collect({
  collect: 'NONE',
  note: 'issued, renewed and cancelled by the police on the resident’s own application and documents (居住证暂行条例)',
})
@Entity({ tableName: 'residence_permit' })
@Index({ properties: ['expiresOn'] })
@Check({ name: 'residence_permit_expires_after_issue', expression: 'expires_on > issued_on' })
export class ResidencePermit {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** population's resident key; a plain column, not a foreign key */
  @Index()
  @Property({ type: 'uuid' })
  residentId!: string;

  @Field({ description: 'Permit number (居住证号)' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @Field(() => LocalDate, {
    description:
      'Issued on (签发日期); a renewal recorded here (renewResidencePermit) keeps it and is in `history` (the register’s older renewals are rows of their own)',
  })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => LocalDate, { description: 'Valid until (有效期至)' })
  @Property({ type: 'date' })
  expiresOn!: string;

  /** ISSUED, RENEWED or CANCELLED as recorded; EXPIRED is read off the date (`status`, a field resolver) */
  @Enum({ items: () => PermitStatus, default: PermitStatus.ISSUED })
  recordedStatus: PermitStatus = PermitStatus.ISSUED;

  @Field(() => PermitReason)
  @Enum({ items: () => PermitReason })
  reason!: PermitReason;

  @Field(() => String, { nullable: true, description: 'Employer or school as stated (工作单位/就读学校)' })
  @Property({ type: 'text', nullable: true })
  employer?: string | null;

  /** population's organization key, when the employer is an organization on its register */
  @Property({ type: 'uuid', nullable: true })
  employerOrganizationId?: string | null;

  /** the place it was issued for (居住地): the resident's building then, and its community */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Index()
  @Property({ type: 'string', columnType: 'char(12)', nullable: true })
  communityCode?: string | null;
}

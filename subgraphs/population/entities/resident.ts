import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { Collect } from '../../../lib/auth/collect';
import { LocalDate } from '../../../lib/graphql/scalars';
import { residentLocation } from '../access';
import {
  Education,
  EmploymentStatus,
  Gender,
  LivingArrangement,
  MaritalStatus,
  PoliticalStatus,
  ResidenceStatus,
  ResidentStatus,
  SelfCareAbility,
} from './enums';
import { Household } from './household';
import { keptIdNumberHash } from '../sign-in';

/** Who may read (and so filter on) family circumstances and political status, besides population itself. */
export const MARITAL_STATUS_RULE: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: ['GRID:GRID_LEADER', 'CIVIL_AFFAIRS:*'],
  note: 'family circumstances: for assistance and visits',
};
export const POLITICAL_STATUS_RULE: FieldRule = {
  sharing: 'CONDITIONAL',
  grantedTo: ['GRID:GRID_LEADER'],
  note: 'party-building work in the community',
};

/** Fields marked (field resolver) are computed in resolvers/resident.fields.ts: masking, code names, relations. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A resident on the population register (居民)' })
@PersonalData({ location: residentLocation })
@Entity({ tableName: 'resident' })
@Index({ properties: ['status', 'birthDate'] })
export class Resident {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Collect({
    collect: 'PROPOSE',
    note: 'who the person is: the registrar checks the documents; sex and birth date agree with the ID number',
  })
  @Field({ description: 'Name (姓名)' })
  @Property({ type: 'text' })
  name!: string;

  /** stored whole; the GraphQL field is masked (field resolver) */
  @Property({ type: 'string', columnType: 'char(18)', unique: true })
  idNumber!: string;

  /** keyed hash of idNumber, which a resident signs in by (sign-in.ts); never a GraphQL field */
  @Property({
    type: 'string',
    columnType: 'char(64)',
    nullable: true,
    index: true,
    onCreate: keptIdNumberHash,
    onUpdate: keptIdNumberHash,
  })
  idNumberHash?: string | null;

  @Collect({
    collect: 'PROPOSE',
    note: 'who the person is: the registrar checks the documents; sex and birth date agree with the ID number',
  })
  @Field(() => Gender)
  @Enum({ items: () => Gender })
  gender!: Gender;

  /** GB/T 3304 code (field resolvers give code and name) */
  @Property({ type: 'string', columnType: 'char(2)' })
  ethnicityCode!: string;

  @Collect({
    collect: 'PROPOSE',
    note: 'who the person is: the registrar checks the documents; sex and birth date agree with the ID number',
  })
  @Field(() => LocalDate, { description: 'Birth date (出生日期); always agrees with the ID number' })
  @Property({ type: 'date' })
  birthDate!: string;

  /** stored whole; the GraphQL field is masked (field resolver) */
  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @ManyToOne(() => Household, { ref: true, nullable: true, index: true })
  household?: Ref<Household> | null;

  /** GB/T 4761 code */
  @Property({ type: 'string', columnType: 'char(2)', nullable: true })
  relationCode?: string | null;

  @Collect({ collect: 'PROPOSE', note: 'a civil-status fact: the registrar checks the certificate or permit' })
  @Field(() => ResidenceStatus)
  @Enum({ items: () => ResidenceStatus })
  residenceStatus!: ResidenceStatus;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field(() => Education, { nullable: true })
  @Enum({ items: () => Education, nullable: true })
  education?: Education | null;

  @Shared(MARITAL_STATUS_RULE)
  @Collect({ collect: 'PROPOSE', note: 'a civil-status fact: the registrar checks the certificate or permit' })
  @Field(() => MaritalStatus, { nullable: true })
  @Enum({ items: () => MaritalStatus, nullable: true })
  maritalStatus?: MaritalStatus | null;

  @Shared(POLITICAL_STATUS_RULE)
  @Collect({ collect: 'NONE', note: 'party membership is the party organisation’s record, not a visit’s' })
  @Field(() => PoliticalStatus, { nullable: true })
  @Enum({ items: () => PoliticalStatus, nullable: true })
  politicalStatus?: PoliticalStatus | null;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field(() => EmploymentStatus, { nullable: true })
  @Enum({ items: () => EmploymentStatus, nullable: true })
  employmentStatus?: EmploymentStatus | null;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field(() => LivingArrangement)
  @Enum({ items: () => LivingArrangement })
  livingArrangement!: LivingArrangement;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field(() => SelfCareAbility)
  @Enum({ items: () => SelfCareAbility })
  selfCareAbility!: SelfCareAbility;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field({ description: 'Has basic medical insurance (医疗保险)' })
  @Property({ type: 'boolean', default: false })
  healthInsurance!: boolean;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field({ description: 'Has basic pension insurance (养老保险)' })
  @Property({ type: 'boolean', default: false })
  pensionInsurance!: boolean;

  @Collect({ collect: 'DIRECT', note: 'as the resident says or the collector sees at the door' })
  @Field({ description: 'Has unemployment insurance (失业保险)' })
  @Property({ type: 'boolean', default: false })
  unemploymentInsurance!: boolean;

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @Field(() => ResidentStatus)
  @Enum({ items: () => ResidentStatus, default: ResidentStatus.ACTIVE })
  status!: ResidentStatus;

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @Field(() => LocalDate, { nullable: true, description: 'Date moved out or deceased' })
  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @Field({ description: 'Who collected the record (采集人)' })
  @Property({ type: 'text' })
  collectedBy!: string;

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @Field({ description: 'When the record was last verified in person (核实时间)' })
  @Property({ type: 'timestamptz' })
  lastVerifiedAt!: Date;

  @Collect({ collect: 'NONE', note: 'derived, or kept by the register itself' })
  @Field(() => Int, {
    description:
      'Version of the record (版本): every change adds one; a change sent with expectedVersion is refused once someone else has changed the record',
  })
  @Property({ version: true, type: 'integer', default: 1 })
  version!: number;
}

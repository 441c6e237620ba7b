import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
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

  @Field({ description: 'Name (姓名)' })
  @Property({ type: 'text' })
  name!: string;

  /** stored whole; the GraphQL field is masked (field resolver) */
  @Property({ type: 'string', columnType: 'char(18)', unique: true })
  idNumber!: string;

  @Field(() => Gender)
  @Enum({ items: () => Gender })
  gender!: Gender;

  /** GB/T 3304 code (field resolvers give code and name) */
  @Property({ type: 'string', columnType: 'char(2)' })
  ethnicityCode!: string;

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

  @Field(() => ResidenceStatus)
  @Enum({ items: () => ResidenceStatus })
  residenceStatus!: ResidenceStatus;

  @Field(() => Education, { nullable: true })
  @Enum({ items: () => Education, nullable: true })
  education?: Education | null;

  @Shared(MARITAL_STATUS_RULE)
  @Field(() => MaritalStatus, { nullable: true })
  @Enum({ items: () => MaritalStatus, nullable: true })
  maritalStatus?: MaritalStatus | null;

  @Shared(POLITICAL_STATUS_RULE)
  @Field(() => PoliticalStatus, { nullable: true })
  @Enum({ items: () => PoliticalStatus, nullable: true })
  politicalStatus?: PoliticalStatus | null;

  @Field(() => EmploymentStatus, { nullable: true })
  @Enum({ items: () => EmploymentStatus, nullable: true })
  employmentStatus?: EmploymentStatus | null;

  @Field(() => LivingArrangement)
  @Enum({ items: () => LivingArrangement })
  livingArrangement!: LivingArrangement;

  @Field(() => SelfCareAbility)
  @Enum({ items: () => SelfCareAbility })
  selfCareAbility!: SelfCareAbility;

  @Field({ description: 'Has basic medical insurance (医疗保险)' })
  @Property({ type: 'boolean', default: false })
  healthInsurance!: boolean;

  @Field({ description: 'Has basic pension insurance (养老保险)' })
  @Property({ type: 'boolean', default: false })
  pensionInsurance!: boolean;

  @Field({ description: 'Has unemployment insurance (失业保险)' })
  @Property({ type: 'boolean', default: false })
  unemploymentInsurance!: boolean;

  @Field(() => ResidentStatus)
  @Enum({ items: () => ResidentStatus, default: ResidentStatus.ACTIVE })
  status!: ResidentStatus;

  @Field(() => LocalDate, { nullable: true, description: 'Date moved out or deceased' })
  @Property({ type: 'date', nullable: true })
  leftOn?: string | null;

  @Field({ description: 'Who collected the record (采集人)' })
  @Property({ type: 'text' })
  collectedBy!: string;

  @Field({ description: 'When the record was last verified in person (核实时间)' })
  @Property({ type: 'timestamptz' })
  lastVerifiedAt!: Date;

  @Field(() => Int, {
    description:
      'Version of the record (版本): every change adds one; a change sent with expectedVersion is refused once someone else has changed the record',
  })
  @Property({ version: true, type: 'integer', default: 1 })
  version!: number;
}

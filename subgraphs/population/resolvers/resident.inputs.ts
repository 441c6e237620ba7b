import { Field, ID, InputType, Int } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { LocalDate } from '../../../lib/graphql/scalars';
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
} from '../entities/enums';

/** The conditions on a resident that a list filter and a cohort section share (each type adds its own). */
@InputType('ResidentConditions', { description: 'Conditions on residents' })
export abstract class ResidentConditions {
  @Field(() => Int, { nullable: true, description: 'Age in whole years, at least' })
  minAge?: number;

  @Field(() => Int, { nullable: true, description: 'Age in whole years, at most' })
  maxAge?: number;

  @Field(() => Gender, { nullable: true })
  gender?: Gender;

  @Field(() => ResidenceStatus, { nullable: true })
  residenceStatus?: ResidenceStatus;

  @Field(() => LivingArrangement, { nullable: true })
  livingArrangement?: LivingArrangement;

  @Field(() => SelfCareAbility, { nullable: true })
  selfCareAbility?: SelfCareAbility;

  @Field(() => ID, { nullable: true })
  buildingId?: string;
}

@InputType({ description: 'Conditions on residents; all given conditions must hold' })
export class ResidentFilter extends ResidentConditions {
  @Field(() => ResidentStatus, { nullable: true, description: 'Default ACTIVE' })
  status?: ResidentStatus;

  @Field(() => ID, { nullable: true })
  householdId?: string;
}

@InputType({ description: 'Facts that may change after registration; omitted fields are left as they are' })
export class UpdateResidentInput {
  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true, description: 'Mobile (11 digits) or landline' })
  phone?: string;

  @Field(() => ID, { nullable: true, description: 'Moves the resident into this household' })
  householdId?: string;

  @Field({ nullable: true, description: 'GB/T 4761 code of the relation to the head, e.g. "10" spouse' })
  relationCode?: string;

  @Field(() => ResidenceStatus, { nullable: true })
  residenceStatus?: ResidenceStatus;

  @Field(() => Education, { nullable: true })
  education?: Education;

  @Field(() => MaritalStatus, { nullable: true })
  maritalStatus?: MaritalStatus;

  @Field(() => PoliticalStatus, { nullable: true })
  politicalStatus?: PoliticalStatus;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus?: EmploymentStatus;

  @Field(() => LivingArrangement, { nullable: true })
  livingArrangement?: LivingArrangement;

  @Field(() => SelfCareAbility, { nullable: true })
  selfCareAbility?: SelfCareAbility;

  @Field({ nullable: true })
  healthInsurance?: boolean;

  @Field({ nullable: true })
  pensionInsurance?: boolean;

  @Field({ nullable: true })
  unemploymentInsurance?: boolean;
}

@InputType({ description: 'A new resident; the ID number must agree with birth date and gender' })
export class RegisterResidentInput extends UpdateResidentInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field()
  declare name: string;

  @Field({ description: '18-character citizen ID number (GB 11643)' })
  idNumber!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => LocalDate)
  birthDate!: string;

  @Field({ description: 'GB/T 3304 ethnicity code, e.g. "01" 汉族' })
  ethnicityCode!: string;

  @Field(() => ResidenceStatus)
  declare residenceStatus: ResidenceStatus;

  @Field({ description: 'Who collected the record (采集人)' })
  collectedBy!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      'The day the resident moved into the household (迁入日期), when it was before this registration (补登); default today; never in the future nor before the birth date',
  })
  movedInOn?: string;
}

@InputType()
export class MoveOutInput {
  @Field(() => LocalDate, { nullable: true, description: 'Default today' })
  movedOutOn?: string;

  @Field({ nullable: true, description: 'true if the resident died (死亡注销) rather than moved away' })
  deceased?: boolean;
}

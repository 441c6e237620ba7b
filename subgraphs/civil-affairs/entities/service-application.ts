import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { ResidentRecord } from './resident-record';

/** The services a community handles for residents (民生事项代办), as the community service centres list them. */
export enum ServiceKind {
  MINIMUM_LIVING = 'MINIMUM_LIVING',
  MAJOR_ILLNESS_AID = 'MAJOR_ILLNESS_AID',
  TEMPORARY_AID = 'TEMPORARY_AID',
  MEDICAL_INSURANCE = 'MEDICAL_INSURANCE',
  PENSION_INSURANCE = 'PENSION_INSURANCE',
  DISABILITY_CERTIFICATE = 'DISABILITY_CERTIFICATE',
  ELDERLY_ALLOWANCE = 'ELDERLY_ALLOWANCE',
  ELDERLY_CARE_CARD = 'ELDERLY_CARE_CARD',
  SPECIAL_CARE = 'SPECIAL_CARE',
  UNEMPLOYMENT_REGISTRATION = 'UNEMPLOYMENT_REGISTRATION',
  BIRTH_SERVICE = 'BIRTH_SERVICE',
  RESIDENCE_PERMIT = 'RESIDENCE_PERMIT',
  HOUSING_AID = 'HOUSING_AID',
  EDUCATION_AID = 'EDUCATION_AID',
  FUNERAL_SUBSIDY = 'FUNERAL_SUBSIDY',
  CERTIFICATE_OF_RESIDENCE = 'CERTIFICATE_OF_RESIDENCE',
}
const KIND_TERMS: Record<ServiceKind, string> = {
  MINIMUM_LIVING: '城乡低保',
  MAJOR_ILLNESS_AID: '大病救助',
  TEMPORARY_AID: '临时救助',
  MEDICAL_INSURANCE: '医疗保险',
  PENSION_INSURANCE: '养老保险',
  DISABILITY_CERTIFICATE: '残疾人证办理',
  ELDERLY_ALLOWANCE: '高龄津贴',
  ELDERLY_CARE_CARD: '老年人优待卡',
  SPECIAL_CARE: '优抚',
  UNEMPLOYMENT_REGISTRATION: '就业失业登记',
  BIRTH_SERVICE: '生育服务登记',
  RESIDENCE_PERMIT: '居住证',
  HOUSING_AID: '住房保障',
  EDUCATION_AID: '教育救助',
  FUNERAL_SUBSIDY: '丧葬补贴',
  CERTIFICATE_OF_RESIDENCE: '居住证明',
};
registerEnumType(ServiceKind, {
  name: 'ServiceKind',
  description: 'A service a community handles for residents (民生事项代办)',
  valuesConfig: Object.fromEntries(Object.entries(KIND_TERMS).map(([k, term]) => [k, { description: term }])),
});

export enum ServiceStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  FORWARDED = 'FORWARDED',
  COMPLETED = 'COMPLETED',
  RETURNED = 'RETURNED',
  REJECTED = 'REJECTED',
}
registerEnumType(ServiceStatus, {
  name: 'ServiceStatus',
  description: 'Where a service application stands (办理进度)',
  valuesConfig: {
    SUBMITTED: { description: '已提交 — handed in at the community' },
    ACCEPTED: { description: '已受理 — accepted, the papers are complete' },
    FORWARDED: { description: '已转办 — passed to the office that decides (街道 / 区职能部门)' },
    COMPLETED: { description: '已办结 — done' },
    RETURNED: { description: '需补充材料 — papers missing; the resident is asked for them' },
    REJECTED: { description: '不予受理 — not accepted' },
  },
});

/** The tracking code is the resident's key to the public lookup: civil affairs' staff only. */
const TRACKING_CODE: FieldRule = { sharing: 'NOT_SHARED', note: 'the key to the public progress lookup' };

@ObjectType({ description: 'A service application handled for a resident (民生事项代办)' })
@PersonalData<ServiceApplication>({ location: placeOfRecord })
@Entity({ tableName: 'service_application' })
@Index({ properties: ['status'] })
export class ServiceApplication extends ResidentRecord {
  @Field(() => ServiceKind)
  @Enum({ items: () => ServiceKind })
  kind!: ServiceKind;

  @Field(() => ServiceStatus)
  @Enum({ items: () => ServiceStatus })
  status!: ServiceStatus;

  @Shared(TRACKING_CODE)
  @Field(() => String, {
    nullable: true,
    description: 'Tracking code (查询码) the resident uses to follow the progress without signing in',
  })
  @Property({ type: 'string', columnType: 'varchar(24)', unique: true })
  trackingCode!: string;

  @Field({ description: 'When it was handed in (提交时间)' })
  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  @Field({ description: 'When its status last changed' })
  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  /** steps taken so far: the next one's position (the row is locked while a step is taken) */
  @Property({ type: 'smallint', default: 0 })
  steps!: number;
}

@ObjectType({ description: 'A step of a service application (办理环节)' })
@Entity({ tableName: 'service_application_step' })
@Unique({ properties: ['applicationId', 'position'] })
export class ServiceApplicationStep {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  applicationId!: string;

  /** 1, 2, 3 … in the order the steps were taken */
  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => ServiceStatus)
  @Enum({ items: () => ServiceStatus })
  status!: ServiceStatus;

  @Field()
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who took the step (办理人)' })
  @Property({ type: 'text' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Note (办理意见)' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;
}

/** The public answer to a tracking code (办事进度): the current step and its date, nothing about the person. */
@ObjectType({ description: 'The progress of a service application (办理进度): the current step and its date only' })
export class ServiceProgress {
  @Field(() => ServiceStatus)
  step!: ServiceStatus;

  @Field({ description: 'When the application reached this step' })
  since!: Date;
}

import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { type FieldRule, PersonalData, Shared } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { ResidentRecord } from './resident-record';

import { ServiceKind } from '../../../lib/codes/service-kinds';
import { FiledAtOnce } from '../collection';

export { ServiceKind };

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
@FiledAtOnce()
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

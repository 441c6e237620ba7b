import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { PersonalData } from '../../../lib/auth/rules';
import { placeOfRecord } from '../../../lib/auth/scope';
import { ListSize } from '../../../lib/graphql/list-size';
import { Decimal, LocalDate } from '../../../lib/graphql/scalars';
import { ResidentRecord } from './resident-record';
import { HomeCareKind } from './welfare-enums';
import { DecidedByCivilAffairs } from '../collection';

@ObjectType({ description: 'Old-age allowance (高龄津贴) for a resident 80 or over, paid monthly' })
@DecidedByCivilAffairs(
  'an allowance paid (高龄津贴); a resident asks for it through a service application (ELDERLY_ALLOWANCE)',
)
@PersonalData<ElderlyAllowance>({ location: placeOfRecord })
@Entity({ tableName: 'elderly_allowance' })
@Unique({ properties: ['residentId'] })
export class ElderlyAllowance extends ResidentRecord {
  @Field(() => Decimal, {
    description: 'Monthly amount in yuan (月发放金额), by the age band reached (config/programs.ts)',
  })
  @Property({ type: 'decimal', precision: 12, scale: 2 })
  monthlyAmount!: string;

  @Field(() => LocalDate, { description: 'First month paid (起始日期)' })
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day paid (终止日期); null while paid' })
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;
}

@ObjectType({ description: 'A home-care service a resident receives (居家养老服务)' })
@DecidedByCivilAffairs('a care service arranged after a needs assessment (评估)')
@PersonalData<HomeCareService>({ location: placeOfRecord })
@Entity({ tableName: 'home_care_service' })
@Index({ properties: ['kind'] })
// one running service of a kind per resident (a change of hours changes it; an ended one may be arranged again)
@Index({
  name: 'home_care_service_running_unique',
  expression: `create unique index "home_care_service_running_unique" on "home_care_service" ("resident_id", "kind") where "ends_on" is null`,
})
export class HomeCareService extends ResidentRecord {
  @Field(() => HomeCareKind)
  @Enum({ items: () => HomeCareKind })
  kind!: HomeCareKind;

  @Field(() => Decimal, { description: 'Hours a month (每月服务时长)' })
  @Property({ type: 'decimal', precision: 6, scale: 1 })
  hoursPerMonth!: string;

  @Field(() => LocalDate, { description: 'First day of service (开始服务日期)' })
  @Property({ type: 'date' })
  startsOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day of service (终止服务日期); null while it runs' })
  @Property({ type: 'date', nullable: true })
  endsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended (终止原因)' })
  @Property({ type: 'text', nullable: true })
  endReason?: string | null;
}

/** A resident's elderly care (养老服务): the allowance and the home-care services. */
@ObjectType({ description: 'Elderly care of a resident (养老服务): 高龄津贴 and home-care services' })
export class ElderlyCare {
  @Field(() => ElderlyAllowance, { nullable: true })
  allowance!: ElderlyAllowance | null;

  /** one or two services for those who receive any */
  @ListSize(2)
  @Field(() => [HomeCareService])
  homeCare!: HomeCareService[];
}

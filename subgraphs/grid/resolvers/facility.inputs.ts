import { ArgsType, Field, Float, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { PageArgs } from '../../../lib/graphql/paging';
import { FacilityCondition } from '../entities/facility';

@InputType({ description: 'A city component to put on the register (部件登记)' })
export class RegisterFacilityInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field({ description: 'Class code (部件小类代码) of GB/T 30428.2, one of facilityClasses, e.g. 0117 (消防栓)' })
  classCode!: string;

  @Field({ description: 'Name or plate number on site (部件名称/编号), up to 200 characters' })
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The grid or micro-grid it stands in; required with coordinates, else the building’s micro-grid',
  })
  regionId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The building it stands at (population’s key); give this OR longitude and latitude',
  })
  buildingId?: string;

  @Field(() => Float, { nullable: true, description: 'Longitude (经度, WGS-84), with latitude, when at no building' })
  longitude?: number;

  @Field(() => Float, { nullable: true, description: 'Latitude (纬度, WGS-84), with longitude, when at no building' })
  latitude?: number;

  @Field(() => FacilityCondition, { nullable: true, description: 'Its condition when registered; default GOOD' })
  condition?: FacilityCondition;

  @Field(() => String, { nullable: true, description: 'Note (说明), up to 2000 characters' })
  note?: string;
}

@ArgsType()
export class FacilitiesArgs extends PageArgs {
  @Field(() => ID, { description: 'The region (with everything below it)' })
  regionId!: string;

  @Field(() => String, { nullable: true, description: 'Only this class code (部件小类代码)' })
  class?: string;

  @Field(() => FacilityCondition, { nullable: true, description: 'Only facilities in this condition' })
  condition?: FacilityCondition;
}

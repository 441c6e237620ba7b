import { Field, ID, InputType } from 'type-graphql';
import { IDEMPOTENCY_KEY_DESCRIPTION } from '../../../lib/writes/idempotency';
import { StaffRole } from '../entities/enums';

@InputType({ description: 'A new member of the grid workforce and where they serve first (网格力量入册)' })
export class AddStaffInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field({ description: 'Name (姓名), up to 200 characters' })
  name!: string;

  @Field(() => StaffRole, { description: 'Role (角色); not GRID_POLICE: public security assigns the grid police' })
  role!: StaffRole;

  @Field({ description: 'Phone (联系电话): a mobile or a landline like 010-65001234' })
  phone!: string;

  @Field(() => String, { nullable: true, description: 'Office line (办公电话), public on the contact card' })
  officePhone?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Home unit (派出单位) of an official sent down (下沉力量、包联干部): required for them, refused for others',
  })
  homeUnit?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The account (登录账号) they sign in with: the events they report from it count in their figures; unique',
  })
  account?: string;

  @Field(() => ID, { nullable: true, description: 'The grid or micro-grid they serve; everyone but building leaders' })
  gridId?: string;

  @Field(() => [ID], { nullable: true, description: 'The buildings a building leader (楼栋长) looks after, up to 20' })
  buildingIds?: string[];

  @Field({ description: 'Why (原因), e.g. 新聘专职网格员' })
  reason!: string;
}

@InputType({
  description: 'An assignment of a member of the workforce to a grid, or of a building leader to a building',
})
export class AssignStaffInput {
  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  idempotencyKey!: string;

  @Field(() => ID)
  staffId!: string;

  @Field(() => ID, { nullable: true, description: 'The grid or micro-grid; everyone but building leaders' })
  gridId?: string;

  @Field(() => ID, { nullable: true, description: 'The building (population’s key); building leaders only' })
  buildingId?: string;

  @Field({ description: 'Why (原因), e.g. 网格调整' })
  reason!: string;
}

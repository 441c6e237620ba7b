import { Entity, Enum, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Region } from '../entities/region';
import { Staff } from '../entities/staff';

export enum AssignmentStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(AssignmentStatus, {
  name: 'StaffAssignmentStatus',
  description: 'Where an assignment of grid staff stands (任职状态)',
  valuesConfig: { ACTIVE: { description: '在岗' }, ENDED: { description: '已离岗' } },
});

/**
 * One assignment of a member of the grid workforce to a grid or micro-grid — or of a building leader (楼栋长) to a
 * building, then under the building's micro-grid — with who made it and why, and who ended it and why (任职记录).
 * Rows are never deleted: an ended one keeps its period. staff_region holds the current links (recordVisit and the
 * contact card read it); assigning adds the link, ending the last active assignment to a region removes it.
 * Field resolvers: workforce/resolver.ts.
 */
@ObjectType({
  description:
    'An assignment of grid staff to a grid, or of a building leader to a building (任职记录): from when until when, who made and ended it, and why',
})
@Entity({ tableName: 'staff_assignment' })
@Index({ properties: ['staff', 'validFrom'] })
// one active assignment of a person to one place (a building leader's: to one building)
@Index({
  name: 'staff_assignment_one_active_per_place',
  expression: `create unique index "staff_assignment_one_active_per_place" on "staff_assignment" ("staff_id", "region_id", coalesce("building_id", '00000000-0000-0000-0000-000000000000'::uuid)) where "status" = 'ACTIVE'`,
})
export class StaffAssignment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Staff, { ref: true })
  staff!: Ref<Staff>;

  /** the grid or micro-grid (a building leader's: the building's micro-grid when assigned) */
  @ManyToOne(() => Region, { ref: true, index: true })
  region!: Ref<Region>;

  /** population's building, by key: building leaders only */
  @Property({ type: 'uuid', nullable: true })
  buildingId?: string | null;

  @Field(() => AssignmentStatus)
  @Enum({ items: () => AssignmentStatus })
  status!: AssignmentStatus;

  @Field({ description: 'From (任职起始)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Until (离岗时间); null while active' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  validTo?: Date | null;

  @Property({ type: 'text' })
  assignedBy!: string;

  @Field({ name: 'assignedBy', description: 'Who made the assignment (安排人), by name' })
  @Property({ type: 'text' })
  assignedByName!: string;

  @Field({ description: 'Why (安排原因)' })
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'text', nullable: true })
  endedBy?: string | null;

  @Field(() => String, { name: 'endedBy', nullable: true, description: 'Who ended it (结束人), by name' })
  @Property({ type: 'text', nullable: true })
  endedByName?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it ended (结束原因)' })
  @Property({ type: 'text', nullable: true })
  endReason?: string | null;
}

/**
 * How a member came into the workforce through addStaff (入册): their home unit when sent down from another unit
 * (下沉力量、包联干部), the account they sign in with (what their reports are counted by), who added them and when.
 * The seeded workforce has none.
 */
@Entity({ tableName: 'staff_enrolment' })
export class StaffEnrolment {
  @ManyToOne(() => Staff, { ref: true, primary: true, deleteRule: 'cascade' })
  staff!: Ref<Staff>;

  @Property({ type: 'text', nullable: true })
  homeUnit?: string | null;

  @Property({ type: 'text', nullable: true, unique: true })
  account?: string | null;

  @Property({ type: 'text' })
  enrolledBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  enrolledAt!: Date;

  [PrimaryKeyProp]?: 'staff';
}

import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { StaffRole } from '../entities/enums';
import { Region } from '../entities/region';
import { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';
import { gridFor, manages, seesGrid } from './access';
import { StaffAssignment } from './entities';
import { readPeriod, WORKER_FIGURES, workerFigures } from './figures';
import { AddStaffInput, AssignStaffInput } from './inputs';
import { assignmentHistory, workforceOf } from './query';
import { addStaff, assignStaff, endStaffAssignment } from './store';

@ObjectType({ description: 'A member of a grid’s workforce now, with their active assignments there' })
export class WorkforceMember {
  @Field(() => Staff)
  staff!: Staff;

  @ListSize(3)
  @Field(() => [StaffAssignment], {
    description:
      'Their active assignments in the grid (a building leader’s: one per building); empty for those assigned before assignments were recorded',
  })
  assignments!: StaffAssignment[];
}

@ObjectType({ description: 'The members of one role (角色) in a grid’s workforce' })
export class WorkforceGroup {
  @Field(() => StaffRole)
  role!: StaffRole;

  @Field({ description: 'The role’s Chinese name, e.g. 专职网格员' })
  term!: string;

  @ListSize(20)
  @Field(() => [WorkforceMember], { description: 'By name' })
  members!: WorkforceMember[];
}

@ObjectType({
  description:
    'A grid’s own workforce now (网格力量), by role: the people of the grid, its micro-grids and its community. The grid police are public security’s: ask grid { policeOfficers }',
})
export class GridWorkforce {
  @Field(() => Region, { description: 'The grid; public security adds its police officers (policeOfficers)' })
  grid!: Region;

  @ListSize(8)
  @Field(() => [WorkforceGroup], { description: 'One group per role that has members, in the catalogue’s order' })
  groups!: WorkforceGroup[];
}

@ObjectType({ description: 'One member’s figures over the period (考核)' })
export class WorkerFigures {
  @Field(() => Staff)
  staff!: Staff;

  @Field(() => Int, { description: WORKER_FIGURES.householdsVisited })
  householdsVisited!: number;

  @Field(() => Int, { description: WORKER_FIGURES.visitsRecorded })
  visitsRecorded!: number;

  @Field(() => Int, { description: WORKER_FIGURES.factsCollected })
  factsCollected!: number;

  @Field(() => Int, { description: WORKER_FIGURES.eventsReported })
  eventsReported!: number;

  @Field(() => Int, { description: WORKER_FIGURES.eventsClosedOnTime })
  eventsClosedOnTime!: number;
}

@ObjectType({ description: 'The monthly assessment (月度考核) of a grid’s workforce, per member, over whole months' })
export class WorkforceFigures {
  @Field(() => Region)
  grid!: Region;

  @Field({ description: 'The first month, YYYY-MM (district time)' })
  from!: string;

  @Field({ description: 'The last month, YYYY-MM (district time), included' })
  to!: string;

  @ListSize(30)
  @Field(() => [WorkerFigures], {
    description:
      'Everyone who served the grid in the period (linked now, or assigned there at some time in it), but the police; by role and name',
  })
  workers!: WorkerFigures[];
}

/** The grid's workforce is seen by grid staff inside the grid (their scope decides which grids). */
const SEERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['GRID_WORKER', 'GRID_LEADER', 'DISPATCHER'] };
/** Managed by the grid's leader and the street or district above it (workforce/access.ts says which grids). */
const MANAGERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['GRID_LEADER', 'DISPATCHER'] };

@Resolver(() => StaffAssignment)
export class WorkforceResolver {
  @Shared(SEERS)
  @Query(() => GridWorkforce, { nullable: true, description: 'A grid’s own workforce now (网格力量), by role' })
  async gridWorkforce(@Arg('gridId', () => ID) gridId: string, @Ctx() ctx: GridContext): Promise<GridWorkforce> {
    const grid = await gridFor(ctx, gridId, seesGrid, 'READ');
    return { grid, groups: await workforceOf(ctx, grid.id) };
  }

  @Shared(MANAGERS)
  @ListSize(10)
  @Query(() => [StaffAssignment], {
    nullable: true,
    description:
      'A member’s assignments (任职记录), newest first: those in the grids you manage; NOT_FOUND when they serve none of them',
  })
  staffAssignments(@Arg('staffId', () => ID) staffId: string, @Ctx() ctx: GridContext): Promise<StaffAssignment[]> {
    return assignmentHistory(ctx, staffId);
  }

  @Shared(MANAGERS)
  @Query(() => WorkforceFigures, {
    nullable: true,
    description:
      'Per-member figures of a grid over whole months in the district’s calendar (考核): visits, households visited, events reported and closed on time. For the grid’s leader and the street or district above, not for workers',
  })
  async workforceFigures(
    @Arg('gridId', () => ID) gridId: string,
    @Arg('from', () => String, { nullable: true, description: 'First month, YYYY-MM; default this month' })
    from: string | undefined,
    @Arg('to', () => String, { nullable: true, description: 'Last month, YYYY-MM, included; default `from`' })
    to: string | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<WorkforceFigures> {
    const period = readPeriod(from, to);
    const grid = await gridFor(ctx, gridId, manages, 'READ');
    return { grid, from: period.first.key, to: period.last.key, workers: await workerFigures(ctx, grid.id, period) };
  }

  @Shared(MANAGERS)
  @Mutation(() => Staff, {
    description:
      'Adds a member to the grid workforce (网格力量入册) with their first assignment; a retry with the same idempotencyKey answers the same member',
  })
  addStaff(@Arg('input', () => AddStaffInput) input: AddStaffInput, @Ctx() ctx: GridContext): Promise<Staff> {
    return addStaff(ctx, input);
  }

  @Shared(MANAGERS)
  @Mutation(() => StaffAssignment, {
    description:
      'Assigns a member to a grid, or a building leader to a building (任职安排), keeping the history; BAD_USER_INPUT while an active assignment there exists',
  })
  assignStaff(
    @Arg('input', () => AssignStaffInput) input: AssignStaffInput,
    @Ctx() ctx: GridContext,
  ): Promise<StaffAssignment> {
    return assignStaff(ctx, input);
  }

  @Shared(MANAGERS)
  @Mutation(() => StaffAssignment, {
    description: 'Ends an assignment (离岗) with a reason; INVALID_TRANSITION when it has ended already',
  })
  endStaffAssignment(
    @Arg('id', () => ID) id: string,
    @Arg('reason', { description: 'Why (原因), e.g. 调往其他网格' }) reason: string,
    @Ctx() ctx: GridContext,
  ): Promise<StaffAssignment> {
    return endStaffAssignment(ctx, { id, reason });
  }

  @FieldResolver(() => Staff)
  async staff(@Root() assignment: StaffAssignment, @Ctx() ctx: GridContext): Promise<Staff> {
    return (await ctx.loaders.staff.load(assignment.staff.id))!;
  }

  @FieldResolver(() => Region, { description: 'The grid or micro-grid (a building leader’s: the building’s)' })
  async region(@Root() assignment: StaffAssignment, @Ctx() ctx: GridContext): Promise<Region> {
    return (await ctx.loaders.region.load(assignment.region.id))!;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building (楼栋长 only)' })
  building(@Root() assignment: StaffAssignment): Building | null {
    return assignment.buildingId ? { id: assignment.buildingId } : null;
  }
}

/** What the workforce adds to a member. */
@Resolver(() => Staff)
export class StaffEnrolmentResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Home unit (派出单位) of an official sent down to the grid (下沉力量、包联干部); null for others',
  })
  async homeUnit(@Root() staff: Staff, @Ctx() ctx: GridContext): Promise<string | null> {
    return (await ctx.loaders.enrolmentOfStaff.load(staff.id))?.homeUnit ?? null;
  }
}

import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { notFound, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ConnectionType, readPage } from '../../../lib/graphql/paging';
import { Building } from '../entities/building';
import { Event } from '../entities/event';
import { Facility, FacilityCondition } from '../entities/facility';
import { FacilityConditionChange } from '../entities/facility-condition-change';
import { Region } from '../entities/region';
import { FACILITY_CLASSES, facilityClass, majorOf } from '../facilities/classes';
import { findFacilities } from '../facilities/query';
import { changeFacilityCondition, registerFacility } from '../facilities/store';
import type { GridContext } from '../loaders';
import { FacilitiesArgs, RegisterFacilityInput } from './facility.inputs';
import { visibleOnes } from './visible-events';

@ObjectType({
  description: 'A city component class (部件分类) of GB/T 30428.2: major class (大类) and minor class (小类)',
})
export class FacilityClass {
  @Field({ description: 'Minor class code (小类代码), 4 digits: the major class’s 2 digits and its own 2' })
  code!: string;

  @Field({ description: 'Minor class name (小类名称), e.g. 消防栓' })
  name!: string;

  @Field({ description: 'Major class code (大类代码), 2 digits' })
  majorCode!: string;

  @Field({ description: 'Major class name (大类名称), e.g. 公用设施' })
  majorName!: string;
}

const classOf = (code: string): FacilityClass => {
  const major = majorOf(code);
  return { code, name: facilityClass(code)?.name ?? code, majorCode: major.code, majorName: major.name ?? major.code };
};

export const FacilityConnection = ConnectionType(Facility, 'Facility');

/** The register is kept by grid staff on site: the grid workers and leaders of the region (their scope decides where). */
const FACILITY_KEEPERS: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['GRID_WORKER', 'GRID_LEADER'] };

@Resolver(() => Facility)
export class FacilityResolver {
  @ListSize(13)
  @Query(() => [FacilityClass], {
    description: 'The component classes the register accepts (GB/T 30428.2; a partial table, see docs/grid.md)',
  })
  facilityClasses(): FacilityClass[] {
    return FACILITY_CLASSES.map((c) => classOf(c.code));
  }

  @Query(() => Facility, { nullable: true, description: 'One facility (城市部件) by id' })
  facility(@Arg('id', () => ID) id: string, @Ctx() ctx: GridContext): Promise<Facility | null> {
    return ctx.loaders.facility.load(requireId(id));
  }

  @Query(() => FacilityConnection, {
    description:
      'The facility register (部件台账) of a region and everything below it, inside your scope, newest first, a page at a time with the total',
  })
  async facilities(@Args() args: FacilitiesArgs, @Ctx() ctx: GridContext) {
    const regionId = requireId(args.regionId, 'regionId');
    if (!(await ctx.loaders.region.load(regionId))) throw notFound('region', regionId);
    const page = await findFacilities(
      ctx.em,
      ctx,
      { regionId, classCode: args.class, condition: args.condition },
      readPage(args),
    );
    // the nodes passed the scope in SQL
    for (const node of page.nodes) ctx.scopeDecisions.set(node, true);
    return page;
  }

  @Shared(FACILITY_KEEPERS)
  @Mutation(() => Facility, {
    description:
      'Puts a city component on the register (部件登记), at a building or at coordinates; a retry with the same idempotencyKey answers the same facility',
  })
  registerFacility(
    @Arg('input', () => RegisterFacilityInput) input: RegisterFacilityInput,
    @Ctx() ctx: GridContext,
  ): Promise<Facility> {
    return registerFacility(ctx, input);
  }

  @Shared(FACILITY_KEEPERS)
  @Mutation(() => Facility, {
    description:
      'Records a change of a facility’s condition (部件状态变更) with an entry in its history; BAD_USER_INPUT if it is in that condition already',
  })
  changeFacilityCondition(
    @Arg('id', () => ID) id: string,
    @Arg('condition', () => FacilityCondition) condition: FacilityCondition,
    @Arg('note', () => String, { nullable: true, description: 'What was found (说明)' }) note: string | undefined,
    @Ctx() ctx: GridContext,
  ): Promise<Facility> {
    return changeFacilityCondition(ctx, { id, condition, note });
  }

  @FieldResolver(() => FacilityClass, { description: 'Its class (部件分类) of GB/T 30428.2' })
  class(@Root() facility: Facility): FacilityClass {
    return classOf(facility.classCode);
  }

  @FieldResolver(() => Region, { description: 'The grid or micro-grid it stands in' })
  async region(@Root() facility: Facility, @Ctx() ctx: GridContext): Promise<Region> {
    return (await ctx.loaders.region.load(facility.region.id))!;
  }

  @FieldResolver(() => Building, { nullable: true, description: 'The building it stands at; null at coordinates' })
  building(@Root() facility: Facility): Building | null {
    return facility.buildingId ? { id: facility.buildingId } : null;
  }

  @ListSize(5)
  @FieldResolver(() => [FacilityConditionChange], {
    description: 'Its condition history (部件状态记录), oldest first: the registration, then every change',
  })
  conditionHistory(@Root() facility: Facility, @Ctx() ctx: GridContext): Promise<FacilityConditionChange[]> {
    return ctx.loaders.conditionHistoryOfFacility.load(facility.id);
  }

  @ListSize(5)
  @FieldResolver(() => [Event], { description: 'Events naming it (涉及该部件的事件), newest first: those you may see' })
  async events(@Root() facility: Facility, @Ctx() ctx: GridContext): Promise<Event[]> {
    return visibleOnes(ctx, await ctx.loaders.eventsOfFacility.load(facility.id));
  }
}

/** The facility an event names. */
@Resolver(() => Event)
export class EventFacilityResolver {
  @FieldResolver(() => Facility, { nullable: true, description: 'The facility (城市部件) it concerns, if any' })
  async facility(@Root() event: Event, @Ctx() ctx: GridContext): Promise<Facility | null> {
    return event.facility ? ctx.loaders.facility.load(event.facility.id) : null;
  }
}

/** The facilities standing at population's building. */
@Resolver(() => Building)
export class BuildingFacilitiesResolver {
  @ListSize(5)
  @FieldResolver(() => [Facility], {
    description: 'Facilities (城市部件) standing at the building, by class code: those inside your scope',
  })
  facilities(@Root() building: Building, @Ctx() ctx: GridContext): Promise<Facility[]> {
    return ctx.loaders.facilitiesOfBuilding.load(building.id);
  }
}

import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { requireId } from '../../../lib/errors';
import { ChangeRecord } from '../entities/change';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { Grid, GridPoliceContact } from '../entities/grid';
import { GridPoliceAssignment } from '../entities/grid-police-assignment';
import { Incident } from '../entities/incident';
import { Region } from '../entities/region';
import { RentalHousing } from '../entities/rental-housing';
import { Staff } from '../entities/staff';
import type { PublicSecurityContext } from '../loaders';

/** The fields public security adds to population's Building (each record is checked against the caller's scope). */
@Resolver(() => Building)
export class BuildingResolver {
  /** a residential building has a few let rooms */
  @ListSize(4)
  @FieldResolver(() => [RentalHousing], { description: 'Let rooms in the building (出租房屋), by room' })
  rentals(@Root() building: Building, @Ctx() ctx: PublicSecurityContext): Promise<RentalHousing[]> {
    return ctx.loaders.rentalsOfBuilding.load(building.id);
  }

  @ListSize(5)
  @FieldResolver(() => [Incident], { description: 'Incidents in the building (警情), latest first' })
  incidents(@Root() building: Building, @Ctx() ctx: PublicSecurityContext): Promise<Incident[]> {
    return ctx.loaders.incidentsOfBuilding.load(building.id);
  }
}

const current = (assignments: GridPoliceAssignment[]) => assignments.filter((a) => !a.until);

/** Grid police: public security assigns the officers of each grid (网格民警) and contributes them to grid's Region. */
@Resolver(() => Region)
export class RegionResolver {
  @FieldResolver(() => GridPoliceAssignment, {
    nullable: true,
    description:
      'The police officer responsible for the grid (网格警), the latest assigned of the current ones; null above the grid level or while none is assigned',
  })
  async police(@Root() region: Region, @Ctx() ctx: PublicSecurityContext): Promise<GridPoliceAssignment | null> {
    return current(await ctx.loaders.policeOfRegion.load(region.id))[0] ?? null;
  }

  /** one or two officers per grid */
  @ListSize(2)
  @FieldResolver(() => [GridPoliceAssignment], {
    description:
      'The grid’s police officers now (网格民警, public): name, police station and the station’s phone, the latest assigned first; empty above the grid level',
  })
  async policeOfficers(@Root() region: Region, @Ctx() ctx: PublicSecurityContext): Promise<GridPoliceAssignment[]> {
    return current(await ctx.loaders.policeOfRegion.load(region.id));
  }

  @ListSize(4)
  @FieldResolver(() => [GridPoliceAssignment], {
    description: 'Every officer assigned to the grid, past and present (网格民警任职记录), the latest first',
  })
  policeHistory(@Root() region: Region, @Ctx() ctx: PublicSecurityContext): Promise<GridPoliceAssignment[]> {
    return ctx.loaders.policeOfRegion.load(region.id);
  }
}

/** What the public contact card shows of a grid's police (公开网格民警信息): grid asks, no token needed. */
@Resolver(() => Grid)
export class PublicGridPoliceResolver {
  @ListSize(2)
  @FieldResolver(() => [GridPoliceContact], {
    description:
      'The grid’s police officers now (网格民警), as the public sees them: name, police station and its duty phone, the latest assigned first',
  })
  async policeOfficers(@Root() grid: Grid, @Ctx() ctx: PublicSecurityContext): Promise<GridPoliceContact[]> {
    return current(await ctx.loaders.policeOfRegion.load(grid.id)).map((a) => ({
      roleName: '网格民警',
      name: a.name,
      policeStation: a.policeStation,
      stationPhone: a.stationPhone,
    }));
  }
}

@Resolver(() => GridPoliceAssignment)
export class GridPoliceResolver {
  @Query(() => [GridPoliceAssignment], {
    description:
      'The grids an officer covers (网格民警负责网格), by their key in grid’s workforce; past assignments too unless `current`',
  })
  @ListSize(10)
  async gridPoliceAssignments(
    @Arg('staffId', () => ID) staffId: string,
    @Arg('current', () => Boolean, { nullable: true, description: 'true: only the assignments in force' }) now:
      | boolean
      | undefined,
    @Ctx() ctx: PublicSecurityContext,
  ): Promise<GridPoliceAssignment[]> {
    const all = await ctx.loaders.gridsOfOfficer.load(requireId(staffId, 'staffId'));
    return now ? current(all) : all;
  }

  @FieldResolver(() => Staff, {
    description: 'The officer in grid’s workforce (网格力量): grid resolves name and phone',
  })
  staff(@Root() assignment: GridPoliceAssignment): Staff {
    return { id: assignment.staffId };
  }

  @FieldResolver(() => Region, { description: 'The grid (grid resolves the rest)' })
  grid(@Root() assignment: GridPoliceAssignment): Region {
    return { id: assignment.regionId };
  }

  @ListSize(2)
  @FieldResolver(() => [ChangeRecord], { description: 'Its history (任职记录): assigned, ended, with reasons' })
  history(@Root() assignment: GridPoliceAssignment, @Ctx() ctx: PublicSecurityContext): Promise<ChangeRecord[]> {
    return ctx.loaders.historyOf.load(assignment.id);
  }
}

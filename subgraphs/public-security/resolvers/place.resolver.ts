import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
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

/** Grid police: public security assigns the officer of each grid (网格警) and contributes it to grid's Region. */
@Resolver(() => Region)
export class RegionResolver {
  @FieldResolver(() => GridPoliceAssignment, {
    nullable: true,
    description:
      'The police officer responsible for the grid (网格警); null above the grid level or while none is assigned',
  })
  police(@Root() region: Region, @Ctx() ctx: PublicSecurityContext): Promise<GridPoliceAssignment | null> {
    return ctx.loaders.policeOfRegion.load(region.id);
  }
}

@Resolver(() => GridPoliceAssignment)
export class GridPoliceResolver {
  @FieldResolver(() => Staff, {
    description: 'The officer in grid’s workforce (网格力量): grid resolves name and phone',
  })
  staff(@Root() assignment: GridPoliceAssignment): Staff {
    return { id: assignment.staffId };
  }
}

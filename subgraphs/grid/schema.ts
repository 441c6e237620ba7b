import { requireId } from '../../lib/errors';
import { cohortMatchResolver } from '../../lib/cohort/match';
import { buildSubgraph } from '../../lib/graphql/schema';
import { gridActivityCohort, gridCohort, gridVisitsCohort } from './cohort';
import { eventForCaller } from './access';
import type { GridContext } from './loaders';
import { RegionLevel } from './entities/enums';
import { Resident } from './entities/resident';
import { BuildingAssignmentResolver } from './resolvers/building-assignment.resolver';
import { BuildingResolver } from './resolvers/building.resolver';
import { ContactCardResolver } from './resolvers/contact-card.resolver';
import { DataScopeResolver } from './resolvers/data-scope.resolver';
import { EventLoopFieldsResolver, EventSupervisionResolver } from './resolvers/event-loop.resolver';
import { EventResolver } from './resolvers/event.resolver';
import { BuildingFacilitiesResolver, EventFacilityResolver, FacilityResolver } from './resolvers/facility.resolver';
import { HouseholdResolver } from './resolvers/household.resolver';
import { RegionResolver } from './resolvers/region.resolver';
import { RegionStatsRegionResolver, RegionStatsResolver } from './resolvers/region-stats.resolver';
import { ResidentResolver } from './resolvers/resident.resolver';
import { StaffResolver } from './resolvers/staff.resolver';
import { RegionCoverageResolver, VisitResolver } from './resolvers/visit.resolver';
import { StaffEnrolmentResolver, WorkforceResolver } from './workforce/resolver';
import { gridAccessWords } from './access-words';

type Ref = { id: string };

/**
 * Building, Household and Resident are population's entities: their references need no lookup here, only a key
 * check; the representation also carries what grid's fields @require (a resident's building, a household's place).
 * A Region's may carry population's householdCount (Region.visitCoverage requires it).
 */
export const buildGridSchema = () =>
  buildSubgraph(
    'grid',
    // Resident is reachable from no query here, only through _entities: listed so it is part of the schema
    {
      accessWords: gridAccessWords,
      resolvers: [
        cohortMatchResolver('grid', gridCohort),
        cohortMatchResolver('grid', gridActivityCohort),
        cohortMatchResolver('grid', gridVisitsCohort),
        RegionResolver,
        RegionCoverageResolver,
        StaffResolver,
        BuildingResolver,
        BuildingAssignmentResolver,
        HouseholdResolver,
        ResidentResolver,
        DataScopeResolver,
        EventResolver,
        EventSupervisionResolver,
        EventLoopFieldsResolver,
        VisitResolver,
        ContactCardResolver,
        RegionStatsResolver,
        RegionStatsRegionResolver,
        FacilityResolver,
        EventFacilityResolver,
        BuildingFacilitiesResolver,
        WorkforceResolver,
        StaffEnrolmentResolver,
      ],
      orphanedTypes: [Resident],
    },
    {
      Region: {
        __resolveReference: async (ref: Ref & { householdCount?: number }, ctx: GridContext) => {
          const region = await ctx.loaders.region.load(requireId(ref.id));
          if (region && ref.householdCount !== undefined) region.householdCount = ref.householdCount;
          return region;
        },
      },
      Grid: {
        __resolveReference: async (ref: Ref, ctx: GridContext) => {
          const region = await ctx.loaders.region.load(requireId(ref.id));
          return region?.level === RegionLevel.GRID ? { id: region.id } : null;
        },
      },
      Staff: { __resolveReference: (ref: Ref, ctx: GridContext) => ctx.loaders.staff.load(requireId(ref.id)) },
      Event: {
        __resolveReference: async (ref: Ref, ctx: GridContext) =>
          eventForCaller(await ctx.loaders.event.load(requireId(ref.id)), ctx),
      },
      Facility: {
        __resolveReference: (ref: Ref, ctx: GridContext) => ctx.loaders.facility.load(requireId(ref.id)),
      },
      Building: { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) },
      Household: { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) },
      Resident: { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) },
    },
  );

import { requireId } from '../../lib/errors';
import { cohortMatchResolver } from '../../lib/cohort/match';
import { buildSubgraph } from '../../lib/graphql/schema';
import { gridCohort } from './cohort';
import type { GridContext } from './loaders';
import { Resident } from './entities/resident';
import { BuildingResolver } from './resolvers/building.resolver';
import { DataScopeResolver } from './resolvers/data-scope.resolver';
import { RegionResolver } from './resolvers/region.resolver';
import { RegionStatsRegionResolver, RegionStatsResolver } from './resolvers/region-stats.resolver';
import { ResidentResolver } from './resolvers/resident.resolver';
import { StaffResolver } from './resolvers/staff.resolver';

type Ref = { id: string };

/**
 * Building and Resident are population's entities: their references need no lookup here, only a key check
 * (a Resident's representation also carries the `household { building { id } }` that Resident.grid requires).
 */
export const buildGridSchema = () =>
  buildSubgraph(
    'grid',
    // Resident is reachable from no query here, only through _entities: listed so it is part of the schema
    { resolvers: [cohortMatchResolver('grid', gridCohort), RegionResolver, StaffResolver, BuildingResolver, ResidentResolver, DataScopeResolver, RegionStatsResolver, RegionStatsRegionResolver], orphanedTypes: [Resident] },
    {
      Region: { __resolveReference: (ref: Ref, ctx: GridContext) => ctx.loaders.region.load(requireId(ref.id)) },
      Staff: { __resolveReference: (ref: Ref, ctx: GridContext) => ctx.loaders.staff.load(requireId(ref.id)) },
      Building: { __resolveReference: (ref: Ref) => ({ id: requireId(ref.id) }) },
      Resident: { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) },
    },
  );

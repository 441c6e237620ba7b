import { cohortMatchResolver } from '../../lib/cohort/match';
import { buildSubgraph } from '../../lib/graphql/schema';
import { populationCohort } from './cohort';
import type { PopulationContext } from './loaders';
import { BuildingResolver } from './resolvers/building.resolver';
import { HouseholdResolver } from './resolvers/household.resolver';
import { Region } from './entities/region';
import { RegionResolver } from './resolvers/region.resolver';
import { ResidentMutations } from './resolvers/resident.mutations';
import { ResidentResolver } from './resolvers/resident.resolver';

type Ref = { id: string };

export const buildPopulationSchema = () =>
  buildSubgraph(
    'population',
    {
      resolvers: [cohortMatchResolver('population', populationCohort), ResidentResolver, HouseholdResolver, BuildingResolver, ResidentMutations, RegionResolver],
      // grid's Region is reachable from no query here, only through _entities
      orphanedTypes: [Region],
    },
    {
      Resident: { __resolveReference: (ref: Ref, ctx: PopulationContext) => ctx.loaders.resident.load(ref.id) },
      Household: { __resolveReference: (ref: Ref, ctx: PopulationContext) => ctx.loaders.household.load(ref.id) },
      Building: { __resolveReference: (ref: Ref, ctx: PopulationContext) => ctx.loaders.building.load(ref.id) },
      // grid's region: its key and the householdArea grid sent along
      Region: { __resolveReference: (ref: Ref) => ref },
    },
  );

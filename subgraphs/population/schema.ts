import type { GraphQLResolveInfo } from 'graphql';
import { cohortMatchResolver } from '../../lib/cohort/match';
import { CollectionResolver } from './collection/collect.resolver';
import { RegionWorklistResolver, WorklistResolver } from './collection/worklist.resolver';
import { buildSubgraph } from '../../lib/graphql/schema';
import { populationCohort } from './cohort';
import { CohortHouseholdsResolver } from './cohort-households';
import type { PopulationContext } from './loaders';
import { RegionFigures } from './entities/region-figures';
import { BuildingResolver } from './resolvers/building.resolver';
import { HouseholdResolver } from './resolvers/household.resolver';
import { RegionStatsResolver } from './resolvers/region-stats.resolver';
import { Region } from './entities/region';
import { RegionResolver } from './resolvers/region.resolver';
import { RegionReverificationResolver, ReverificationResolver } from './resolvers/reverification.resolver';
import { ResidentMutations } from './resolvers/resident.mutations';
import { OrganizationResolver } from './resolvers/organization.resolver';
import { HouseholdHistoryResolver, ResidentHistoryResolver } from './resolvers/resident-history.resolver';
import { ResidentResolver, residentLoaderFor } from './resolvers/resident.resolver';
import { populationAccessWords } from './access-words';
import { MeResolver } from './resolvers/me.resolver';
import { populationCorrections } from './corrections';
import { createCorrectionResolver } from '../../lib/corrections/resolver';

type Ref = { id: string };

export const buildPopulationSchema = () =>
  buildSubgraph(
    'population',
    {
      accessWords: populationAccessWords,
      resolvers: [
        // the facts of a person it lets the person correct (申请更正, lib/corrections)
        createCorrectionResolver('population', populationCorrections),
        cohortMatchResolver('population', populationCohort),
        CohortHouseholdsResolver,
        ResidentResolver,
        HouseholdResolver,
        BuildingResolver,
        ResidentMutations,
        OrganizationResolver,
        ResidentHistoryResolver,
        HouseholdHistoryResolver,
        RegionStatsResolver,
        RegionResolver,
        ReverificationResolver,
        RegionReverificationResolver,
        CollectionResolver,
        WorklistResolver,
        RegionWorklistResolver,
        MeResolver,
      ],
      // grid's Region and RegionFigures are reachable from no query here, only through _entities
      orphanedTypes: [Region, RegionFigures],
    },
    {
      Resident: {
        __resolveReference: (ref: Ref, ctx: PopulationContext, info: GraphQLResolveInfo) =>
          residentLoaderFor(ctx, info).load(ref.id),
      },
      Household: { __resolveReference: (ref: Ref, ctx: PopulationContext) => ctx.loaders.household.load(ref.id) },
      Building: { __resolveReference: (ref: Ref, ctx: PopulationContext) => ctx.loaders.building.load(ref.id) },
      Organization: { __resolveReference: (ref: Ref, ctx: PopulationContext) => ctx.loaders.organization.load(ref.id) },
      // grid's region: its key and the householdArea grid sent along
      Region: { __resolveReference: (ref: Ref) => ref },
    },
  );

import { isId } from '../../lib/errors';
import { cohortMatchResolver } from '../../lib/cohort/match';
import { buildSubgraph } from '../../lib/graphql/schema';
import { civilAffairsCohort } from './cohort';
import type { CivilAffairsContext } from './loaders';
import { RegionFigures } from './entities/region-figures';
import { AssistanceCaseMutations } from './resolvers/assistance-case.mutations';
import { AssistanceCaseResolver } from './resolvers/assistance-case.resolver';
import { FileOnBehalfResolver } from './resolvers/file-on-behalf.resolver';
import { HomeCareMutations } from './resolvers/home-care.mutations';
import { HouseholdAssistanceResolver } from './resolvers/household.resolver';
import { RegionStatsResolver } from './resolvers/region-stats.resolver';
import { ResidentAssistanceResolver } from './resolvers/resident.resolver';
import { ResidentWelfareResolver } from './resolvers/resident-welfare.resolver';
import { ServiceApplicationResolver } from './resolvers/service-application.resolver';
import { VolunteerResolver } from './resolvers/volunteer.resolver';
import { VolunteerTeamMutations } from './resolvers/volunteer-team.mutations';
import { WelfareMutations } from './resolvers/welfare.mutations';
import { WorklistResolver } from './resolvers/worklist.resolver';
import { civilAffairsAccessWords } from './access-words';
import { civilAffairsCorrections } from './corrections';
import { createCorrectionResolver } from '../../lib/corrections/resolver';

type Ref = { id: string };

export const buildCivilAffairsSchema = () =>
  buildSubgraph(
    'civil-affairs',
    {
      accessWords: civilAffairsAccessWords,
      resolvers: [
        // the facts of a person it lets the person correct (申请更正, lib/corrections)
        createCorrectionResolver('civil-affairs', civilAffairsCorrections),
        cohortMatchResolver('civil-affairs', civilAffairsCohort),
        AssistanceCaseResolver,
        AssistanceCaseMutations,
        ResidentAssistanceResolver,
        HouseholdAssistanceResolver,
        ResidentWelfareResolver,
        WelfareMutations,
        HomeCareMutations,
        ServiceApplicationResolver,
        FileOnBehalfResolver,
        VolunteerResolver,
        VolunteerTeamMutations,
        WorklistResolver,
        RegionStatsResolver,
      ],
      orphanedTypes: [RegionFigures],
    },
    {
      AssistanceCase: {
        __resolveReference: (ref: Ref, ctx: CivilAffairsContext) =>
          isId(ref.id) ? ctx.loaders.assistanceCase.load(ref.id.toLowerCase()) : null,
      },
      // population's entities: the key is all civil affairs knows; its fields resolve from the key
      // the representation carries the location the gateway fetched from population (@requires)
      Resident: { __resolveReference: (ref: Ref) => ({ ...ref }) },
      Household: { __resolveReference: (ref: Ref) => ({ ...ref }) },
    },
  );

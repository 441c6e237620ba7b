import { requireId } from '../../lib/errors';
import { cohortMatchResolver } from '../../lib/cohort/match';
import { buildSubgraph } from '../../lib/graphql/schema';
import { publicSecurityCohort } from './cohort';
import { IncidentPartyResolver, IncidentResolver } from './resolvers/incident.resolver';
import { KeyPersonMutations } from './resolvers/key-person.mutations';
import { SupervisionMutations } from './resolvers/key-person.supervision';
import { GridPoliceMutations } from './resolvers/grid-police.mutations';
import { IncidentMutations } from './resolvers/incident.mutations';
import { ResidencePermitMutations } from './resolvers/residence-permit.mutations';
import { KeyPersonResolver } from './resolvers/key-person.resolver';
import {
  BuildingResolver,
  GridPoliceResolver,
  PublicGridPoliceResolver,
  RegionResolver,
} from './resolvers/place.resolver';
import { CollectionResolver } from './resolvers/collection.resolver';
import { RentalMutations } from './resolvers/rental.mutations';
import { RentalResolver, RentalTenancyResolver } from './resolvers/rental.resolver';
import { ResidencePermitResolver } from './resolvers/residence-permit.resolver';
import { ResidentResolver } from './resolvers/resident.resolver';
import { Grid } from './entities/grid';
import { Region } from './entities/region';
import { RegionFigures } from './entities/region-figures';
import { RegionStatsResolver } from './resolvers/region-stats.resolver';
import { publicSecurityAccessWords } from './access-words';
import { publicSecurityCorrections } from './corrections';
import { createCorrectionResolver } from '../../lib/corrections/resolver';

type Ref = { id: string };

/** Another department's entity needs no lookup here (the fields public security adds load through the loaders), only a key check. */
const byKey = { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) };

/**
 * Resident, Building and Region are other departments' entities: public security adds fields to them. A Resident's
 * representation carries the location the gateway fetched from population (@requires), for the scope check.
 */
export const buildPublicSecuritySchema = () =>
  buildSubgraph(
    'public-security',
    {
      accessWords: publicSecurityAccessWords,
      // Region is reached by no field of public security's own: it is the entity public security adds `police` to
      orphanedTypes: [Region, Grid, RegionFigures],
      resolvers: [
        // the facts of a person it lets the person correct (申请更正, lib/corrections)
        createCorrectionResolver('public-security', publicSecurityCorrections),
        cohortMatchResolver('public-security', publicSecurityCohort),
        ResidentResolver,
        KeyPersonResolver,
        ResidencePermitResolver,
        RentalResolver,
        RentalTenancyResolver,
        RentalMutations,
        KeyPersonMutations,
        SupervisionMutations,
        ResidencePermitMutations,
        IncidentMutations,
        GridPoliceMutations,
        IncidentResolver,
        IncidentPartyResolver,
        BuildingResolver,
        RegionResolver,
        PublicGridPoliceResolver,
        GridPoliceResolver,
        RegionStatsResolver,
        CollectionResolver,
      ],
    },
    { Resident: byKey, Building: byKey, Region: byKey, Grid: byKey },
  );

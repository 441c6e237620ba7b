import { requireId } from '../../lib/errors';
import { cohortMatchResolver } from '../../lib/cohort/match';
import { buildSubgraph } from '../../lib/graphql/schema';
import { publicSecurityCohort } from './cohort';
import { KeyPersonResolver } from './resolvers/key-person.resolver';
import { ResidentResolver } from './resolvers/resident.resolver';

type Ref = { id: string };

/**
 * Resident is population's entity: its reference needs no lookup here (the fields public security adds
 * load through the per-request loaders), only a key check so a malformed key never reaches the database.
 */
export const buildPublicSecuritySchema = () =>
  buildSubgraph(
    'public-security',
    { resolvers: [cohortMatchResolver('public-security', publicSecurityCohort), ResidentResolver, KeyPersonResolver] },
    {
      // the representation carries the location the gateway fetched from population (@requires)
      Resident: { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) },
    },
  );

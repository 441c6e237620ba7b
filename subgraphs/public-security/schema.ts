import { requireId } from '../../lib/errors';
import { buildSubgraph } from '../../lib/graphql/schema';
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
    { resolvers: [ResidentResolver, KeyPersonResolver] },
    {
      // the representation carries the location the gateway fetched from population (@requires)
      Resident: { __resolveReference: (ref: Ref) => ({ ...ref, id: requireId(ref.id) }) },
    },
  );

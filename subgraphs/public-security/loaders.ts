import type { EntityManager } from '@mikro-orm/postgresql';
import { byId, oneBy } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { HouseholdRegistration } from './entities/household-registration';
import { KeyPerson } from './entities/key-person';

export function createLoaders(em: EntityManager) {
  return {
    keyPerson: byId(em, KeyPerson),
    registrationOfResident: oneBy(em, HouseholdRegistration, 'residentId', (r) => r.residentId),
    // at most one active record per resident (unique index); the order only makes the pick explicit
    activeKeyPersonOfResident: oneBy(em, KeyPerson, 'residentId', (k) => k.residentId, { where: { active: true }, orderBy: { since: 'desc' } }),
  };
}

export type PublicSecurityContext = RequestContext<ReturnType<typeof createLoaders>>;

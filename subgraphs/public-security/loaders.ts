import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { byId } from '../../lib/db/loaders';
import type { RequestContext } from '../../lib/context';
import { HouseholdRegistration } from './entities/household-registration';
import { KeyPerson } from './entities/key-person';

/**
 * For each key, the one row whose `column` holds it (or null), in one statement per batch; with `where`,
 * only rows that also match it, and the first by `orderBy` when several do. (Could move to lib/db/loaders.ts.)
 */
function oneBy<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  column: string,
  key: (row: T) => string,
  options: { where?: FilterQuery<T>; orderBy?: Record<string, 'asc' | 'desc'> } = {},
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const where = { ...(options.where as object), [column]: { $in: [...keys] } } as unknown as FilterQuery<T>;
    const rows = await em.find(entity, where, { orderBy: options.orderBy } as never);
    const first = new Map<string, T>();
    for (const row of rows) if (!first.has(key(row))) first.set(key(row), row);
    return keys.map((k) => first.get(k) ?? null);
  });
}

export function createLoaders(em: EntityManager) {
  return {
    keyPerson: byId(em, KeyPerson),
    registrationOfResident: oneBy(em, HouseholdRegistration, 'residentId', (r) => r.residentId),
    // at most one active record per resident (unique index); the order only makes the pick explicit
    activeKeyPersonOfResident: oneBy(em, KeyPerson, 'residentId', (k) => k.residentId, { where: { active: true }, orderBy: { since: 'desc' } }),
  };
}

export type PublicSecurityContext = RequestContext<ReturnType<typeof createLoaders>>;

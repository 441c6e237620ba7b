import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { scopeCondition } from './scope-sql';
import type { ForwardedIdentity } from './forwarded';

/**
 * One record asked for by id at the root, looked up with the caller's data scope in the same statement: a record
 * outside the scope then costs exactly what one nobody issued does (one statement, nothing found), where looking up its
 * place afterwards would take longer for the record that exists — an existence oracle by timing. A district-wide
 * caller needs no condition and is served by the loader; what is found is primed into it for the rest of the request.
 */
export async function findInScope<T extends { id: string }>(
  ctx: { em: EntityManager; identity: ForwardedIdentity },
  entity: EntityName<T>,
  id: string,
  place: { building: string; communityCode: string },
  loader: DataLoader<string, T | null>,
): Promise<T | null> {
  const scope = ctx.identity.resolvedScope;
  if (scope.all) return loader.load(id);
  const found = await ctx.em.findOne(entity, {
    $and: [{ id }, scopeCondition(scope, place)],
  } as unknown as FilterQuery<T>);
  if (found) loader.prime(id, found);
  return found;
}

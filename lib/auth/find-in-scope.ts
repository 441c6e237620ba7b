import type { EntityManager, EntityName, FilterQuery, FindOneOptions } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { scopeCondition } from './scope-sql';
import type { ForwardedIdentity } from './forwarded';
import type { ResolvedScope } from './scope';

/**
 * The record with this id if it is inside `scope`, decided in the statement that finds it (see `findInScope`); for a
 * change, which reads its record in its own transaction (`em`) with what the change needs populated.
 */
export function findOneInScope<T extends object, P extends string = never>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string,
  scope: ResolvedScope,
  place: { building: string; communityCode: string },
  options?: FindOneOptions<T, P>,
) {
  return em.findOne(entity, { $and: [{ id }, scopeCondition(scope, place)] } as unknown as FilterQuery<T>, options);
}

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
  const found = await findOneInScope(ctx.em, entity, id, scope, place);
  if (found) loader.prime(id, found);
  return found as T | null;
}

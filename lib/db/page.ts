import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { requireId } from '../errors';
import { type Connection, type Page, toConnection } from '../graphql/paging';

/** One page of `entity` rows matching `where`, keyset-paged on the id, with the total count of all matches. */
export async function findPage<T extends { id: string }>(em: EntityManager, entity: EntityName<T>, where: FilterQuery<T>, page: Page): Promise<Connection<T>> {
  const pageWhere = page.afterKey ? { $and: [where, { id: { $gt: requireId(page.afterKey, 'after') } }] } : where;
  const [rows, total] = await Promise.all([
    em.find(entity, pageWhere as FilterQuery<T>, { orderBy: { id: 'asc' }, limit: page.limit + 1 } as never),
    em.count(entity, where),
  ]);
  return toConnection(rows as T[], page, total);
}

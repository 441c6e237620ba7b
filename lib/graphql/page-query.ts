import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import { requireId } from '../errors';
import { type Connection, type Page, toConnection } from './paging';
import type { SqlCondition } from '../auth/scope-sql';
import { asEntity } from '../db/as-entity';

/** One page of `entity` rows matching `where`, keyset-paged on the id, with the total count of all matches. */
export async function findPage<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: Page,
): Promise<Connection<T>> {
  const pageWhere = page.afterKey ? { $and: [where, { id: { $gt: requireId(page.afterKey, 'after') } }] } : where;
  const [rows, total] = await Promise.all([
    em.find(entity, pageWhere as FilterQuery<T>, { orderBy: { id: 'asc' }, limit: page.limit + 1 } as never),
    em.count(entity, where),
  ]);
  return toConnection(rows as T[], page, total);
}

/**
 * One page of `entity` rows of `table` (aliased `t`) meeting a raw SQL condition (`?` placeholders), keyset-paged on
 * the id, with the total count: for conditions the ORM's filters cannot say (e.g. "its latest inspection is older than
 * its interval"). Two statements, whatever the page size.
 */
export async function findPageWhere<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  table: string,
  condition: SqlCondition,
  page: Page,
): Promise<Connection<T>> {
  const after = page.afterKey ? requireId(page.afterKey, 'after') : null;
  const [rows, [{ total }]] = await Promise.all([
    em.execute<Record<string, unknown>[]>(
      `select t.* from "${table}" t where ${condition.sql}${after ? ' and t.id > ?' : ''} order by t.id limit ?`,
      [...condition.params, ...(after ? [after] : []), page.limit + 1],
    ),
    em.execute<{ total: string }[]>(
      `select count(*) as total from "${table}" t where ${condition.sql}`,
      condition.params,
    ),
  ]);
  return toConnection(rows.map((row) => asEntity(em, entity, row)) as T[], page, Number(total));
}

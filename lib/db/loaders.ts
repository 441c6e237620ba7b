import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

/**
 * Loads entities by primary key in one statement per batch; results follow the keys' order,
 * null for keys with no row (DataLoader's contract).
 */
export function byId<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
    const byKey = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/**
 * Loads, for each key, every entity whose `column` holds that key, in one statement per batch.
 * `key` reads the column's value from a loaded row (a plain id or a relation's id).
 */
export function manyBy<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  column: string,
  key: (row: T) => string,
  orderBy: Record<string, 'asc' | 'desc'> = { id: 'asc' },
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await em.find(entity, { [column]: { $in: [...keys] } } as unknown as FilterQuery<T>, { orderBy } as never);
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(key(row))?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/**
 * Loads, for each key, the first entity whose `column` holds that key (in `orderBy` order), in one statement
 * per batch; null where there is none.
 */
export function oneBy<T extends object>(
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

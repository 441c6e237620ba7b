import DataLoader from 'dataloader';
import { createHash } from 'node:crypto';
import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import { asEntity } from './as-entity';
import { preparedByKeys } from './prepared';

type Order = Record<string, 'asc' | 'desc'>;
/** simple equality conditions on the entity's own columns, e.g. `{ active: true }` */
type Equalities = Record<string, string | number | boolean>;

interface Statement {
  /** the prepared statement's name on each connection */
  name: string;
  sql: string;
  params: unknown[];
}

const statements = new Map<string, Statement>();

/**
 * `select * from <table> where <column> = any($1) [and …] order by …`, written once per entity and question from the
 * ORM's metadata and prepared once per connection. The hot read paths are lookups by key, where building the same
 * query through the ORM's query builder, and PostgreSQL planning it again, on every request cost more than the lookup
 * itself; the rows still become entities through the ORM (`em.map`), so resolvers see the same objects, references
 * and identity map.
 */
function statement(
  em: EntityManager,
  entity: EntityName<object>,
  column: string,
  orderBy: Order,
  where: Equalities,
): Statement {
  const meta = em.getMetadata().find(entity)!;
  const cacheKey = JSON.stringify([meta.className, column, orderBy, where]);
  let cached = statements.get(cacheKey);
  if (!cached) {
    const field = (property: string) => {
      const prop = meta.properties[property as never] as { fieldNames?: string[] } | undefined;
      if (!prop?.fieldNames?.length) throw new Error(`${meta.className}.${property} is not a column`);
      return `"${prop.fieldNames[0]}"`;
    };
    const table = meta.schema && meta.schema !== '*' ? `"${meta.schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
    const conditions = [`${field(column)} = any($1)`, ...Object.keys(where).map((p, i) => `${field(p)} = $${i + 2}`)];
    const order = Object.entries(orderBy).map(
      ([p, direction]) => `${field(p)} ${direction === 'desc' ? 'desc' : 'asc'}`,
    );
    const sql = `select * from ${table} where ${conditions.join(' and ')}${order.length ? ` order by ${order.join(', ')}` : ''}`;
    cached = {
      name: `hub_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`,
      sql,
      params: Object.values(where),
    };
    statements.set(cacheKey, cached);
  }
  return cached;
}

/** The entities whose `column` is one of `keys` (and that meet `where`), in `orderBy` order, in one statement. */
async function selectBy<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  column: string,
  keys: readonly string[],
  orderBy: Order = {},
  where: Equalities = {},
): Promise<T[]> {
  const { name, sql, params } = statement(em, entity as EntityName<object>, column, orderBy, where);
  const rows = await preparedByKeys(em, name, sql, keys, params);
  return rows.map((row) => asEntity(em, entity, row));
}

/**
 * Loads entities by primary key in one statement per batch; results follow the keys' order,
 * null for keys with no row (DataLoader's contract).
 */
export function byId<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await selectBy(em, entity, 'id', ids);
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
  orderBy: Order = { id: 'asc' },
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await selectBy(em, entity, column, keys, orderBy);
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
  options: { where?: Equalities; orderBy?: Order } = {},
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const rows = await selectBy(em, entity, column, keys, options.orderBy, options.where);
    const first = new Map<string, T>();
    for (const row of rows) if (!first.has(key(row))) first.set(key(row), row);
    return keys.map((k) => first.get(k) ?? null);
  });
}

import type { EntityManager, EntityName, EntityProperty } from '@mikro-orm/postgresql';

const columnsCache = new Map<string, string>();

/**
 * An entity's columns (scalars and many-to-one keys, from the ORM's metadata) as `alias."col" as "alias.col"`, for a
 * statement that joins several tables into one row; `rowPart` takes each table's part back out for `asEntity`.
 */
export function aliasedColumns(em: EntityManager, entity: EntityName<object>, alias: string): string {
  const meta = em.getMetadata().find(entity)!;
  const key = `${meta.className}:${alias}`;
  let cached = columnsCache.get(key);
  if (cached === undefined) {
    cached = (Object.values(meta.properties) as EntityProperty[])
      .filter((p) => (p.kind === 'scalar' || p.kind === 'm:1') && p.persist !== false && p.fieldNames?.length)
      .flatMap((p) => p.fieldNames)
      .map((c) => `${alias}."${c}" as "${alias}.${c}"`)
      .join(', ');
    columnsCache.set(key, cached);
  }
  return cached;
}

/** The part of a joined row whose columns start with `alias.`, under their own names; null when its key is null (an outer join found nothing). */
export function rowPart(row: Record<string, unknown>, alias: string): Record<string, unknown> | null {
  const prefix = `${alias}.`;
  const out: Record<string, unknown> = {};
  for (const column in row) if (column.startsWith(prefix)) out[column.slice(prefix.length)] = row[column];
  return out.id == null ? null : out;
}

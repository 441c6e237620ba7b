import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { scopeSql } from '../../../lib/auth/scope-sql';
import { type Connection, encodeCursor, type Page } from '../../../lib/graphql/paging';
import { Facility, type FacilityCondition } from '../entities/facility';
import { SUBTREE_IDS } from '../entities/region';
import { pageOf, readCursor } from '../events/query';
import { asEntity } from '../../../lib/db/as-entity';

export interface FacilityFilter {
  regionId: string;
  classCode?: string | null;
  condition?: FacilityCondition | null;
}

const cursorOf = (f: Facility) => encodeCursor(`${f.recordedAt.toISOString()}|${f.id}`);

/**
 * One page of the facilities in a region's subtree that meet the filter and stand inside the caller's scope (the same
 * place rule as a single facility's, so the list and its count agree), newest first, with the count of all of them.
 */
export async function findFacilities(
  em: EntityManager,
  ctx: AccessContext,
  filter: FacilityFilter,
  page: Page,
): Promise<Connection<Facility>> {
  const place = scopeSql(ctx.identity.resolvedScope, {
    building: 'coalesce(f.building_id, f.scope_building_id)',
    communityCode: 'f.community_code',
  });
  const where = [place.sql, `f.region_id in (${SUBTREE_IDS})`];
  const params: unknown[] = [...place.params, filter.regionId];
  if (filter.classCode) where.push('f.class_code = ?'), params.push(filter.classCode);
  if (filter.condition) where.push('f.condition = ?'), params.push(filter.condition);
  const keyset = page.afterKey ? readCursor(page.afterKey) : null;
  const pageWhere = keyset ? [...where, '(f.recorded_at, f.id) < (?::timestamptz, ?::uuid)'] : where;
  const [rows, [{ total }]] = await Promise.all([
    em.execute(
      `select f.* from facility f where ${pageWhere.join(' and ')} order by f.recorded_at desc, f.id desc limit ${page.limit + 1}`,
      [...params, ...(keyset ?? [])],
    ),
    em.execute<{ total: number }[]>(
      `select count(*)::int as total from facility f where ${where.join(' and ')}`,
      params,
    ),
  ]);
  return pageOf(
    rows.map((row) => asEntity(em, Facility, row)),
    page,
    total,
    cursorOf,
  );
}

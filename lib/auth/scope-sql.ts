import type { ResolvedScope } from './scope';

/**
 * A data scope as a MikroORM condition, so lists and their counts stay inside it: `place` names (dotted paths) the
 * properties that hold a record's building and its community code, e.g. `household.building` for a resident.
 */
export function scopeCondition(scope: ResolvedScope, place: { building: string; communityCode: string }): object {
  if (scope.all) return {};
  const at = (path: string, value: unknown): object =>
    path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as object;
  const places = scope.codePrefixes.map((prefix) => at(place.communityCode, { $like: `${prefix}%` }));
  if (scope.buildingIds.length) places.push(at(place.building, { $in: scope.buildingIds }));
  return places.length ? { $or: places } : { id: { $in: [] } };
}

/** The `place` of a record that keeps its own building and community code (lib/auth/scope.ts PlacedRecord). */
export const OWN_PLACE = { building: 'buildingId', communityCode: 'communityCode' };

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** The same data scope as a raw SQL condition (`?` placeholders) over the given building and community-code columns. */
export function scopeSql(scope: ResolvedScope, columns: { building: string; communityCode: string }): SqlCondition {
  if (scope.all) return { sql: 'true', params: [] };
  const parts = scope.codePrefixes.map(() => `${columns.communityCode} like ?`);
  const params: unknown[] = scope.codePrefixes.map((prefix) => `${prefix}%`);
  if (scope.buildingIds.length) {
    parts.push(`${columns.building} = any(?::uuid[])`);
    params.push(`{${scope.buildingIds.join(',')}}`);
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : { sql: 'false', params: [] };
}

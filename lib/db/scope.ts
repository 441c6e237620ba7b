import type { ResolvedScope } from '../auth/scope';

/**
 * A data scope as a MikroORM condition, so lists and their counts stay inside it: `place` names (dotted paths) the
 * properties that hold a record's building and its community code, e.g. `household.building` for a resident.
 */
export function scopeCondition(scope: ResolvedScope, place: { building: string; communityCode: string }): object {
  if (scope.all) return {};
  const at = (path: string, value: unknown): object => path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as object;
  const places = scope.codePrefixes.map((prefix) => at(place.communityCode, { $like: `${prefix}%` }));
  if (scope.buildingIds.length) places.push(at(place.building, { $in: scope.buildingIds }));
  return places.length ? { $or: places } : { id: { $in: [] } };
}

/** The `place` of a record that keeps its own building and community code (lib/auth/scope.ts PlacedRecord). */
export const OWN_PLACE = { building: 'buildingId', communityCode: 'communityCode' };

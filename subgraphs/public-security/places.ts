import type { PlacedRecord, ResolvedScope } from '../../lib/auth/scope';
import { scopeSql, type SqlCondition } from '../../lib/auth/scope-sql';
import { badInput } from '../../lib/errors';
import type { Resident } from './entities/resident';
import type { PublicSecurityContext } from './loaders';

/**
 * A resident reached through one of public security's records (a permit, a tenancy, an incident), carrying that
 * record's place: the record is in the caller's scope, and a resident reached through a record in scope shares its
 * decision (docs/security.md). Population decides again on every field of its own.
 */
export const residentAt = (residentId: string, place: PlacedRecord): Resident => ({
  id: residentId,
  household: { id: '', building: { id: place.buildingId ?? '', communityCode: place.communityCode ?? '' } },
});

/**
 * Where a list looks: inside the caller's data scope (which the gateway resolved through grid, the owner of the region
 * tree: community codes for districts, streets and communities, the buildings of grids and micro-grids), narrowed to a
 * division code if given — 6 digits a district, 9 a street, 12 a community — over the record's place columns `t.*`.
 */
export function placeCondition(
  ctx: PublicSecurityContext,
  divisionCode: string | null | undefined,
  field = 'divisionCode',
  within: ResolvedScope = ctx.identity.resolvedScope,
): SqlCondition {
  const scope = scopeSql(within, { building: 't.building_id', communityCode: 't.community_code' });
  if (divisionCode == null) return scope;
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(divisionCode)) {
    throw badInput(
      `${field} "${divisionCode}" must be a division code of 6 (district), 9 (street) or 12 (community) digits; for a grid, use a token scoped to it or the cohort search`,
      field,
    );
  }
  return { sql: `${scope.sql} and t.community_code like ?`, params: [...scope.params, `${divisionCode}%`] };
}

/** `a and b`, as one condition. */
export const both = (a: SqlCondition, b: SqlCondition): SqlCondition => ({
  sql: `(${a.sql}) and (${b.sql})`,
  params: [...a.params, ...b.params],
});

import type { ForwardedIdentity } from '../../../lib/auth/forwarded';
import type { Location, ResolvedScope } from '../../../lib/auth/scope';
import { scopeSql, type SqlCondition } from '../../../lib/auth/scope-sql';
import type { CollectedRental } from '../entities/collected-rental';

/*
 * Where a collected rental is, for the police's scope. Once its building is known (a registered rental's, or the
 * household's after verification) that building decides. Before, the household is somewhere in the collector's data
 * scope (grid recorded the visit only inside it): the item is in a caller's scope when the two scopes meet — a building
 * of both, or a community or street of the collector's inside the caller's. Verifying asks population again, as the
 * officer, so nothing is registered outside the officer's own scope.
 */

/** The item's place as the caller's scope sees it: its building, or a place of the collector's scope inside the caller's. */
export function collectedPlaceIn(item: CollectedRental, ctx: { identity: ForwardedIdentity }): Location | null {
  if (item.buildingId) return { buildingId: item.buildingId, communityCode: item.communityCode };
  const scope = ctx.identity.resolvedScope;
  if (scope.all) return {};
  const building = item.scopeBuildings.find((b) => scope.buildingIds.includes(b));
  if (building) return { buildingId: building };
  const code = item.scopeCodes.find((c) => scope.codePrefixes.some((prefix) => c.startsWith(prefix)));
  return code ? { communityCode: code } : null;
}

/** The same rule as a SQL condition over `collected_rental t`, for the worklist and its counts. */
export function collectedScopeSql(scope: ResolvedScope): SqlCondition {
  if (scope.all) return { sql: 'true', params: [] };
  const placed = scopeSql(scope, { building: 't.building_id', communityCode: 't.community_code' });
  return {
    sql: `(case when t.building_id is not null then ${placed.sql} else (t.scope_buildings && ?::uuid[] or exists (select 1 from unnest(t.scope_codes) c where c like any(?::text[]))) end)`,
    params: [
      ...placed.params,
      `{${scope.buildingIds.join(',')}}`,
      `{${scope.codePrefixes.map((p) => `${p}%`).join(',')}}`,
    ],
  };
}

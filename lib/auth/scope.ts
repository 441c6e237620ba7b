/**
 * A data scope resolved to what every department can check on its own records: the division-code prefixes of the
 * communities, streets or district it covers, and, for grid and micro-grid scopes, the buildings in them.
 */
export interface ResolvedScope {
  /** the whole district (no check needed) */
  all: boolean;
  /** a record whose community code starts with one of these is in scope */
  codePrefixes: string[];
  /** a record in one of these buildings is in scope */
  buildingIds: string[];
}

export const NO_SCOPE: ResolvedScope = { all: false, codePrefixes: [], buildingIds: [] };

/** Where a personal record is: its building and the 12-digit code of the community the building stands in. */
export interface Location {
  buildingId?: string | null;
  communityCode?: string | null;
}

export function inScope(scope: ResolvedScope, location: Location | null | undefined): boolean {
  if (scope.all) return true;
  if (!location) return false;
  if (location.buildingId && scope.buildingIds.includes(location.buildingId)) return true;
  const code = location.communityCode?.trim();
  return !!code && scope.codePrefixes.some((prefix) => code.startsWith(prefix));
}

/** A department's own record that keeps where it is handled (a case, a supervision record) in its own columns. */
export interface PlacedRecord {
  buildingId?: string | null;
  communityCode?: string | null;
}

export const placeOfRecord = (record: PlacedRecord): Location => ({
  buildingId: record.buildingId,
  communityCode: record.communityCode,
});

interface BuildingRef {
  id?: string | null;
  communityCode?: string | null;
}

/**
 * The location population sends along in a representation (`household { building { id communityCode } }` on a
 * Resident, `building { id communityCode }` on a Household) when a field @requires it.
 */
export function locationOfRepresentation(representation: {
  household?: { building?: BuildingRef | null } | null;
  building?: BuildingRef | null;
}): Location | null {
  const building = representation.building ?? representation.household?.building;
  return building?.id ? { buildingId: building.id, communityCode: building.communityCode ?? null } : null;
}

/** The @requires selection that brings a resident's location to a department that does not own it. */
export const RESIDENT_LOCATION = 'household { building { id communityCode } }';
export const HOUSEHOLD_LOCATION = 'building { id communityCode }';

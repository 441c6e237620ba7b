import { inScope, type Location, type ResolvedScope } from './scope';

/**
 * The administrative level an official acts at over one record (办理层级): the district (区), its street (街道), or
 * below — the community or a grid in it (社区). Division codes say it: 6 digits a district, 9 a street, 12 a community.
 */
export const LEVELS = ['COMMUNITY', 'STREET', 'DISTRICT'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_TERMS: Record<Level, string> = { COMMUNITY: '社区', STREET: '街道', DISTRICT: '区' };

const CODE_LENGTH: [number, Level][] = [
  [6, 'DISTRICT'],
  [9, 'STREET'],
];

/**
 * The highest level `scope` reaches over a record at `location`: DISTRICT when it covers the whole district, STREET when
 * it covers the record's whole street, COMMUNITY when it covers the record some narrower way; null outside the scope.
 */
export function levelOver(scope: ResolvedScope, location: Location): Level | null {
  if (scope.all) return 'DISTRICT';
  if (!inScope(scope, location)) return null;
  const code = location.communityCode?.trim() ?? '';
  const covering = scope.codePrefixes.filter((prefix) => code.startsWith(prefix)).map((prefix) => prefix.length);
  const widest = covering.length ? Math.min(...covering) : Number.POSITIVE_INFINITY;
  return CODE_LENGTH.find(([length]) => widest <= length)?.[1] ?? 'COMMUNITY';
}

/** Whether `level` is `needed` or above it. */
export const reaches = (level: Level | null, needed: Level): boolean =>
  level !== null && LEVELS.indexOf(level) >= LEVELS.indexOf(needed);

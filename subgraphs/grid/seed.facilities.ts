import { stableUuid } from '../../runner/synthetic/random';
import type { World } from '../../runner/synthetic/world';
import { FacilityCondition } from './entities/facility';

export interface FacilityRow {
  id: string;
  classCode: string;
  name: string;
  regionId: string;
  communityCode: string;
  buildingId: string | null;
  scopeBuildingId: string | null;
  longitude: number | null;
  latitude: number | null;
  condition: FacilityCondition;
  recordedAt: Date;
}

/** When the demo register was taken (部件普查): one minute apart, so the register's order is fixed. */
const CENSUS = Date.UTC(2024, 2, 1, 1, 0);

/**
 * A few city components per grid (采物): a hydrant and a camera at its first buildings, a street lamp and a manhole
 * cover at coordinates beside the first building, in its micro-grid; every third grid's lamp is DAMAGED.
 * Deterministic for a world.
 */
export function* facilityRows(world: World): Generator<FacilityRow> {
  const gridOfMicro = new Map(world.regions.filter((r) => r.level === 'MICRO_GRID').map((r) => [r.id, r.parentId!]));
  // the first building by key of each micro-grid: what a facility at coordinates there goes by for the scope
  const firstOf = new Map<string, string>();
  for (const b of world.buildings)
    if (!firstOf.has(b.microGridId) || b.id < firstOf.get(b.microGridId)!) firstOf.set(b.microGridId, b.id);
  // each grid's buildings in the world's order, gathered in one pass (not one pass over all buildings per grid)
  const buildingsOf = new Map<string, World['buildings']>();
  for (const b of world.buildings) {
    const grid = gridOfMicro.get(b.microGridId)!;
    const buildings = buildingsOf.get(grid);
    if (buildings) buildings.push(b);
    else buildingsOf.set(grid, [b]);
  }
  let n = 0;
  const grids = world.regions.filter((r) => r.level === 'GRID');
  for (const [g, grid] of grids.entries()) {
    const buildings = buildingsOf.get(grid.id);
    if (!buildings) continue;
    const [first, second = first] = buildings;
    const row = (classCode: string, name: string, at: (typeof buildings)[number], standsAt: boolean) => ({
      id: stableUuid(world.seed, 'facility', n),
      classCode,
      name,
      regionId: at.microGridId,
      communityCode: at.communityCode,
      buildingId: standsAt ? at.id : null,
      scopeBuildingId: standsAt ? null : firstOf.get(at.microGridId)!,
      longitude: standsAt ? null : Math.round((at.longitude + 0.0004) * 1e6) / 1e6,
      latitude: standsAt ? null : Math.round((at.latitude + 0.0002) * 1e6) / 1e6,
      condition: FacilityCondition.GOOD,
      recordedAt: new Date(CENSUS + n++ * 60_000),
    });
    yield row('0117', `${first.name}消防栓`, first, true);
    yield row('0124', `${second.name}监控电子眼`, second, true);
    yield {
      ...row('0131', `${first.name}旁路灯`, first, false),
      condition: g % 3 === 2 ? FacilityCondition.DAMAGED : FacilityCondition.GOOD,
    };
    yield row('0101', `${first.name}旁上水井盖`, first, false);
  }
}

import { copyRows } from '../../lib/db/copy';
import type { DepartmentSeeder } from '../../lib/synthetic/seeder';
import type { World, WorldRegion } from '../../lib/synthetic/world';
import { GridType } from './entities/enums';
import { staffRows } from './seed.staff';

/** Materialized paths ('/<district id>/…/<own id>/'); world.regions lists every parent before its children. */
function paths(regions: WorldRegion[]): Map<string, string> {
  const path = new Map<string, string>();
  for (const r of regions) {
    const above = r.parentId ? path.get(r.parentId) : '/';
    if (above === undefined) throw new Error(`region ${r.code} comes before its parent ${r.parentId}`);
    path.set(r.id, `${above}${r.id}/`);
  }
  return path;
}

/** Grid's slice: the region tree, every building's micro-grid, and the grid workforce. */
export const seedGrid: DepartmentSeeder = async (client, world: World) => {
  const path = paths(world.regions);
  const { staff, links } = staffRows(world);
  return {
    region: await copyRows(client, 'region', ['id', 'parent_id', 'level', 'code', 'name', 'grid_type', 'target_households', 'path'], world.regions, (r) => [
      r.id, r.parentId, r.level, r.code, r.name, r.gridType && GridType[r.gridType], r.targetHouseholds, path.get(r.id),
    ]),
    building_assignment: await copyRows(client, 'building_assignment', ['building_id', 'micro_grid_id'], world.buildings, (b) => [b.id, b.microGridId]),
    staff: await copyRows(client, 'staff', ['id', 'name', 'role', 'phone'], staff, (s) => [s.id, s.name, s.role, s.phone]),
    staff_region: await copyRows(client, 'staff_region', ['staff_id', 'region_id'], links, (l) => [l.staffId, l.regionId]),
  };
};

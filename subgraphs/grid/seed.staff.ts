import { pickName } from '../../runner/synthetic/names';
import { Rng, stableUuid } from '../../runner/synthetic/random';
import { gridPoliceOf, type World } from '../../runner/synthetic/world';
import { StaffRole } from './entities/enums';

export interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  phone: string;
  /** office line (办公电话), public on the contact card; volunteers have none */
  officePhone: string | null;
}

export interface StaffLink {
  staffId: string;
  regionId: string;
}

const MOBILE_PREFIXES = ['135', '136', '138', '139', '150', '158', '186', '187', '177'];

/**
 * The grid workforce (网格力量) of the district: per community a grid leader and 2-4 volunteers; per grid a
 * full-time worker and a grid police officer; a part-time worker per two grids of a community; a building
 * leader per three buildings (linked to their micro-grids).
 */
export function staffRows(world: World): { staff: StaffRow[]; links: StaffLink[] } {
  const rng = new Rng(world.seed + 7);
  // office lines from a source of their own, so the workforce is the same as before they were added
  const office = new Rng(world.seed + 8);
  const staff: StaffRow[] = [];
  const links: StaffLink[] = [];
  const hire = (role: StaffRole, regionIds: Iterable<string>) => {
    const id = stableUuid(world.seed, 'staff', staff.length);
    const name = pickName(rng, rng.next() < 0.5 ? 'MALE' : 'FEMALE');
    const phone = `${MOBILE_PREFIXES[rng.int(MOBILE_PREFIXES.length)]}${String(rng.int(1e8)).padStart(8, '0')}`;
    const officePhone = role === StaffRole.VOLUNTEER ? null : `010-6${String(office.int(1e7)).padStart(7, '0')}`;
    staff.push({ id, name, role, phone, officePhone });
    for (const regionId of new Set(regionIds)) links.push({ staffId: id, regionId });
  };

  // public security assigns the grid police (Region.police); grid lists the same officers in its workforce
  const policeOf = new Map(gridPoliceOf(world).map((p) => [p.gridId, p]));
  const gridsOf = new Map<string, string[]>();
  for (const r of world.regions) {
    if (r.level === 'COMMUNITY') gridsOf.set(r.id, []);
    else if (r.level === 'GRID') gridsOf.get(r.parentId!)?.push(r.id);
  }
  for (const [communityId, grids] of gridsOf) {
    hire(StaffRole.GRID_LEADER, [communityId]);
    for (const gridId of grids) {
      hire(StaffRole.FULL_TIME_WORKER, [gridId]);
      const police = policeOf.get(gridId)!;
      // their police station's duty line is the office phone a resident calls
      staff.push({
        id: police.id,
        name: police.name,
        role: StaffRole.GRID_POLICE,
        phone: police.phone,
        officePhone: `010-6${String(office.int(1e7)).padStart(7, '0')}`,
      });
      links.push({ staffId: police.id, regionId: gridId });
    }
    for (let g = 0; g < grids.length; g += 2) hire(StaffRole.PART_TIME_WORKER, grids.slice(g, g + 2));
    const volunteers = 2 + rng.int(3);
    for (let v = 0; v < volunteers; v++) hire(StaffRole.VOLUNTEER, [communityId]);
  }
  for (let b = 0; b < world.buildings.length; b += 3) {
    hire(
      StaffRole.BUILDING_LEADER,
      world.buildings.slice(b, b + 3).map((building) => building.microGridId),
    );
  }
  return { staff, links };
}

import { notVisible, requireId } from '../../../lib/errors';
import { StaffRole, STAFF_ROLE_TERMS } from '../entities/enums';
import { SUBTREE_IDS } from '../entities/region';
import type { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';
import { manages } from './access';
import { AssignmentStatus, StaffAssignment } from './entities';

export interface WorkforceMemberRow {
  staff: Staff;
  assignments: StaffAssignment[];
}

export interface WorkforceGroupRow {
  role: StaffRole;
  term: string;
  members: WorkforceMemberRow[];
}

/** The regions whose people serve a grid: the grid, its micro-grids, and its community (`?`: the grid, the grid). */
export const AREA_OF_GRID = `select id from region where id in (${SUBTREE_IDS}) or id = (select parent_id from region where id = ?)`;

/**
 * A grid's own workforce now (网格力量), by role in the catalogue's order, each member with their active assignments
 * there (none for the workforce recorded before assignments were kept). The grid police are public security's: they
 * are not listed here (the answer's grid carries them, from public security).
 */
export async function workforceOf(ctx: GridContext, gridId: string): Promise<WorkforceGroupRow[]> {
  const area = (await ctx.em.execute<{ id: string }[]>(AREA_OF_GRID, [gridId, gridId])).map((r) => r.id);
  const linked = await ctx.em.execute<{ staff_id: string }[]>(
    'select distinct staff_id from staff_region where region_id = any(?::uuid[])',
    [`{${area.join(',')}}`],
  );
  const staff = (await ctx.loaders.staff.loadMany(linked.map((l) => l.staff_id))).filter(
    (s): s is Staff => !!s && !(s instanceof Error) && s.role !== StaffRole.GRID_POLICE,
  );
  const assignments = await ctx.em.find(
    StaffAssignment,
    { staff: { $in: staff.map((s) => s.id) }, region: { $in: area }, status: AssignmentStatus.ACTIVE },
    { orderBy: { validFrom: 'asc', id: 'asc' } },
  );
  return Object.values(StaffRole)
    .filter((role) => role !== StaffRole.GRID_POLICE)
    .map((role) => ({
      role,
      term: STAFF_ROLE_TERMS[role],
      members: staff
        .filter((s) => s.role === role)
        .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id))
        .map((s) => ({ staff: s, assignments: assignments.filter((a) => a.staff.id === s.id) })),
    }))
    .filter((group) => group.members.length > 0);
}

/**
 * A member's assignments, newest first: those in regions the caller manages. NOT_FOUND (audited) when the member
 * does not exist or serves and served nowhere the caller manages.
 */
export async function assignmentHistory(ctx: GridContext, id: string): Promise<StaffAssignment[]> {
  const staffId = requireId(id, 'staffId');
  const [all, links] = await Promise.all([
    ctx.em.find(StaffAssignment, { staff: staffId }, { orderBy: { validFrom: 'desc', id: 'desc' } }),
    ctx.loaders.regionsOfStaff.load(staffId),
  ]);
  const regionIds = [...new Set([...all.map((a) => a.region.id), ...links.map((r) => r.id)])];
  const managed = new Set<string>();
  for (const regionId of regionIds) {
    const region = await ctx.loaders.region.load(regionId);
    if (region && (await manages(ctx, region))) managed.add(regionId);
  }
  if (managed.size === 0) {
    ctx.audit.note('READ', 'Staff', staffId, 'assignments', 'DENIED');
    throw notVisible('Staff', staffId);
  }
  return all.filter((a) => managed.has(a.region.id));
}

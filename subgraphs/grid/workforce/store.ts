import { randomUUID } from 'node:crypto';
import { badInput, notVisible, requireId } from '../../../lib/errors';
import { CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { RegionLevel, StaffRole } from '../entities/enums';
import type { Region } from '../entities/region';
import { Staff } from '../entities/staff';
import type { GridContext } from '../loaders';
import { gridFor, manages } from './access';
import { AssignmentStatus, StaffAssignment, StaffEnrolment } from './entities';
import { assignmentWorkflow } from './workflow';

export interface NewStaff {
  idempotencyKey: string;
  name: string;
  role: StaffRole;
  phone: string;
  officePhone?: string | null;
  homeUnit?: string | null;
  account?: string | null;
  gridId?: string | null;
  buildingIds?: string[] | null;
  reason: string;
}

export interface NewAssignment {
  idempotencyKey: string;
  staffId: string;
  gridId?: string | null;
  buildingId?: string | null;
  reason: string;
}

/** The roles sent down from another unit, who carry their home unit (派出单位). */
const SENT_DOWN = new Set<StaffRole>([StaffRole.SENT_DOWN_OFFICIAL, StaffRole.LIAISON_OFFICIAL]);
const MAX_TEXT = 200;
const MAX_REASON = 1000;
const MAX_BUILDINGS = 20;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

function text(value: string | null | undefined, field: string, max: number, what: string): string {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw badInput(`${field} must not be empty: ${what}`, field);
  if (trimmed.length > max) throw badInput(`${field} is longer than ${max} characters`, field);
  return trimmed;
}

const readReason = (reason: string) => text(reason, 'reason', MAX_REASON, 'say why (e.g. "新聘专职网格员")');

/** Grid's police are public security's (assignGridPolice): grid shows them, it does not keep a second copy. */
function refusePolice(role: StaffRole): void {
  if (role === StaffRole.GRID_POLICE)
    throw badInput(
      'grid police (网格警) are assigned by public security (assignGridPolice); grid shows them beside its own workforce',
      'role',
    );
}

/** A place to assign to: a grid or micro-grid, or — for a building leader — a building, under its micro-grid. */
interface Place {
  region: Region;
  buildingId: string | null;
}

async function placeOf(
  ctx: GridContext,
  role: StaffRole,
  at: { gridId?: string | null; buildingId?: string | null },
): Promise<Place> {
  if (role === StaffRole.BUILDING_LEADER) {
    if (at.gridId || !at.buildingId)
      throw badInput(
        'a building leader (楼栋长) is assigned to buildings: give buildingId(s), not gridId',
        'buildingId',
      );
    const buildingId = requireId(at.buildingId, 'buildingId');
    const microGrid = await ctx.loaders.microGridOfBuilding.load(buildingId);
    if (!microGrid) throw notVisible('Building', buildingId);
    await gridFor(ctx, microGrid.parent!.id, manages, 'WRITE', 'buildingId');
    return { region: microGrid, buildingId };
  }
  if (!at.gridId || at.buildingId)
    throw badInput('only a building leader (楼栋长) is assigned to buildings: give gridId', 'gridId');
  const regionId = requireId(at.gridId, 'gridId');
  const region = await ctx.loaders.region.load(regionId);
  if (region?.level === RegionLevel.MICRO_GRID) {
    await gridFor(ctx, region.parent!.id, manages, 'WRITE');
    return { region, buildingId: null };
  }
  return { region: await gridFor(ctx, regionId, manages, 'WRITE'), buildingId: null };
}

/**
 * Assigns `staffId` to `place` inside the caller's transaction: refused while an active assignment there exists (the
 * staff row is locked first, so two assignments of one person queue); adds the current link.
 */
async function assignIn(tx: GridContext, staffId: string, place: Place, reason: string): Promise<StaffAssignment> {
  await tx.em.execute('select id from staff where id = ? for update', [staffId]);
  const active = await tx.em.findOne(StaffAssignment, {
    staff: staffId,
    region: place.region.id,
    buildingId: place.buildingId,
    status: AssignmentStatus.ACTIVE,
  });
  if (active)
    throw badInput(
      `staff member ${staffId} is assigned to ${place.buildingId ? `building ${place.buildingId}` : place.region.name} already (assignment ${active.id}); end it first to assign again`,
      place.buildingId ? 'buildingId' : 'gridId',
    );
  const assignment = tx.em.create(StaffAssignment, {
    id: randomUUID(),
    staff: staffId,
    region: place.region.id,
    buildingId: place.buildingId,
    status: AssignmentStatus.ACTIVE,
    validFrom: new Date(),
    validTo: null,
    assignedBy: tx.identity.subject,
    assignedByName: tx.identity.name,
    reason,
  });
  await tx.em.flush();
  await tx.em.execute('insert into staff_region (staff_id, region_id) values (?, ?) on conflict do nothing', [
    staffId,
    place.region.id,
  ]);
  tx.audit.note('WRITE', 'Staff', staffId, 'assignment');
  return assignment;
}

/**
 * Adds a member to the grid workforce (入册) with their first assignment(s), once per idempotency key: a grid (or
 * micro-grid) for everyone but building leaders, one or more buildings for a building leader.
 */
export async function addStaff(ctx: GridContext, input: NewStaff): Promise<Staff> {
  const once = new CreateOnce(ctx, 'addStaff', input.idempotencyKey, withoutKey(input), (c, id) =>
    c.em.findOne(Staff, { id }),
  );
  const earlier = await once.earlier();
  if (earlier) return earlier;
  refusePolice(input.role);
  const name = text(input.name, 'name', MAX_TEXT, 'the name (姓名)');
  const phone = input.phone?.trim() ?? '';
  if (!PHONE.test(phone)) throw badInput('phone must be a mobile (11 digits) or a landline like 010-65001234', 'phone');
  const officePhone = input.officePhone?.trim() || null;
  if (officePhone && !PHONE.test(officePhone))
    throw badInput('officePhone must be a mobile (11 digits) or a landline like 010-65001234', 'officePhone');
  const homeUnit = input.homeUnit?.trim() || null;
  if (SENT_DOWN.has(input.role) && !homeUnit)
    throw badInput('an official sent down (下沉力量、包联干部) needs homeUnit: the unit they come from', 'homeUnit');
  if (!SENT_DOWN.has(input.role) && homeUnit)
    throw badInput('homeUnit is for officials sent down from another unit (下沉力量、包联干部) only', 'homeUnit');
  if (homeUnit && homeUnit.length > MAX_TEXT)
    throw badInput(`homeUnit is longer than ${MAX_TEXT} characters`, 'homeUnit');
  const account = input.account?.trim() || null;
  if (account && account.length > MAX_TEXT) throw badInput(`account is longer than ${MAX_TEXT} characters`, 'account');
  const reason = readReason(input.reason);
  const buildingIds = [...new Set(input.buildingIds ?? [])];
  if (buildingIds.length > MAX_BUILDINGS)
    throw badInput(`a building leader takes at most ${MAX_BUILDINGS} buildings at once`, 'buildingIds');
  const places =
    input.role === StaffRole.BUILDING_LEADER
      ? await Promise.all(
          (buildingIds.length ? buildingIds : [null]).map((b) => placeOf(ctx, input.role, { buildingId: b })),
        )
      : [await placeOf(ctx, input.role, { gridId: input.gridId, buildingId: buildingIds[0] })];
  if (account && (await ctx.em.count(StaffEnrolment, { account })))
    throw badInput(`account "${account}" belongs to another member of the workforce`, 'account');
  return once.create(async (tx) => {
    const staff = tx.em.create(Staff, { id: randomUUID(), name, role: input.role, phone, officePhone });
    tx.em.create(StaffEnrolment, {
      staff,
      homeUnit,
      account,
      enrolledBy: tx.identity.subject,
      enrolledAt: new Date(),
    });
    await tx.em.flush();
    for (const place of places) await assignIn(tx, staff.id, place, reason);
    return staff;
  });
}

/** Assigns a member of the workforce to another grid (or a building leader to another building), once per key. */
export async function assignStaff(ctx: GridContext, input: NewAssignment): Promise<StaffAssignment> {
  const once = new CreateOnce(ctx, 'assignStaff', input.idempotencyKey, withoutKey(input), (c, id) =>
    c.em.findOne(StaffAssignment, { id }),
  );
  const earlier = await once.earlier();
  if (earlier) return earlier;
  const staffId = requireId(input.staffId, 'staffId');
  const staff = await ctx.loaders.staff.load(staffId);
  if (!staff) throw badInput(`staffId ${staffId} is no member of the grid workforce`, 'staffId');
  refusePolice(staff.role);
  const reason = readReason(input.reason);
  const place = await placeOf(ctx, staff.role, input);
  return once.create((tx) => assignIn(tx, staffId, place, reason));
}

/**
 * Ends an assignment (离岗) with a reason, in one transaction on its locked row: an ended one cannot be ended again
 * (INVALID_TRANSITION). The person's current link to the region goes when no other active assignment keeps it.
 */
export async function endStaffAssignment(
  ctx: GridContext,
  request: { id: string; reason: string },
): Promise<StaffAssignment> {
  const id = requireId(request.id);
  const reason = readReason(request.reason);
  const seen = await ctx.em.findOne(StaffAssignment, { id });
  const region = seen && (await ctx.loaders.region.load(seen.region.id));
  if (!seen || !region || !(await manages(ctx, region))) {
    ctx.audit.note('WRITE', 'StaffAssignment', id, 'status', 'DENIED');
    throw notVisible('StaffAssignment', id);
  }
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.em.execute<{ status: AssignmentStatus }[]>(
      'select status from staff_assignment where id = ? for update',
      [id],
    );
    assignmentWorkflow.next(id, row.status, 'END');
    const assignment = (await tx.em.findOne(StaffAssignment, { id }, { refresh: true }))!;
    assignment.status = AssignmentStatus.ENDED;
    assignment.validTo = new Date();
    assignment.endedBy = tx.identity.subject;
    assignment.endedByName = tx.identity.name;
    assignment.endReason = reason;
    await tx.em.flush();
    await tx.em.execute(
      `delete from staff_region sr where sr.staff_id = ? and sr.region_id = ?
          and not exists (select 1 from staff_assignment a where a.staff_id = sr.staff_id and a.region_id = sr.region_id and a.status = 'ACTIVE')`,
      [assignment.staff.id, assignment.region.id],
    );
    tx.audit.note('WRITE', 'Staff', assignment.staff.id, 'assignment');
    return assignment;
  });
}

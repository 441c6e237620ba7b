import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { askGraph } from '../../../lib/graph/ask';
import { badInput, notVisible } from '../../../lib/errors';
import type { PublicSecurityContext } from '../loaders';

/*
 * What public security's changes ask the owners of other records before they open their transaction, through the
 * gateway as the officer (lib/graph/ask.ts): population answers residents and buildings only inside the officer's
 * scope, so one outside it is refused exactly like one nobody issued. Each document is registered in
 * gateway/trusted-documents.json and declared there for the mutations that ask it.
 */
export const RESIDENT_PLACE =
  'query ResidentPlace($id: ID!) { resident(id: $id) { id status household { id building { id communityCode } } } }';
export const BUILDING_AND_RESIDENTS =
  'query BuildingAndResidents($building: ID!, $ids: [ID!]!) { building(id: $building) { id communityCode } residentsByIds(ids: $ids) { id } }';
export const REPORTED_RESIDENTS = 'query ReportedResidents($ids: [ID!]!) { residentsByIds(ids: $ids) { id } }';
export const POLICED_GRID =
  'query PolicedGrid($grid: ID!, $staff: ID!) { region(id: $grid) { id level code } staff(id: $staff) { id role } }';

type Ctx = PublicSecurityContext & AccessContext;

/** Where a record about a resident is kept: their building and community on population's register. */
export interface Place {
  buildingId: string;
  communityCode: string;
}

/** The refusal of a reference the officer may not see (or nobody issued), audited like a refused read. */
function missing(ctx: Ctx, type: string, id: string): never {
  ctx.audit.note('WRITE', type, id, 'scope', 'DENIED');
  throw notVisible(type, id);
}

/** A resident on the active register, where they live now (inside the officer's scope). */
export async function residentOnRegister(ctx: Ctx, residentId: string, field = 'residentId'): Promise<Place> {
  const { data } = await askGraph<{
    resident: {
      status: string;
      household: { building: { id: string; communityCode: string } } | null;
    } | null;
  }>(ctx, RESIDENT_PLACE, { id: residentId });
  const resident = data?.resident;
  if (!resident) missing(ctx, 'Resident', residentId);
  if (resident.status !== 'ACTIVE')
    throw badInput(`resident ${residentId} is ${resident.status}; only residents on the active register`, field);
  if (!resident.household)
    throw badInput(`resident ${residentId} belongs to no household on population’s register`, field);
  const place = {
    buildingId: resident.household.building.id,
    communityCode: resident.household.building.communityCode,
  };
  refuseOutsideScope(ctx, 'Resident', residentId, place, () => notVisible('Resident', residentId));
  return place;
}

/**
 * The residents a record names, all of which the officer must see (else the first unseen is refused like a missing
 * record), and, if given, the building of population's register it is about, inside the officer's scope. One question:
 * a change may ask the graph back once.
 */
export async function buildingAndResidents(ctx: Ctx, buildingId: string, ids: string[]): Promise<Place>;
export async function buildingAndResidents(ctx: Ctx, buildingId: null, ids: string[]): Promise<null>;
export async function buildingAndResidents(ctx: Ctx, buildingId: string | null, ids: string[]): Promise<Place | null> {
  if (!buildingId && !ids.length) return null;
  const { data } = await askGraph<{
    building?: { id: string; communityCode: string } | null;
    residentsByIds: { id: string }[];
  }>(
    ctx,
    buildingId ? BUILDING_AND_RESIDENTS : REPORTED_RESIDENTS,
    buildingId ? { building: buildingId, ids } : { ids },
  );
  let place: Place | null = null;
  if (buildingId) {
    if (!data?.building) missing(ctx, 'Building', buildingId);
    place = { buildingId, communityCode: data.building.communityCode };
    refuseOutsideScope(ctx, 'Building', buildingId, place, () => notVisible('Building', buildingId));
  }
  const seen = new Set((data?.residentsByIds ?? []).map((r) => r.id));
  const unseen = ids.find((id) => !seen.has(id));
  if (unseen) missing(ctx, 'Resident', unseen);
  return place;
}

/** A grid (网格) of grid's region tree, with its community code, and a grid police officer (网格警) of its workforce. */
export async function gridAndOfficer(ctx: Ctx, gridId: string, staffId: string): Promise<{ communityCode: string }> {
  const { data } = await askGraph<{
    region: { level: string; code: string } | null;
    staff: { role: string } | null;
  }>(ctx, POLICED_GRID, { grid: gridId, staff: staffId });
  if (!data?.region) missing(ctx, 'Region', gridId);
  if (data.region.level !== 'GRID')
    throw badInput(`region ${gridId} is a ${data.region.level}; grid police are assigned to grids`, 'gridId');
  if (!data.staff) missing(ctx, 'Staff', staffId);
  if (data.staff.role !== 'GRID_POLICE')
    throw badInput(
      `staff ${staffId} is a ${data.staff.role} in grid’s workforce; only a GRID_POLICE member can be assigned`,
      'staffId',
    );
  const communityCode = data.region.code.slice(0, 12);
  refuseOutsideScope(ctx, 'Region', gridId, { communityCode }, () => notVisible('Region', gridId));
  return { communityCode };
}

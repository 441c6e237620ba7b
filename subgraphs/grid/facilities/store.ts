import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/postgresql';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { badInput, notVisible, requireId } from '../../../lib/errors';
import { CONDITION_TERMS, Facility, FacilityCondition, facilityLocation } from '../entities/facility';
import { FacilityConditionChange } from '../entities/facility-condition-change';
import { placeIn } from '../events/store';
import type { GridContext } from '../loaders';
import { FACILITY_CLASSES, facilityClass } from './classes';

export interface FacilityRegistration {
  idempotencyKey: string;
  classCode: string;
  name: string;
  regionId?: string | null;
  buildingId?: string | null;
  longitude?: number | null;
  latitude?: number | null;
  condition?: FacilityCondition | null;
  note?: string | null;
}

const MAX_NAME = 200;
const MAX_NOTE = 2000;

function readNote(note: string | null | undefined): string | null {
  const text = note?.trim() || null;
  if (text && text.length > MAX_NOTE) throw badInput(`note is longer than ${MAX_NOTE} characters`, 'note');
  return text;
}

/** Exactly one location: a building, or both coordinates (and then the region, which a building would give). */
function readLocation(input: FacilityRegistration): { longitude: number | null; latitude: number | null } {
  const hasCoordinates = input.longitude != null || input.latitude != null;
  if (input.buildingId && hasCoordinates)
    throw badInput('give either buildingId or longitude and latitude, not both', 'buildingId');
  if (!input.buildingId && !hasCoordinates)
    throw badInput('give where it stands: buildingId, or longitude and latitude with regionId', 'buildingId');
  if (!hasCoordinates) return { longitude: null, latitude: null };
  const { longitude, latitude } = input;
  if (longitude == null || latitude == null) throw badInput('give both longitude and latitude', 'longitude');
  if (!(longitude >= -180 && longitude <= 180)) throw badInput('longitude must be between -180 and 180', 'longitude');
  if (!(latitude >= -90 && latitude <= 90)) throw badInput('latitude must be between -90 and 90', 'latitude');
  if (!input.regionId) throw badInput('a facility at coordinates needs regionId (its grid or micro-grid)', 'regionId');
  return { longitude, latitude };
}

/**
 * Registers a city component (部件登记) once per idempotency key: its class must be in the declared table, it stands
 * at a building or at coordinates (exactly one), in a grid or micro-grid inside the caller's scope. The registration
 * is the first entry of its condition history.
 */
export async function registerFacility(ctx: GridContext, input: FacilityRegistration): Promise<Facility> {
  const once = new CreateOnce(ctx, 'registerFacility', input.idempotencyKey, withoutKey(input), (c, id) =>
    c.em.findOne(Facility, { id }),
  );
  const earlier = await once.earlier();
  if (earlier) return earlier;
  const kind = facilityClass(input.classCode?.trim() ?? '');
  if (!kind)
    throw badInput(
      `classCode "${input.classCode.slice(0, 10)}" is not a component class this hub knows (facilityClasses: ${FACILITY_CLASSES.map((c) => c.code).join(', ')})`,
      'classCode',
    );
  const name = input.name?.trim() ?? '';
  if (!name) throw badInput('name must not be empty: the name or plate number on site', 'name');
  if (name.length > MAX_NAME) throw badInput(`name is longer than ${MAX_NAME} characters`, 'name');
  const note = readNote(input.note);
  const coordinates = readLocation(input);
  const { region, buildingId } = await placeIn(ctx, input, 'facilities are registered');
  const id = randomUUID();
  const communityCode = region.code.slice(0, 12);
  const scopeBuildingId = buildingId ? null : ((await ctx.loaders.buildingsInRegion.load(region.id))[0] ?? null);
  const place = facilityLocation({ buildingId, scopeBuildingId, communityCode });
  refuseOutsideScope(ctx, 'Facility', id, place, () => notVisible('Region', region.id));
  const condition = input.condition ?? FacilityCondition.GOOD;
  return once.create(async (txc) => {
    const now = new Date();
    const facility = txc.em.create(Facility, {
      id,
      classCode: kind.code,
      name,
      region: region.id,
      communityCode,
      buildingId,
      scopeBuildingId,
      ...coordinates,
      condition,
      version: 1,
      recordedBy: txc.identity.subject,
      recordedByName: txc.identity.name,
      recordedAt: now,
    });
    txc.em.create(FacilityConditionChange, {
      facility: id,
      fromCondition: null,
      toCondition: condition,
      note,
      actorSubject: txc.identity.subject,
      actorName: txc.identity.name,
      at: now,
    });
    await txc.em.flush();
    return facility;
  });
}

/**
 * Records a change of a facility's condition (部件状态变更) with its history entry, in one transaction: the row is
 * locked, so concurrent changes queue; a change to the condition it is in already is refused (nothing to record).
 */
export async function changeFacilityCondition(
  ctx: GridContext,
  request: { id: string; condition: FacilityCondition; note?: string | null },
): Promise<Facility> {
  const id = requireId(request.id);
  const note = readNote(request.note);
  return inTransaction(ctx, async (txc) => {
    const facility = await txc.em.findOne(Facility, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!facility) throw notVisible('Facility', id);
    refuseOutsideScope(txc, 'Facility', id, facilityLocation(facility), () => notVisible('Facility', id));
    if (facility.condition === request.condition)
      throw badInput(
        `facility ${id} is ${request.condition} (${CONDITION_TERMS[request.condition]}) already; nothing to change`,
        'condition',
      );
    txc.em.create(FacilityConditionChange, {
      facility: id,
      fromCondition: facility.condition,
      toCondition: request.condition,
      note,
      actorSubject: txc.identity.subject,
      actorName: txc.identity.name,
      at: new Date(),
    });
    facility.condition = request.condition;
    facility.version += 1;
    await txc.em.flush();
    return facility;
  });
}

import { randomUUID } from 'node:crypto';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { AccessContext } from '../../../lib/auth/enforce';
import type { ForwardedIdentity } from '../../../lib/auth/forwarded';
import { badInput, conflict, notVisible } from '../../../lib/errors';
import { ChangeAction, type RiskLevel } from '../entities/enums';
import { RentalHousing } from '../entities/rental-housing';
import { RentalTenancy } from '../entities/rental-tenancy';
import type { Place } from './ask';
import { recordChange } from './history';

/*
 * Registering a rental and a tenancy, as registerRental / registerTenancy do and as verifying a collected rental
 * (采集核实) does: the checks on what population answered, and the rows written inside the caller's transaction.
 */

/** A resident as population answers where they live (TenantPlace, CollectedRentalPlace). */
export interface ResidentWhere {
  id: string;
  status: string;
  household: { id: string; building: { id: string } } | null;
}

/** Whether `resident` may move into `rental`: seen by the officer, on the active register, in its building, not its landlord. */
export function checkTenant(
  ctx: AccessContext,
  rental: { buildingId: string; landlordId: string },
  residentId: string,
  resident: ResidentWhere | null | undefined,
): void {
  if (rental.landlordId === residentId)
    throw badInput('the landlord cannot be a tenant of their own rental', 'residentId');
  if (!resident) {
    ctx.audit.note('WRITE', 'Resident', residentId, 'scope', 'DENIED');
    throw notVisible('Resident', residentId);
  }
  if (resident.status !== 'ACTIVE')
    throw badInput(
      `resident ${residentId} is ${resident.status}; only residents on the active register can be tenants`,
      'residentId',
    );
  if (resident.household?.building.id !== rental.buildingId)
    throw badInput(
      `resident ${residentId} does not live in the rental’s building on population’s register; move them into a household there first`,
      'residentId',
    );
}

export interface NewRental {
  place: Place;
  room: string;
  landlordId: string;
  registeredOn: string;
  riskLevel: RiskLevel;
}

/** Flushes, answering a second rental of one room or a second open tenancy as CONFLICT (the transaction then rolls back). */
async function flushOnce(tx: EntityManager, duplicate: string): Promise<void> {
  try {
    await tx.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(duplicate);
    throw error;
  }
}

/** A let room registered (出租房屋登记), with its history row; `reason` says where it came from when not the officer's own. */
export async function addRental(
  tx: EntityManager,
  identity: ForwardedIdentity,
  rental: NewRental,
  reason: string | null = null,
): Promise<RentalHousing> {
  const row = tx.create(RentalHousing, {
    id: randomUUID(),
    ...rental.place,
    room: rental.room,
    landlordId: rental.landlordId,
    registeredOn: rental.registeredOn,
    riskLevel: rental.riskLevel,
  });
  recordChange(tx, identity, { type: 'RentalHousing', id: row.id }, ChangeAction.RENTAL_REGISTERED, {
    effectiveOn: rental.registeredOn,
    reason,
  });
  await flushOnce(tx, `room "${rental.room}" of building ${rental.place.buildingId} is registered as a rental already`);
  return row;
}

/**
 * A tenant registered in a rental (租客登记). With `history` (a collected tenant), a row in the rental's history names
 * the tenant and where the registration came from.
 */
export async function addTenancy(
  tx: EntityManager,
  rentalId: string,
  tenant: { residentId: string; movedInOn: string; registeredOn: string },
  history?: { identity: ForwardedIdentity; reason: string },
): Promise<RentalTenancy> {
  const tenancy = tx.create(RentalTenancy, { id: randomUUID(), rentalId, ...tenant, movedOutOn: null });
  if (history)
    recordChange(tx, history.identity, { type: 'RentalHousing', id: rentalId }, ChangeAction.TENANCY_REGISTERED, {
      effectiveOn: tenant.registeredOn,
      reason: `tenant ${tenant.residentId}; ${history.reason}`,
    });
  await flushOnce(tx, `resident ${tenant.residentId} is already a current tenant of this rental`);
  return tenancy;
}

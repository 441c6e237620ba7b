import { LockMode } from '@mikro-orm/postgresql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { inScope } from '../../../lib/auth/scope';
import { askGraph } from '../../../lib/graph/ask';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { CreateOnce } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { CollectedRental } from '../entities/collected-rental';
import { ChangeAction, type RiskLevel } from '../entities/enums';
import { RentalHousing } from '../entities/rental-housing';
import type { PublicSecurityContext } from '../loaders';
import { today } from '../supervision';
import { collectedRentalWorkflow as workflow } from '../workflows';
import type { Place } from '../writes/ask';
import { readText, recordChange } from '../writes/history';
import { addRental, addTenancy, checkTenant, type ResidentWhere } from '../writes/rentals';
import { collectedPlaceIn } from './scope';

type Ctx = PublicSecurityContext & AccessContext;

/**
 * Registered in gateway/trusted-documents.json: where the visited household is and where the landlord and tenants live,
 * asked of population as the verifying officer (population answers only inside the officer's scope).
 */
export const COLLECTED_RENTAL_PLACE =
  'query CollectedRentalPlace($household: ID!, $ids: [ID!]!) { household(id: $household) { id building { id communityCode } } residentsByIds(ids: $ids) { id status household { id building { id } } } }';

interface Answer {
  household: { id: string; building: { id: string; communityCode: string } } | null;
  residentsByIds: ResidentWhere[];
}

/** A collected rental the caller may see (else answered as missing, like one nobody collected). */
export async function visibleItem(ctx: Ctx, id: string, lock = false): Promise<CollectedRental> {
  const item = await ctx.em.findOne(
    CollectedRental,
    { id: requireId(id) },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!item || !inScope(ctx.identity.resolvedScope, collectedPlaceIn(item, ctx)))
    throw notVisible('CollectedRental', id);
  return item;
}

/** What the officer saw in the worklist and verifies: the visited household and the residents the item names. */
export interface Reviewed {
  householdId: string;
  residentIds: string[];
}

/** The residents an item names: the landlord of a let room found, and the tenants. */
const residentsOf = (item: CollectedRental) => [
  ...(item.landlordId ? [item.landlordId] : []),
  ...item.tenants.map((t) => t.residentId),
];

/**
 * Verification asks population about the item's household and residents, and the gateway lets a change ask only about
 * the records its request names (docs/capabilities.md): the officer's request names them, as the worklist showed them,
 * and they must be the item's (else CONFLICT: it is not what they reviewed).
 */
function refuseUnreviewed(item: CollectedRental, reviewed: Reviewed): void {
  const sent = new Set(reviewed.residentIds.map((r) => r.toLowerCase()));
  const named = residentsOf(item);
  if (
    reviewed.householdId.toLowerCase() !== item.householdId ||
    sent.size !== named.length ||
    named.some((r) => !sent.has(r))
  )
    throw conflict(
      `reviewed names household ${reviewed.householdId} and ${sent.size} resident(s); collected rental ${item.id} is household ${item.householdId} with residents ${named.join(', ')}: verify what it holds`,
    );
}

const provenance = (item: CollectedRental) => `collected by ${item.collectedBy} on visit ${item.visitId} (一次采集)`;

/**
 * Where the rental is and who may live there, asked of population as the officer before the transaction opens: the
 * household's building for a found let room (or the registered rental's), the landlord seen, each tenant on the active
 * register in that building — the checks registerRental and registerTenancy make.
 */
async function resolvePlace(
  ctx: Ctx,
  item: CollectedRental,
): Promise<{ place: Place; registered: RentalHousing | null }> {
  const registered = item.rentalId ? await ctx.em.findOne(RentalHousing, { id: item.rentalId }) : null;
  if (item.rentalId) {
    if (!registered) throw notVisible('RentalHousing', item.rentalId);
    refuseOutsideScope(ctx, 'RentalHousing', registered.id, registered, () =>
      notVisible('RentalHousing', registered.id),
    );
  }
  const landlordId = registered?.landlordId ?? item.landlordId!;
  const ids = residentsOf(item);
  const { data } = await askGraph<Answer>(ctx, COLLECTED_RENTAL_PLACE, { household: item.householdId, ids });
  let place: Place;
  if (registered) place = { buildingId: registered.buildingId, communityCode: registered.communityCode };
  else {
    const building = data?.household?.building;
    if (!building) {
      ctx.audit.note('WRITE', 'Household', item.householdId, 'scope', 'DENIED');
      throw notVisible('Household', item.householdId);
    }
    place = { buildingId: building.id, communityCode: building.communityCode };
    refuseOutsideScope(ctx, 'Household', item.householdId, place, () => notVisible('Household', item.householdId));
    if (!data.residentsByIds.some((r) => r.id === landlordId)) {
      ctx.audit.note('WRITE', 'Resident', landlordId, 'scope', 'DENIED');
      throw notVisible('Resident', landlordId);
    }
  }
  const residents = new Map((data?.residentsByIds ?? []).map((r) => [r.id, r]));
  for (const t of item.tenants)
    checkTenant(ctx, { buildingId: place.buildingId, landlordId }, t.residentId, residents.get(t.residentId));
  return { place, registered };
}

/**
 * Verifies a collected rental (核实登记): registers the let room found (registerRental's rows) and the tenants
 * (registerTenancy's), each with a history row naming the collector, the visit and the verifying officer, and closes
 * the item APPLIED — one transaction. With an idempotency key a retry answers the same item; without, a second
 * verification is INVALID_TRANSITION.
 */
export async function verifyCollected(
  ctx: Ctx,
  id: string,
  riskLevel: RiskLevel | null | undefined,
  idempotencyKey: string | null | undefined,
  reviewed: Reviewed,
): Promise<CollectedRental> {
  const itemId = requireId(id);
  const once =
    idempotencyKey == null
      ? null
      : new CreateOnce(ctx, 'verifyCollectedRental', idempotencyKey, { id: itemId, riskLevel, reviewed }, (c, key) =>
          c.em.findOne(CollectedRental, { id: key }),
        );
  const earlier = await once?.earlier();
  if (earlier) return earlier;
  const item = await visibleItem(ctx, itemId);
  workflow.next(itemId, item.status, 'VERIFY');
  refuseUnreviewed(item, reviewed);
  if (item.room && !riskLevel)
    throw badInput(
      'riskLevel is required: verifying registers the let room found, at the risk level you assess',
      'riskLevel',
    );
  const { place, registered } = await resolvePlace(ctx, item);

  const work = async (tx: Ctx) => {
    const locked = await visibleItem(tx, itemId, true);
    // of two verifications at once, the second waits on the lock and finds it decided
    locked.status = workflow.next(itemId, locked.status, 'VERIFY');
    const registeredOn = today();
    const reason = provenance(locked);
    const rental =
      registered ??
      (await addRental(
        tx.em,
        tx.identity,
        { place, room: locked.room!, landlordId: locked.landlordId!, registeredOn, riskLevel: riskLevel! },
        reason,
      ));
    for (const t of locked.tenants)
      await addTenancy(
        tx.em,
        rental.id,
        { residentId: t.residentId, movedInOn: t.movedInOn, registeredOn },
        { identity: tx.identity, reason },
      );
    Object.assign(locked, {
      rentalId: rental.id,
      ...place,
      riskLevel: registered ? null : riskLevel,
      decidedAt: new Date(),
      decidedBy: tx.identity.subject,
    });
    recordChange(tx.em, tx.identity, { type: 'CollectedRental', id: itemId }, ChangeAction.COLLECTION_VERIFIED, {
      reason,
    });
    await tx.em.flush();
    return locked;
  };
  return once ? once.create(work) : inTransaction(ctx, work);
}

/** Rejects a collected rental (退回) with the reason the collector reads; INVALID_TRANSITION once decided. */
export async function rejectCollected(ctx: Ctx, id: string, reason: string): Promise<CollectedRental> {
  const itemId = requireId(id);
  const why = readText(reason, true)!;
  return inTransaction(ctx, async (tx) => {
    const item = await visibleItem(tx, itemId, true);
    item.status = workflow.next(itemId, item.status, 'REJECT');
    Object.assign(item, { reason: why, decidedAt: new Date(), decidedBy: tx.identity.subject });
    recordChange(tx.em, tx.identity, { type: 'CollectedRental', id: itemId }, ChangeAction.COLLECTION_REJECTED, {
      reason: `${why}; ${provenance(item)}`,
    });
    await tx.em.flush();
    return item;
  });
}

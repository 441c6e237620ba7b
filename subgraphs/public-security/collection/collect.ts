import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { inScope } from '../../../lib/auth/scope';
import type { PublicSecurityCollectionInput, RentalFoundInput, TenantFoundInput } from '../../../lib/collection/inputs';
import { type CollectedPart, CollectionOutcome } from '../../../lib/collection/outcome';
import { visitIdFor } from '../../../lib/collection/visit-id';
import { badInput, isId, requireId } from '../../../lib/errors';
import { CreateOnce } from '../../../lib/writes/idempotency';
import { CollectedRental, type CollectedTenant } from '../entities/collected-rental';
import { CollectionReceipt } from '../entities/collection-receipt';
import { CollectedStatus } from '../entities/enums';
import { RentalHousing } from '../entities/rental-housing';
import { RentalTenancy } from '../entities/rental-tenancy';
import type { PublicSecurityContext } from '../loaders';
import { pastDay, readText } from '../writes/history';
import { collectedDue } from './time-limit';

type Ctx = PublicSecurityContext & AccessContext;

/** What public security answered a visit's collection (the visit's id and each part's outcome). */
export interface RentalCollectionAnswer {
  id: string;
  visitId: string;
  parts: CollectedPart[];
}

const DEPARTMENT = 'PUBLIC_SECURITY';

/** The most tenants one form names: the people of one let room. */
const MAX_TENANTS = 20;

const refused = (part: string, reason: string): CollectedPart => ({
  department: DEPARTMENT,
  part,
  outcome: CollectionOutcome.REFUSED,
  reason,
});

/** Runs a check; its error's message is the part's reason for refusal (the same words the officers' own forms get). */
function reasonOf(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof GraphQLError) return error.message;
    throw error;
  }
}

/** Why a tenant found cannot be queued, or null: the same checks an officer's registerTenancy makes first. */
function tenantRefusal(
  tenant: TenantFoundInput,
  landlordId: string | undefined,
  current: Set<string>,
  queued: CollectedTenant[],
): string | null {
  const why = reasonOf(() => {
    requireId(tenant.residentId, 'residentId');
    pastDay(tenant.movedInOn, 'movedInOn');
  });
  if (why) return why;
  const residentId = tenant.residentId.toLowerCase();
  if (residentId === landlordId) return 'the landlord cannot be a tenant of their own rental';
  if (current.has(residentId)) return `resident ${residentId} is already a current tenant of this rental`;
  if (queued.some((t) => t.residentId === residentId)) return `resident ${residentId} is named twice in this form`;
  return null;
}

interface FoundRental {
  room: string;
  landlordId: string;
  note: string | null;
}

/** The found rental as sent, or why it is refused. */
function readFoundRental(rental: RentalFoundInput): FoundRental | string {
  let found: FoundRental | undefined;
  const why = reasonOf(() => {
    found = {
      room: readText(rental.room, true, 'room', 50)!,
      landlordId: requireId(rental.landlordId, 'landlordId'),
      note: readText(rental.note, false, 'note', 500),
    };
  });
  return why ?? found!;
}

/** The collector's scope, and the communities of their grids as public security knows them (its grid police's). */
async function collectorPlaces(em: EntityManager, ctx: Ctx) {
  const { resolvedScope, scope } = ctx.identity;
  const grids = scope.length
    ? await em.execute<{ community_code: string }[]>(
        'select distinct community_code from grid_police_assignment where region_id = any(?::uuid[]) and community_code <> ?',
        [`{${scope.join(',')}}`, ''],
      )
    : [];
  return {
    collectorRegions: [...scope],
    scopeAll: resolvedScope.all,
    scopeBuildings: [...resolvedScope.buildingIds],
    scopeCodes: [...new Set([...resolvedScope.codePrefixes, ...grids.map((g) => g.community_code.trim())])],
  };
}

/**
 * Decides, inside the transaction, each part of what a visit collected for public security: a found let room and the
 * tenants found are queued for the police (one worklist item), or refused with the reason; a refused part never fails
 * the others. Nothing is asked of the graph here (grid's visit is asking public security back): the household's
 * building, the landlord and the tenants are resolved when an officer verifies.
 */
async function queue(
  tx: Ctx,
  householdId: string,
  visitId: string,
  collected: PublicSecurityCollectionInput,
): Promise<CollectedPart[]> {
  const { em } = tx;
  const parts: CollectedPart[] = [];
  let found: FoundRental | null = null;
  let rental: RentalHousing | null = null;
  let noRental: string | null = null;
  if (collected.rental && collected.rentalId)
    parts.push(
      refused('rental', 'send either a found rental or the rentalId of a registered one: the tenants go to rentalId'),
    );
  else if (collected.rental) {
    const read = readFoundRental(collected.rental);
    if (typeof read === 'string') {
      parts.push(refused('rental', read));
      noRental = 'the rental it was sent with was refused';
    } else found = read;
  }
  if (collected.rentalId) {
    const id = isId(collected.rentalId) ? collected.rentalId.toLowerCase() : null;
    rental = id ? await em.findOne(RentalHousing, { id }) : null;
    if (!rental || !inScope(tx.identity.resolvedScope, rental)) {
      tx.audit.note('WRITE', 'RentalHousing', id ?? collected.rentalId, 'scope', 'DENIED');
      rental = null;
      noRental = `rental ${collected.rentalId} does not exist or is outside your data scope`;
    }
  } else if (!found && !noRental)
    noRental = 'name the rental: send the let room found, or the rentalId of a registered one';

  const current = rental
    ? new Set((await em.find(RentalTenancy, { rentalId: rental.id, movedOutOn: null })).map((t) => t.residentId))
    : new Set<string>();
  const landlordId = rental?.landlordId ?? found?.landlordId;
  const tenants: CollectedTenant[] = [];
  for (const [i, tenant] of (collected.tenants ?? []).entries()) {
    const part = `tenants[${i}]`;
    const why = noRental ?? tenantRefusal(tenant, landlordId, current, tenants);
    if (why) parts.push(refused(part, why));
    else tenants.push({ part, residentId: tenant.residentId.toLowerCase(), movedInOn: tenant.movedInOn });
  }
  if (!found && !tenants.length) return parts;

  const at = new Date();
  const item = em.create(CollectedRental, {
    id: randomUUID(),
    visitId,
    collectedBy: tx.identity.subject,
    collectedAt: at,
    householdId,
    room: found?.room ?? null,
    landlordId: found?.landlordId ?? null,
    note: found?.note ?? null,
    rentalId: rental?.id ?? null,
    tenants,
    status: CollectedStatus.PENDING,
    dueAt: collectedDue(found ? 'RENTAL' : 'TENANTS', at),
    buildingId: rental?.buildingId ?? null,
    communityCode: rental?.communityCode ?? null,
    ...(await collectorPlaces(em, tx)),
  });
  const pending = (part: string): CollectedPart => ({
    department: DEPARTMENT,
    part,
    outcome: CollectionOutcome.PENDING_VERIFICATION,
    worklistItemId: item.id,
  });
  if (found) parts.unshift(pending('rental'));
  for (const t of tenants) parts.push(pending(t.part));
  // the parts in the form's order: "rental" first, then the tenants by index
  return parts.sort((a, b) => order(a.part) - order(b.part));
}

const order = (part: string) => (part === 'rental' ? -1 : Number(/\[(\d+)\]/.exec(part)?.[1] ?? 0));

const answerOf = (receipt: CollectionReceipt): RentalCollectionAnswer => ({
  id: receipt.id,
  visitId: receipt.id,
  parts: receipt.parts,
});

/** collectRental: one transaction, once per (collector, idempotency key); a retry answers the same parts. */
export async function collectRental(
  ctx: Ctx,
  householdIdArg: string,
  idempotencyKey: string,
  collected: PublicSecurityCollectionInput,
): Promise<RentalCollectionAnswer> {
  const householdId = requireId(householdIdArg, 'householdId');
  if ((collected.tenants?.length ?? 0) > MAX_TENANTS)
    throw badInput(`at most ${MAX_TENANTS} tenants in one visit’s form; got ${collected.tenants!.length}`, 'tenants');
  const once = new CreateOnce(ctx, 'collectRental', idempotencyKey, { householdId, collected }, async (c, id) => {
    const receipt = await c.em.findOne(CollectionReceipt, { id });
    return receipt && answerOf(receipt);
  });
  const earlier = await once.earlier();
  if (earlier) return earlier;
  if (!collected.rental && !collected.tenants?.length)
    throw badInput(
      'collected carries nothing for public security: send the let room found (rental) or the tenants found (tenants)',
      'collected',
    );
  const visitId = visitIdFor(ctx.identity.subject, idempotencyKey.trim());
  try {
    return await once.create(async (tx) => {
      const parts = await queue(tx, householdId, visitId, collected);
      // nothing queued: the refusals are answered and nothing is kept (a failed change writes nothing; sent again, the
      // same refusals are answered again)
      if (!parts.some((p) => p.outcome === CollectionOutcome.PENDING_VERIFICATION)) throw new NothingQueued(parts);
      const receipt = tx.em.create(CollectionReceipt, {
        id: visitId,
        collectedBy: tx.identity.subject,
        at: new Date(),
        parts,
      });
      await tx.em.flush();
      return answerOf(receipt);
    });
  } catch (error) {
    if (error instanceof NothingQueued) return { id: visitId, visitId, parts: error.parts };
    throw error;
  }
}

/** Rolls back a collection of which every part was refused. */
class NothingQueued extends Error {
  constructor(readonly parts: CollectedPart[]) {
    super('nothing queued');
  }
}

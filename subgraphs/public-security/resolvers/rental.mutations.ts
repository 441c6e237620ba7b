import { randomUUID } from 'node:crypto';
import { CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { Shared } from '../../../lib/auth/rules';
import { POLICE_OFFICERS } from '../access';
import { askGraph } from '../../../lib/graph/ask';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { LocalDate } from '../../../lib/graphql/scalars';
import { ChangeAction, InspectionResult } from '../entities/enums';
import { RentalHousing } from '../entities/rental-housing';
import { RentalInspection } from '../entities/rental-inspection';
import { RentalTenancy } from '../entities/rental-tenancy';
import type { PublicSecurityContext } from '../loaders';
import { today } from '../supervision';
import { pastDay, recordChange } from '../writes/history';
import { RegisterRentalInput, RegisterTenancyInput, RentalInspectionInput } from './rental.inputs';
import { buildingAndResidents } from '../writes/ask';
import { addRental, addTenancy, checkTenant, type ResidentWhere } from '../writes/rentals';
import { readText } from '../writes/history';

/** Registered in gateway/trusted-documents.json: where a tenant lives, asked of population as the officer. */
export const TENANT_PLACE =
  'query TenantPlace($id: ID!) { resident(id: $id) { id status household { id building { id } } } }';

interface TenantPlace {
  resident: ResidentWhere | null;
}

type Ctx_ = PublicSecurityContext & AccessContext;

/** The rental a change is about, inside the caller's scope (else answered as missing). */
async function rentalInScope(em: EntityManager, ctx: Ctx_, id: string): Promise<RentalHousing> {
  const rental = await em.findOne(RentalHousing, { id: requireId(id, 'rentalId') });
  if (!rental) throw notVisible('RentalHousing', id);
  refuseOutsideScope(ctx, 'RentalHousing', rental.id, rental, () => notVisible('RentalHousing', id));
  return rental;
}

/** Each mutation is one transaction: it writes everything or nothing. */
@Resolver()
export class RentalMutations {
  @Shared(POLICE_OFFICERS)
  @Mutation(() => RentalHousing, {
    description:
      'Registers a let room (出租房屋登记): a room of a building inside your data scope, its landlord and risk level; CONFLICT when the room is registered already',
  })
  async registerRental(@Arg('input', () => RegisterRentalInput) input: RegisterRentalInput, @Ctx() ctx: Ctx_) {
    const once = new CreateOnce(ctx, 'registerRental', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(RentalHousing, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const room = readText(input.room, true, 'room', 50)!;
    const registeredOn = pastDay(input.registeredOn ?? today(), 'registeredOn');
    const landlordId = requireId(input.landlordId, 'landlordId');
    const place = await buildingAndResidents(ctx, requireId(input.buildingId, 'buildingId'), [landlordId]);
    return once.create(({ em: tx }) =>
      addRental(tx, ctx.identity, { place, room, landlordId, registeredOn, riskLevel: input.riskLevel }),
    );
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => RentalHousing, {
    description:
      'Registers a tenant moving into a rental (租客登记). The tenant must live in the rental’s building (population’s register), may not be its landlord, and may not already live there',
  })
  async registerTenancy(
    @Arg('input', () => RegisterTenancyInput) input: RegisterTenancyInput,
    @Ctx() ctx: Ctx_,
  ): Promise<RentalHousing> {
    const once = new CreateOnce(ctx, 'registerTenancy', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(RentalHousing, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const movedInOn = pastDay(input.movedInOn, 'movedInOn');
    const registeredOn = pastDay(input.registeredOn ?? today(), 'registeredOn');
    if (registeredOn < movedInOn)
      throw badInput(`registeredOn ${registeredOn} is before movedInOn ${movedInOn}`, 'registeredOn');
    const residentId = requireId(input.residentId, 'residentId');
    const rental = await rentalInScope(ctx.em, ctx, input.rentalId);
    // asked before the transaction opens, so no connection waits on the graph
    const { data } = await askGraph<TenantPlace>(ctx, TENANT_PLACE, { id: residentId });
    checkTenant(ctx, rental, residentId, data?.resident);
    return once.create(async ({ em: tx }) => {
      await addTenancy(tx, rental.id, { residentId, movedInOn, registeredOn });
      return rental;
    });
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => RentalHousing, { description: 'Ends a tenancy (退租): the tenant moved out on the given day' })
  async endTenancy(
    @Arg('tenancyId', () => ID) tenancyId: string,
    @Arg('movedOutOn', () => LocalDate) movedOutOn: string,
    @Ctx() ctx: Ctx_,
  ): Promise<RentalHousing> {
    pastDay(movedOutOn, 'movedOutOn');
    return inTransaction(ctx, async (tx) => {
      const rental = await endTenancyOn(tx, requireId(tenancyId, 'tenancyId'), movedOutOn);
      await tx.em.flush();
      return rental;
    });
  }

  @Shared(POLICE_OFFICERS)
  @Mutation(() => RentalHousing, {
    description: 'Records a safety inspection of a rental (安全检查); hazards must be described unless it passed',
  })
  async recordRentalInspection(
    @Arg('input', () => RentalInspectionInput) input: RentalInspectionInput,
    @Ctx() ctx: Ctx_,
  ): Promise<RentalHousing> {
    const once = new CreateOnce(ctx, 'recordRentalInspection', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(RentalHousing, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const inspectedOn = pastDay(input.inspectedOn, 'inspectedOn');
    const hazards = input.hazards?.trim() || null;
    if (input.result !== InspectionResult.PASSED && !hazards)
      throw badInput(`hazards must describe what was found when the result is ${input.result}`, 'hazards');
    return once.create(async ({ em: tx }) => {
      const rental = await rentalInScope(tx, ctx, input.rentalId);
      tx.create(RentalInspection, {
        id: randomUUID(),
        rentalId: rental.id,
        inspectedOn,
        result: input.result,
        hazards,
        inspector: ctx.identity.name || ctx.identity.subject,
      });
      await tx.flush();
      return rental;
    });
  }
}

/** Why a tenancy cannot have ended on `movedOutOn` (a day, not in the future, not before the tenant moved in), or null. */
export function movedOutProblem(tenancy: RentalTenancy, movedOutOn: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(movedOutOn) || Number.isNaN(Date.parse(movedOutOn)))
    return `movedOutOn must be a day (YYYY-MM-DD); got "${movedOutOn}"`;
  if (movedOutOn > today()) return `movedOutOn ${movedOutOn} is in the future`;
  if (movedOutOn < tenancy.movedInOn)
    return `movedOutOn ${movedOutOn} is before the tenant moved in (${tenancy.movedInOn})`;
  return null;
}

/**
 * Ends a tenancy (endTenancy's change, and an accepted correction's) inside the caller's transaction: the tenancy
 * locked (of two ends at the same moment the second waits and finds it ended), its rental in the caller's scope, the
 * end in the rental's history.
 */
export async function endTenancyOn(tx: Ctx_, tenancyId: string, movedOutOn: string): Promise<RentalHousing> {
  const tenancy = await tx.em.findOne(RentalTenancy, { id: tenancyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!tenancy) throw notVisible('RentalTenancy', tenancyId);
  const rental = await rentalInScope(tx.em, tx, tenancy.rentalId);
  if (tenancy.movedOutOn) throw conflict(`the tenancy ended on ${tenancy.movedOutOn} already`);
  const problem = movedOutProblem(tenancy, movedOutOn);
  if (problem) throw badInput(problem, 'movedOutOn');
  tenancy.movedOutOn = movedOutOn;
  recordChange(tx.em, tx.identity, { type: 'RentalHousing', id: rental.id }, ChangeAction.TENANCY_ENDED, {
    effectiveOn: movedOutOn,
    reason: `tenant ${tenancy.residentId}`,
  });
  return rental;
}

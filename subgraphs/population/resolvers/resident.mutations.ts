import { today } from '../../../lib/calendar';
import { randomUUID } from 'node:crypto';
import { CreateOnce, withoutKey } from '../../../lib/writes/idempotency';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import { findOneInScope } from '../../../lib/auth/find-in-scope';
import type { Location } from '../../../lib/auth/scope';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { ResidentStatus } from '../entities/enums';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import { ResidentChange } from '../entities/resident-change';
import type { PopulationContext } from '../loaders';
import { MoveOutInput, RegisterResidentInput, UpdateResidentInput } from './resident.inputs';
import { factsOf, recordChanges } from './resident.history';
import { arrivalDay } from './resident-history.resolver';
import { validateRegistration, validateUpdate } from './resident.validate';

const placeOf = (household: Household | null | undefined): Location | null =>
  household ? { buildingId: household.building.id, communityCode: household.building.getEntity().communityCode } : null;

/** The household a resident is registered into or moved to: on the register and inside the caller's scope. */
async function householdRef(em: EntityManager, ctx: PopulationContext, id: string) {
  const household = await findOneInScope(
    em,
    Household,
    requireId(id, 'householdId'),
    ctx.identity.resolvedScope,
    { building: 'building', communityCode: 'building.communityCode' },
    { populate: ['building'] },
  );
  const refusal = () =>
    badInput(`householdId ${id} is not a household on the register in your data scope`, 'householdId');
  if (!household) throw refusal();
  refuseOutsideScope(ctx, 'Household', household.id, placeOf(household), refusal);
  return household;
}

/** The resident a change is about: inside the caller's scope (else answered as missing), and active. */
async function activeResident(em: EntityManager, ctx: PopulationContext, id: string): Promise<Resident> {
  // the scope in the statement: a resident outside it costs what one nobody issued does (lib/auth/find-in-scope.ts)
  const resident = await findOneInScope(
    em,
    Resident,
    requireId(id),
    ctx.identity.resolvedScope,
    { building: 'household.building', communityCode: 'household.building.communityCode' },
    { populate: ['household.building'] },
  );
  if (!resident) throw notVisible('Resident', id);
  refuseOutsideScope(ctx, 'Resident', resident.id, placeOf(resident.household?.getEntity()), () =>
    notVisible('Resident', id),
  );
  if (resident.status !== ResidentStatus.ACTIVE)
    throw badInput(`resident ${id} is ${resident.status}; only active residents can change`, 'id');
  return resident;
}

const changedSince = (id: string, expected: number, now: number) =>
  conflict(
    `resident ${id} has changed since version ${expected} (it is now version ${now}): read it again and make the change on what it says now`,
  );

/**
 * A change to one resident, which two clerks may make at the same moment: the UPDATE holds the version it read
 * (Resident.version), so the later of two concurrent changes finds the row changed and is refused with CONFLICT
 * instead of silently overwriting the first.
 */
async function changingOneResident<T>(id: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof OptimisticLockError)
      throw conflict(
        `resident ${id} was changed by someone else at the same moment: read it again and make the change on what it says now`,
      );
    throw error;
  }
}

/** Changes to the register are population's own registry staff's (不予共享). */
export const REGISTRY_STAFF: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['REGISTRAR', 'CLERK'] };
/**
 * Registering is the registrar's: its answer to a number already on the register (CONFLICT) tells whether that number
 * exists, which only a role that reads ID numbers whole may learn.
 */
const REGISTRARS: FieldRule = {
  sharing: 'NOT_SHARED',
  ownerRoles: ['REGISTRAR'],
  note: 'its CONFLICT answer confirms an ID number exists',
};

/**
 * Confirming facts in person is the registry's and, on a visit (一次采集), grid staff's inside their scope, for the
 * purpose they state; it changes nothing but when the facts were last confirmed.
 */
const FACT_CONFIRMERS: FieldRule = {
  sharing: 'CONDITIONAL',
  ownerRoles: ['REGISTRAR', 'CLERK'],
  grantedTo: ['GRID:GRID_WORKER', 'GRID:GRID_LEADER'],
  note: 'grid staff confirm the facts of the household they visit',
};

/** The most residents one confirmation names: a household's members. */
export const MAX_CONFIRMED = 50;

/** Each mutation is one transaction: it writes everything or nothing. */
@Resolver()
export class ResidentMutations {
  @Shared(REGISTRARS)
  @Mutation(() => Resident, { description: 'Registers a new resident (人口登记); registrars only' })
  async registerResident(
    @Arg('input', () => RegisterResidentInput) input: RegisterResidentInput,
    @Ctx() ctx: PopulationContext,
  ) {
    const once = new CreateOnce(ctx, 'registerResident', input.idempotencyKey, withoutKey(input), (c, id) =>
      c.em.findOne(Resident, { id }),
    );
    const earlier = await once.earlier();
    if (earlier) return earlier;
    const idNumber = validateRegistration(input);
    try {
      return await once.create(async ({ em: tx }) => {
        const { householdId, idempotencyKey: _key, movedInOn, ...facts } = input;
        const resident = tx.create(Resident, {
          ...facts,
          id: randomUUID(),
          idNumber,
          name: input.name.trim(),
          household: householdId ? await householdRef(tx, ctx, householdId) : null,
          livingArrangement: input.livingArrangement ?? 'WITH_FAMILY',
          selfCareAbility: input.selfCareAbility ?? 'FULL',
          healthInsurance: input.healthInsurance ?? false,
          pensionInsurance: input.pensionInsurance ?? false,
          unemploymentInsurance: input.unemploymentInsurance ?? false,
          status: ResidentStatus.ACTIVE,
          lastVerifiedAt: new Date(),
        } as never);
        // a resident with no household has no place: only a district-wide scope may register one
        if (!householdId)
          refuseOutsideScope(ctx, 'Resident', resident.id, null, () =>
            badInput('householdId is required inside your data scope', 'householdId'),
          );
        recordChanges(tx, ctx, resident, null, movedInOn ?? null);
        await tx.flush();
        return resident;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('a resident with this ID number is already on the register');
      throw error;
    }
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => Resident, { description: 'Updates facts about an active resident' })
  async updateResident(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateResidentInput) input: UpdateResidentInput,
    @Ctx() ctx: PopulationContext,
    @Arg('expectedVersion', () => Int, {
      nullable: true,
      description:
        'The version the change was made against (Resident.version): refused with CONFLICT if the record has changed since',
    })
    expectedVersion?: number | null,
  ) {
    validateUpdate(input);
    return changingOneResident(id, () =>
      inTransaction(ctx, async ({ em: tx }) => {
        const resident = await activeResident(tx, ctx, id);
        if (expectedVersion != null && resident.version !== expectedVersion)
          throw changedSince(id, expectedVersion, resident.version);
        const { householdId, ...facts } = input;
        const changes = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined && v !== null));
        const before = factsOf(resident);
        tx.assign(resident, {
          ...changes,
          ...(householdId ? { household: await householdRef(tx, ctx, householdId) } : {}),
          lastVerifiedAt: new Date(),
        });
        recordChanges(tx, ctx, resident, before);
        await tx.flush();
        return resident;
      }),
    );
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => Resident, {
    description: 'Takes a resident off the active register: moved out (迁出) or deceased (死亡)',
  })
  async moveOutResident(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => MoveOutInput, { nullable: true }) input: MoveOutInput | undefined,
    @Ctx() ctx: PopulationContext,
  ) {
    const on = input?.movedOutOn ?? today();
    if (on > today()) throw badInput(`movedOutOn ${on} is in the future`, 'movedOutOn');
    return changingOneResident(id, () =>
      inTransaction(ctx, async ({ em: tx }) => {
        const resident = await activeResident(tx, ctx, id);
        if (on < resident.birthDate) throw badInput(`movedOutOn ${on} is before the birth date`, 'movedOutOn');
        const changes = await tx.find(ResidentChange, { residentId: resident.id }, { orderBy: { at: 'asc' } });
        const movedIn = arrivalDay(changes, resident.household?.id ?? null);
        if (movedIn && on < movedIn)
          throw badInput(
            `movedOutOn ${on} is before the day the resident moved in (${movedIn}); give a day on or after it`,
            'movedOutOn',
          );
        const before = factsOf(resident);
        resident.status = input?.deceased ? ResidentStatus.DECEASED : ResidentStatus.MOVED_OUT;
        resident.leftOn = on;
        recordChanges(tx, ctx, resident, before, on);
        await tx.flush();
        return resident;
      }),
    );
  }

  /** a household's members */
  @ListSize(4)
  @Shared(FACT_CONFIRMERS)
  @Mutation(() => [Resident], {
    description: `Confirms in person (入户核实) that these residents' facts are right as registered: sets lastVerifiedAt to now, with a VERIFIED history row naming who confirmed, so they leave the re-verification list (每两个月更新一次). For registry staff, and grid staff inside their scope with a stated purpose: the visit form calls it for the household visited (visitId: grid's visit, kept in the audit log). At most ${MAX_CONFIRMED} residents, all active and in scope, or nothing is written`,
  })
  async confirmResidentFacts(
    @Arg('residentIds', () => [ID]) residentIds: string[],
    @Arg('visitId', () => ID, {
      nullable: true,
      description: 'The visit on which the facts were confirmed (grid’s Visit)',
    })
    visitId: string | undefined,
    @Ctx() ctx: PopulationContext,
  ) {
    const ids = [...new Set(residentIds.map((id, i) => requireId(id, `residentIds[${i}]`)))];
    if (!ids.length || ids.length > MAX_CONFIRMED)
      throw badInput(`residentIds holds ${ids.length} residents; give 1 to ${MAX_CONFIRMED}`, 'residentIds');
    if (visitId) requireId(visitId, 'visitId');
    return changingOneResident(ids.join(', '), () =>
      inTransaction(ctx, async ({ em: tx }) => {
        const confirmed: Resident[] = [];
        for (const id of ids) {
          const resident = await activeResident(tx, ctx, id);
          const before = factsOf(resident);
          resident.lastVerifiedAt = new Date();
          recordChanges(tx, ctx, resident, before);
          confirmed.push(resident);
        }
        ctx.audit.note('WRITE', 'Resident', ids, visitId ? `lastVerifiedAt.visit=${visitId}` : 'lastVerifiedAt');
        await tx.flush();
        return confirmed;
      }),
    );
  }
}

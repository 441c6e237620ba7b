import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { badInput, conflict, notFound, requireId } from '../../../lib/errors';
import { ResidentStatus } from '../entities/enums';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';
import { MoveOutInput, RegisterResidentInput, UpdateResidentInput } from './resident.inputs';
import { validateRegistration, validateUpdate } from './resident.validate';

async function householdRef(em: EntityManager, id: string) {
  const household = await em.findOne(Household, { id: requireId(id, 'householdId') });
  if (!household) throw badInput(`householdId ${id} is not a household on the register`, 'householdId');
  return household;
}

async function activeResident(em: EntityManager, id: string): Promise<Resident> {
  const resident = await em.findOne(Resident, { id: requireId(id) });
  if (!resident) throw notFound('Resident', id);
  if (resident.status !== ResidentStatus.ACTIVE) throw badInput(`resident ${id} is ${resident.status}; only active residents can change`, 'id');
  return resident;
}

/** Changes to the register are population's own registry staff's (不予共享). */
const REGISTRY_STAFF: FieldRule = { sharing: 'NOT_SHARED', ownerRoles: ['REGISTRAR', 'CLERK'] };

/** Each mutation is one transaction: it writes everything or nothing. */
@Resolver()
export class ResidentMutations {
  @Shared(REGISTRY_STAFF)
  @Mutation(() => Resident, { description: 'Registers a new resident (人口登记)' })
  async registerResident(@Arg('input', () => RegisterResidentInput) input: RegisterResidentInput, @Ctx() { em }: PopulationContext) {
    const idNumber = validateRegistration(input);
    try {
      return await em.transactional(async (tx) => {
        const { householdId, ...facts } = input;
        const resident = tx.create(Resident, {
          ...facts,
          id: randomUUID(),
          idNumber,
          name: input.name.trim(),
          household: householdId ? await householdRef(tx, householdId) : null,
          livingArrangement: input.livingArrangement ?? 'WITH_FAMILY',
          selfCareAbility: input.selfCareAbility ?? 'FULL',
          healthInsurance: input.healthInsurance ?? false,
          pensionInsurance: input.pensionInsurance ?? false,
          status: ResidentStatus.ACTIVE,
          lastVerifiedAt: new Date(),
        } as never);
        await tx.flush();
        return resident;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('a resident with this ID number is already on the register');
      throw error;
    }
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => Resident, { description: 'Updates facts about an active resident' })
  async updateResident(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateResidentInput) input: UpdateResidentInput,
    @Ctx() { em }: PopulationContext,
  ) {
    validateUpdate(input);
    return em.transactional(async (tx) => {
      const resident = await activeResident(tx, id);
      const { householdId, ...facts } = input;
      const changes = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined && v !== null));
      tx.assign(resident, { ...changes, ...(householdId ? { household: await householdRef(tx, householdId) } : {}), lastVerifiedAt: new Date() });
      await tx.flush();
      return resident;
    });
  }

  @Shared(REGISTRY_STAFF)
  @Mutation(() => Resident, { description: 'Takes a resident off the active register: moved out (迁出) or deceased (死亡)' })
  async moveOutResident(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => MoveOutInput, { nullable: true }) input: MoveOutInput | undefined,
    @Ctx() { em }: PopulationContext,
  ) {
    const today = new Date().toISOString().slice(0, 10);
    const on = input?.movedOutOn ?? today;
    if (on > today) throw badInput(`movedOutOn ${on} is in the future`, 'movedOutOn');
    return em.transactional(async (tx) => {
      const resident = await activeResident(tx, id);
      if (on < resident.birthDate) throw badInput(`movedOutOn ${on} is before the birth date`, 'movedOutOn');
      resident.status = input?.deceased ? ResidentStatus.DECEASED : ResidentStatus.MOVED_OUT;
      resident.leftOn = on;
      await tx.flush();
      return resident;
    });
  }
}

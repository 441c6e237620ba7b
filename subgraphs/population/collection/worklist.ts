import { randomUUID } from 'node:crypto';
import { type GraphQLSchema } from 'graphql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { forbidden } from '../../../lib/auth/identity';
import { inScope, placeOfRecord } from '../../../lib/auth/scope';
import { parseIdNumber } from '../../../lib/codes/id-number';
import { ETHNICITIES } from '../../../lib/codes/tables';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { ResidentStatus } from '../entities/enums';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';
import { type Collected, factsOf, recordChanges } from '../resolvers/resident.history';
import { type ArrivalProposal, CollectedChange, CollectedChangeKind, type DepartureProposal } from './collected-change';
import { departureProblem } from './collect';
import { readFact } from './facts';
import type { ArrivalRegistrationInput } from './worklist.inputs';
import { COLLECTED_CHANGE_WORKFLOW, type CollectedChangeAction } from './workflow';

/** A collected change in the caller's scope, locked for the decision; missing and out of scope answer alike. */
async function lockedChange(tx: PopulationContext, id: string): Promise<CollectedChange> {
  const change = await tx.em.findOne(CollectedChange, { id: requireId(id) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!change || !inScope(tx.identity.resolvedScope, placeOfRecord(change))) {
    tx.audit.note('WRITE', 'CollectedChange', id, 'scope', 'DENIED');
    throw notVisible('CollectedChange', id);
  }
  return change;
}

/** The member a FACT or DEPARTURE is about, still an active member of the household it was collected in. */
async function memberOf(tx: PopulationContext, change: CollectedChange): Promise<Resident> {
  const resident = await tx.em.findOne(Resident, { id: change.residentId! });
  if (!resident || resident.status !== ResidentStatus.ACTIVE || resident.household?.id !== change.householdId)
    throw badInput(
      `resident ${change.residentId} is no longer an active member of the household it was collected in; reject the change, saying so`,
      'id',
    );
  return resident;
}

const unacceptable = (reason: string) => badInput(`${reason}; reject the change with this reason`, 'id');

async function applyFact(tx: PopulationContext, schema: GraphQLSchema, change: CollectedChange, via: Collected) {
  const resident = await memberOf(tx, change);
  const read = readFact(schema, resident, change.field!, (change.proposed as { value: string | null }).value);
  if (!read.ok) throw unacceptable(read.reason);
  const before = factsOf(resident);
  tx.em.assign(resident, read.set);
  recordChanges(tx.em, tx, resident, before, null, via);
  return resident;
}

async function applyArrival(
  tx: PopulationContext,
  change: CollectedChange,
  via: Collected,
  registration: ArrivalRegistrationInput | undefined,
) {
  // registering answers CONFLICT for a number on the register: only a role that reads ID numbers whole may learn that
  if (tx.identity.role !== 'REGISTRAR') throw forbidden('registering a new arrival is the registrar’s (REGISTRAR)');
  if (!registration)
    throw badInput(
      'an arrival needs `registration` (ethnicityCode, residenceStatus) from the documents you checked',
      'registration',
    );
  if (!ETHNICITIES[registration.ethnicityCode])
    throw badInput(
      `ethnicityCode "${registration.ethnicityCode}" is not a GB/T 3304 code ("01" to "56")`,
      'registration.ethnicityCode',
    );
  const arrival = change.proposed as ArrivalProposal;
  const parsed = parseIdNumber(arrival.idNumber);
  if (!parsed.ok) throw unacceptable(`idNumber ${parsed.reason}`);
  const household = await tx.em.findOneOrFail(Household, { id: change.householdId });
  const resident = tx.em.create(Resident, {
    id: randomUUID(),
    name: arrival.name,
    idNumber: arrival.idNumber,
    gender: parsed.facts.gender,
    birthDate: parsed.facts.birthDate,
    ethnicityCode: registration.ethnicityCode,
    phone: arrival.phone ?? null,
    relationCode: arrival.relationCode ?? null,
    household,
    residenceStatus: registration.residenceStatus,
    livingArrangement: 'WITH_FAMILY',
    selfCareAbility: 'FULL',
    healthInsurance: false,
    pensionInsurance: false,
    unemploymentInsurance: false,
    status: ResidentStatus.ACTIVE,
    collectedBy: change.collectedBy,
    lastVerifiedAt: new Date(),
  } as never);
  recordChanges(tx.em, tx, resident, null, arrival.movedInOn, via);
  change.residentId = resident.id;
  return resident;
}

async function applyDeparture(tx: PopulationContext, change: CollectedChange, via: Collected) {
  const resident = await memberOf(tx, change);
  const departure = change.proposed as DepartureProposal;
  const problem = await departureProblem(tx, resident, departure);
  if (problem) throw unacceptable(problem);
  const before = factsOf(resident);
  resident.status = departure.kind === 'DECEASED' ? ResidentStatus.DECEASED : ResidentStatus.MOVED_OUT;
  resident.leftOn = departure.on;
  recordChanges(tx.em, tx, resident, before, departure.on, via);
  return resident;
}

/**
 * Decides a pending change (VERIFY applies it, REJECT keeps it off the register with a reason), in one transaction with
 * the row locked: of two officials deciding at once, the second finds it decided (INVALID_TRANSITION). A decision sent
 * again with the same idempotency key by the one who made it answers the change as decided.
 */
export async function decide(
  ctx: PopulationContext,
  id: string,
  action: CollectedChangeAction,
  options: { schema?: GraphQLSchema; key?: string | null; reason?: string; registration?: ArrivalRegistrationInput },
): Promise<CollectedChange> {
  const key = options.key?.trim() || null;
  try {
    return await inTransaction(ctx, async (tx) => {
      const change = await lockedChange(tx, id);
      if (key && change.decisionKey === key && change.decidedBy === tx.identity.subject) return change;
      const next = COLLECTED_CHANGE_WORKFLOW.next(change.id, change.status, action);
      if (action === 'VERIFY') {
        const via = { collectedBy: change.collectedBy, visitId: change.visitId };
        const resident =
          change.kind === CollectedChangeKind.FACT
            ? await applyFact(tx, options.schema!, change, via)
            : change.kind === CollectedChangeKind.ARRIVAL
              ? await applyArrival(tx, change, via, options.registration)
              : await applyDeparture(tx, change, via);
        tx.audit.note('WRITE', 'Resident', resident.id, `collected.visit=${change.visitId}`);
      } else change.reason = options.reason;
      change.status = next;
      change.decidedBy = tx.identity.subject;
      change.decidedAt = new Date();
      change.decisionKey = key;
      tx.audit.note('WRITE', 'CollectedChange', change.id, action);
      await tx.em.flush();
      return change;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw conflict('a resident with this ID number is already on the register; reject the change, saying so');
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { today } from '../../../lib/calendar';
import { parseIdNumber } from '../../../lib/codes/id-number';
import { RELATIONS } from '../../../lib/codes/tables';
import type { DepartureInput, NewArrivalInput, PopulationCollectionInput } from '../../../lib/collection/inputs';
import { CollectionOutcome, type CollectedPart } from '../../../lib/collection/outcome';
import { ResidentStatus } from '../entities/enums';
import type { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import { ResidentChange } from '../entities/resident-change';
import type { PopulationContext } from '../loaders';
import { arrivalDay } from '../resolvers/resident-history.resolver';
import { type Collected, factsOf, recordChanges } from '../resolvers/resident.history';
import { checkPhone } from '../resolvers/resident.validate';
import { CollectedChange, CollectedChangeKind, type Proposed } from './collected-change';
import { readFact } from './facts';
import { dueOn } from './time-limits';
import { CollectedChangeStatus } from './workflow';

/** One visit's collection as population decides it, inside the caller's transaction (`tx`). */
export interface Visit {
  visitId: string;
  visitedAt: Date;
  household: Household;
  collected: PopulationCollectionInput;
}

const part = (name: string, outcome: CollectionOutcome, more: Partial<CollectedPart> = {}): CollectedPart => ({
  department: 'POPULATION',
  part: name,
  outcome,
  reason: null,
  worklistItemId: null,
  recordId: null,
  ...more,
});
const ids = (records: { id: string }[]) => records.map((r) => r.id);
const refusedPart = (name: string, reason: string) => part(name, CollectionOutcome.REFUSED, { reason });

/** Why a departure cannot be as collected, or null. */
export async function departureProblem(
  tx: PopulationContext,
  resident: Resident,
  departure: Pick<DepartureInput, 'on'>,
): Promise<string | null> {
  if (departure.on > today()) return `on ${departure.on} is in the future`;
  if (departure.on < resident.birthDate) return `on ${departure.on} is before the birth date`;
  const changes = await tx.em.find(ResidentChange, { residentId: resident.id }, { orderBy: { at: 'asc' } });
  const movedIn = arrivalDay(changes, resident.household?.id ?? null);
  if (movedIn && departure.on < movedIn)
    return `on ${departure.on} is before the day the resident moved in (${movedIn}); give a day on or after it`;
  return null;
}

/** Why a new arrival cannot be registered as collected, or null. */
export function arrivalProblem(arrival: NewArrivalInput): string | null {
  const name = arrival.name.trim();
  if (!name || name.length > 50) return 'name must be 1 to 50 characters';
  const parsed = parseIdNumber(arrival.idNumber);
  if (!parsed.ok) return `idNumber ${parsed.reason}`;
  if (arrival.phone) {
    try {
      checkPhone(arrival.phone, 'phone');
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (arrival.relationCode && !RELATIONS[arrival.relationCode])
    return `relationCode "${arrival.relationCode}" is not a GB/T 4761 code (e.g. "02" head, "10" spouse, "20" son)`;
  if (arrival.movedInOn > today()) return `movedInOn ${arrival.movedInOn} is in the future`;
  if (arrival.movedInOn < parsed.facts.birthDate)
    return `movedInOn ${arrival.movedInOn} is before the birth date the ID number encodes (${parsed.facts.birthDate})`;
  return null;
}

/**
 * Decides each part of a visit's collection for population, in input order: DIRECT facts applied at once with a
 * history row naming the collector and the visit, PROPOSE items queued in the worklist, the rest refused with a reason.
 * Every check is made before anything is written, so a refused part never undoes another.
 */
export async function decideCollection(tx: PopulationContext, schema: GraphQLSchema, visit: Visit) {
  const { collected, household, visitId, visitedAt } = visit;
  const via: Collected = { collectedBy: tx.identity.subject, visitId };
  const members = (await tx.em.find(Resident, { household: household.id, status: ResidentStatus.ACTIVE })).sort(
    (a, b) => a.id.localeCompare(b.id),
  );
  const memberOf = (id: string) => members.find((m) => m.id === id);
  const notMember = (id: string) =>
    `resident ${id} is not an active member of this household; a newcomer is an arrival, someone elsewhere is collected on their own household's visit`;
  const queue = (kind: CollectedChangeKind, proposed: Proposed, more: Partial<CollectedChange>) =>
    tx.em.create(CollectedChange, {
      id: randomUUID(),
      kind,
      householdId: household.id,
      buildingId: household.building.id,
      communityCode: household.building.getEntity().communityCode,
      proposed,
      collectedBy: tx.identity.subject,
      visitId,
      collectedAt: visitedAt,
      dueOn: dueOn(kind, visitedAt),
      status: CollectedChangeStatus.PENDING,
      ...more,
    } as CollectedChange);
  const pending = (name: string, change: CollectedChange) =>
    part(name, CollectionOutcome.PENDING_VERIFICATION, {
      worklistItemId: change.id,
      recordId: change.residentId ?? null,
    });

  const parts: CollectedPart[] = [];
  for (const [i, fact] of (collected.facts ?? []).entries()) {
    const name = `facts[${i}] ${fact.field}`;
    const resident = memberOf(fact.residentId);
    const read = resident ? readFact(schema, resident, fact.field, fact.value ?? null) : null;
    if (!resident || !read) parts.push(refusedPart(name, notMember(fact.residentId)));
    else if (!read.ok) parts.push(refusedPart(name, read.reason));
    else if (read.rule.collect === 'PROPOSE') {
      const proposed = { value: fact.value ?? null };
      parts.push(
        pending(name, queue(CollectedChangeKind.FACT, proposed, { residentId: resident.id, field: fact.field })),
      );
    } else {
      const before = factsOf(resident);
      tx.em.assign(resident, read.set);
      recordChanges(tx.em, tx, resident, before, null, via);
      parts.push(part(name, CollectionOutcome.APPLIED, { recordId: resident.id }));
    }
  }
  for (const [i, arrival] of (collected.arrivals ?? []).entries()) {
    const problem = arrivalProblem(arrival);
    const proposed = {
      name: arrival.name.trim(),
      idNumber: arrival.idNumber.trim().toUpperCase(),
      phone: arrival.phone ?? null,
      relationCode: arrival.relationCode ?? null,
      movedInOn: arrival.movedInOn,
    };
    parts.push(
      problem
        ? refusedPart(`arrivals[${i}]`, problem)
        : pending(`arrivals[${i}]`, queue(CollectedChangeKind.ARRIVAL, proposed, {})),
    );
  }
  const departures = collected.departures ?? [];
  for (const [i, departure] of departures.entries()) {
    const name = `departures[${i}]`;
    const resident = memberOf(departure.residentId);
    if (!resident) {
      parts.push(refusedPart(name, notMember(departure.residentId)));
      continue;
    }
    const problem = await departureProblem(tx, resident, departure);
    if (problem) {
      parts.push(refusedPart(name, problem));
      continue;
    }
    const proposed = { kind: departure.kind, on: departure.on, note: departure.note ?? null };
    parts.push(pending(name, queue(CollectedChangeKind.DEPARTURE, proposed, { residentId: resident.id })));
  }
  if (collected.confirmFacts) {
    // 入户核实: the members' facts hold as of the visit (as confirmResidentFacts records it)
    for (const member of members) {
      if (member.lastVerifiedAt.getTime() >= visitedAt.getTime()) continue;
      const before = factsOf(member);
      member.lastVerifiedAt = visitedAt;
      recordChanges(tx.em, tx, member, before, null, via);
    }
    parts.push(part('confirmFacts', CollectionOutcome.APPLIED, { recordId: household.id }));
  }
  const applied = parts.filter((p) => p.outcome === CollectionOutcome.APPLIED && p.part.startsWith('facts['));
  if (applied.length)
    tx.audit.note('WRITE', 'Resident', [...new Set(applied.map((p) => p.recordId!))], `collected.visit=${visitId}`);
  if (collected.confirmFacts && members.length)
    tx.audit.note('WRITE', 'Resident', ids(members), `lastVerifiedAt.visit=${visitId}`);
  await tx.em.flush();
  return parts;
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { maskIdNumber } from '../../../lib/codes/id-number';
import { ResidentChangeKind } from '../entities/enums';
import type { Resident } from '../entities/resident';
import { ResidentChange } from '../entities/resident-change';
import type { PopulationContext } from '../loaders';

/** The facts whose changes the history keeps, one row per changed fact. */
const TRACKED = [
  'name',
  'gender',
  'birthDate',
  'ethnicityCode',
  'phone',
  'relationCode',
  'residenceStatus',
  'education',
  'maritalStatus',
  'politicalStatus',
  'employmentStatus',
  'livingArrangement',
  'selfCareAbility',
  'healthInsurance',
  'pensionInsurance',
  'unemploymentInsurance',
] as const satisfies readonly (keyof Resident)[];

type Facts = Partial<
  Record<(typeof TRACKED)[number] | 'householdId' | 'status' | 'lastVerifiedAt' | 'idNumber', unknown>
>;

const text = (value: unknown) =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

/** A change collected on a visit (一次采集): its history rows name the collector and the visit. */
export interface Collected {
  collectedBy: string;
  visitId: string;
}

/** What the history compares: the tracked facts of a resident, as they are now. */
export function factsOf(resident: Resident): Facts {
  const facts: Facts = {
    householdId: resident.household?.id ?? null,
    status: resident.status,
    lastVerifiedAt: resident.lastVerifiedAt,
    idNumber: resident.idNumber,
  };
  for (const key of TRACKED) facts[key] = resident[key];
  return facts;
}

/**
 * Writes the history rows of one change, in the caller's transaction (`tx`): a registration, a move between
 * households, a status change, every changed fact, and the verification a change in person is.
 */
export function recordChanges(
  tx: EntityManager,
  ctx: PopulationContext,
  resident: Resident,
  before: Facts | null,
  effectiveOn: string | null = null,
  collected?: Collected,
): void {
  const after = factsOf(resident);
  const row = (kind: ResidentChangeKind, change: Partial<ResidentChange>) =>
    tx.create(ResidentChange, {
      id: randomUUID(),
      residentId: resident.id,
      at: new Date(),
      kind,
      changedBy: ctx.identity.subject,
      requestId: ctx.identity.requestId,
      effectiveOn,
      collectedBy: collected?.collectedBy ?? null,
      visitId: collected?.visitId ?? null,
      ...change,
    } as ResidentChange);
  const household = (value: unknown) => (value ? String(value) : null);
  if (!before) {
    row(ResidentChangeKind.REGISTERED, {
      toHouseholdId: household(after.householdId),
      toValue: household(after.householdId),
    });
    return;
  }
  if (before.householdId !== after.householdId) {
    row(ResidentChangeKind.MOVED, {
      field: 'household',
      fromHouseholdId: household(before.householdId),
      toHouseholdId: household(after.householdId),
      fromValue: household(before.householdId),
      toValue: household(after.householdId),
    });
  }
  if (before.status !== after.status)
    row(ResidentChangeKind.STATUS, {
      field: 'status',
      fromValue: text(before.status),
      toValue: text(after.status),
      fromHouseholdId: household(after.householdId),
    });
  for (const key of TRACKED) {
    if (text(before[key]) !== text(after[key]))
      row(ResidentChangeKind.FACT, { field: key, fromValue: text(before[key]), toValue: text(after[key]) });
  }
  // the number itself stays out of the history: the row says it was corrected, masked
  if (before.idNumber !== undefined && before.idNumber !== after.idNumber)
    row(ResidentChangeKind.FACT, {
      field: 'idNumber',
      fromValue: maskIdNumber(String(before.idNumber)),
      toValue: maskIdNumber(String(after.idNumber)),
    });
  if (text(before.lastVerifiedAt) !== text(after.lastVerifiedAt)) {
    row(ResidentChangeKind.VERIFIED, {
      field: 'lastVerifiedAt',
      fromValue: text(before.lastVerifiedAt),
      toValue: text(after.lastVerifiedAt),
    });
  }
}

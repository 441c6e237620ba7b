import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ResidentChangeKind } from '../entities/enums';
import type { Resident } from '../entities/resident';
import { ResidentChange } from '../entities/resident-change';
import type { PopulationContext } from '../loaders';

/** The facts whose changes the history keeps, one row per changed fact. */
const TRACKED = [
  'name',
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

type Facts = Partial<Record<(typeof TRACKED)[number] | 'householdId' | 'status' | 'lastVerifiedAt', unknown>>;

const text = (value: unknown) =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value);

/** What the history compares: the tracked facts of a resident, as they are now. */
export function factsOf(resident: Resident): Facts {
  const facts: Facts = {
    householdId: resident.household?.id ?? null,
    status: resident.status,
    lastVerifiedAt: resident.lastVerifiedAt,
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
  if (text(before.lastVerifiedAt) !== text(after.lastVerifiedAt)) {
    row(ResidentChangeKind.VERIFIED, {
      field: 'lastVerifiedAt',
      fromValue: text(before.lastVerifiedAt),
      toValue: text(after.lastVerifiedAt),
    });
  }
}

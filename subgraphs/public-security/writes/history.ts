import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForwardedIdentity } from '../../../lib/auth/forwarded';
import { badInput } from '../../../lib/errors';
import { ChangeRecord } from '../entities/change';
import type { ChangeAction } from '../entities/enums';
import { today } from '../supervision';

/** Appends one change to a record's history, inside the mutation's transaction (it commits with the change). */
export function recordChange(
  tx: EntityManager,
  identity: ForwardedIdentity,
  record: { type: string; id: string },
  action: ChangeAction,
  details: { effectiveOn?: string; validUntil?: string | null; reason?: string | null } = {},
): ChangeRecord {
  return tx.create(ChangeRecord, {
    id: randomUUID(),
    recordType: record.type,
    recordId: record.id,
    action,
    effectiveOn: details.effectiveOn ?? today(),
    validUntil: details.validUntil ?? null,
    at: new Date(),
    actor: identity.subject,
    reason: details.reason ?? null,
  });
}

/** Text an officer wrote (a reason, a summary, a room): trimmed, not empty when required, not longer than `max`. */
export function readText(
  text: string | null | undefined,
  required: boolean,
  field = 'reason',
  max = 500,
): string | null {
  const value = text?.trim() ?? '';
  if (!value) {
    if (required) throw badInput(`${field} must not be empty`, field);
    return null;
  }
  if (value.length > max) throw badInput(`${field} must be at most ${max} characters; got ${value.length}`, field);
  return value;
}

/** A day given with a change: not in the future. */
export function pastDay(day: string, field: string): string {
  if (day > today()) throw badInput(`${field} ${day} is in the future`, field);
  return day;
}

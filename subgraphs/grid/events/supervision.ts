import { randomUUID } from 'node:crypto';
import type { ForwardedIdentity } from '../../../lib/auth/forwarded';
import { forbidden } from '../../../lib/auth/identity';
import { CreateOnce } from '../../../lib/writes/idempotency';
import { invalidTransition, requireId } from '../../../lib/errors';
import { Event } from '../entities/event';
import { EventSupervision } from '../entities/event-supervision';
import type { GridContext } from '../loaders';
import { actorRole, requireText, visibleEventForWrite } from './store';
import { eventWorkflow, FINAL_STATUSES } from './workflow';

const OFFICIAL_ROLES = ['GRID_LEADER', 'DISPATCHER'];
/** a street's division code has 9 digits: a scope of streets or the district is at street level or above */
const STREET_CODE_LENGTH = 9;

/**
 * A street or district official (督办人): grid's leaders and dispatchers whose data scope is whole streets or the
 * district (not a community, grid or building). The hub has no separate role for them; their scope says their level.
 */
export function isStreetOrDistrictOfficial(identity: ForwardedIdentity): boolean {
  if (identity.department !== 'GRID' || !OFFICIAL_ROLES.includes(identity.role)) return false;
  const scope = identity.resolvedScope;
  if (scope.all) return true;
  return (
    !scope.buildingIds.length &&
    scope.codePrefixes.length > 0 &&
    scope.codePrefixes.every((p) => p.length <= STREET_CODE_LENGTH)
  );
}

export interface SuperviseRequest {
  eventId: string;
  reason: string;
  idempotencyKey: string;
}

/**
 * Flags an overdue open event for supervision (督办): one row with who, when, why and the department responsible, in
 * one transaction. Only an event whose current step is past its time limit; a retry with the same key answers the
 * same flag.
 */
export async function superviseEvent(ctx: GridContext, request: SuperviseRequest): Promise<Event> {
  const eventId = requireId(request.eventId, 'eventId');
  if (!isStreetOrDistrictOfficial(ctx.identity)) {
    ctx.audit.note('WRITE', 'Event', eventId, 'superviseEvent', 'DENIED');
    throw forbidden(
      `supervision (督办) is for street or district officials: GRID:GRID_LEADER or GRID:DISPATCHER with a street or district scope; ${ctx.identity.department}:${ctx.identity.role} of this scope may not flag events`,
    );
  }
  const reason = requireText(request.reason, 'reason')!;
  // the key's record is the event flagged: a retry answers the event (with its supervision flags)
  const once = new CreateOnce(ctx, 'superviseEvent', request.idempotencyKey, { eventId, reason }, (c, id) =>
    c.em.findOne(Event, { id }),
  );
  const earlier = await once.earlier();
  if (earlier) return earlier;
  return once.create(async (txc) => {
    const event = await visibleEventForWrite(txc, eventId);
    const now = new Date();
    const open = !(FINAL_STATUSES as readonly string[]).includes(event.status);
    if (!open || !event.stepDeadline || event.stepDeadline >= now)
      throw invalidTransition(
        `event ${eventId} is ${event.status}${open ? (event.stepDeadline ? `, due at ${event.stepDeadline.toISOString()}` : ' (no clock)') : ''}: supervision (督办) is for open events whose current step is past its time limit`,
        { status: event.status, action: 'SUPERVISE', allowed: eventActions(event) },
      );
    txc.em.create(EventSupervision, {
      id: randomUUID(),
      event: event.id,
      department: event.department ?? null,
      reason,
      supervisorSubject: txc.identity.subject,
      supervisorName: txc.identity.name,
      supervisorRole: actorRole(txc.identity),
      at: now,
      overdueSince: event.stepDeadline,
    });
    await txc.em.flush();
    return event;
  });
}

/** The moves transitionEvent offers from the event's state (a follow-up's reopening is recordFollowUp's). */
export const eventActions = (event: Pick<Event, 'status'>) =>
  eventWorkflow.allowedActions(event.status).filter((a) => !eventWorkflow.moves[a].byFollowUp);

import { randomUUID } from 'node:crypto';
import { CreateOnce } from '../../../lib/writes/idempotency';
import { badInput, invalidTransition, requireId } from '../../../lib/errors';
import { Event } from '../entities/event';
import { EventFollowUp, Satisfaction } from '../entities/event-follow-up';
import type { GridContext } from '../loaders';
import { applyMove, requireText, visibleEventForWrite } from './store';
import { eventActions } from './supervision';
import { EventAction, EventStatus } from './workflow';

export interface FollowUpRequest {
  eventId: string;
  satisfaction: Satisfaction;
  comment?: string | null;
  reopen?: boolean | null;
  idempotencyKey: string;
}

/**
 * Records the answer to a follow-up (回访) of a closed event, once per closing; a DISSATISFIED answer with `reopen`
 * sends the event back to the department it was closed with by the workflow's REDO move (回访不满意重办), in the same
 * transaction: the answer and the reopening are written both or neither. The desk makes the calls, so the workflow's
 * DESK rule decides who may (a refusal is audited).
 */
export async function recordFollowUp(ctx: GridContext, request: FollowUpRequest): Promise<Event> {
  const eventId = requireId(request.eventId, 'eventId');
  const comment = requireText(request.comment, 'comment', false);
  const reopen = request.reopen ?? false;
  if (reopen && request.satisfaction !== Satisfaction.DISSATISFIED)
    throw badInput(`only a DISSATISFIED answer reopens an event; got ${request.satisfaction}`, 'reopen');
  if (reopen && !comment) throw badInput('reopening needs the comment saying what is still wrong', 'comment');
  const content = { eventId, satisfaction: request.satisfaction, comment, reopen };
  const once = new CreateOnce(ctx, 'recordFollowUp', request.idempotencyKey, content, (c, id) =>
    c.em.findOne(Event, { id }),
  );
  const earlier = await once.earlier();
  if (earlier) return earlier;
  return once.create(async (txc) => {
    const event = await visibleEventForWrite(txc, eventId);
    if (event.status !== EventStatus.CLOSED || !event.closedAt)
      throw invalidTransition(
        `event ${eventId} is ${event.status}: a follow-up (回访) is recorded after it is closed (CLOSED)`,
        { status: event.status, action: 'FOLLOW_UP', allowed: eventActions(event) },
      );
    const answered = await txc.em.count(EventFollowUp, { event: event.id, closedAt: event.closedAt });
    if (answered)
      throw invalidTransition(
        `event ${eventId} was already followed up since it was closed at ${event.closedAt.toISOString()}; one follow-up per closing`,
        { status: event.status, action: 'FOLLOW_UP', allowed: eventActions(event) },
      );
    txc.em.create(EventFollowUp, {
      id: randomUUID(),
      event: event.id,
      closedAt: event.closedAt,
      department: event.department ?? null,
      satisfaction: request.satisfaction,
      comment,
      reopened: reopen,
      recorderSubject: txc.identity.subject,
      recorderName: txc.identity.name,
      at: new Date(),
    });
    await txc.em.flush();
    // the reopening is a move of the workflow like any other: its rules, its timeline entry, its version check
    return reopen ? applyMove(txc, event, EventAction.REDO, comment) : event;
  });
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForwardedIdentity } from '../../../lib/auth/forwarded';
import { badInput } from '../../../lib/errors';
import { isRecurring, PROGRAM_TERMS } from '../config/programs';
import { addMonths, today } from '../dates';
import type { AssistanceCase } from '../entities/assistance-case';
import { AssistanceCaseStep } from '../entities/assistance-case-step';
import { AssistanceAction } from '../entities/enums';
import { assistanceLifecycle, MONTHLY_ONLY } from '../lifecycle';

/** The next periodic review of a paying case, from `from`, by its program's terms; null when not reviewed. */
export function nextReview(program: AssistanceCase['program'], from: string): string | null {
  const months = PROGRAM_TERMS[program].reviewEveryMonths;
  return months ? addMonths(from, months) : null;
}

/**
 * Takes one step of a case's lifecycle (lifecycle.ts decides whether it may), inside the mutation's transaction:
 * the status, the dates the step implies, and the step itself in the case's append-only history.
 */
export function takeStep(
  tx: EntityManager,
  identity: ForwardedIdentity,
  found: AssistanceCase,
  action: AssistanceAction,
  details: { reason?: string | null; amount?: string | null } = {},
): AssistanceCaseStep {
  if (MONTHLY_ONLY.includes(action) && !isRecurring(found.program)) {
    throw assistanceLifecycle.invalidTransition(found.id, found.status, action, {
      because: `it is a one-off grant (${found.program}), complete once approved; ${action} is for monthly programs only`,
      allowed: assistanceLifecycle.allowedActions(found.status).filter((a) => !MONTHLY_ONLY.includes(a)),
    });
  }
  if (assistanceLifecycle.needs(action, 'reason') && !details.reason)
    throw badInput(`${action} needs a reason`, 'reason');
  const from = action === AssistanceAction.APPLY ? null : found.status;
  const to = from === null ? assistanceLifecycle.moves.APPLY.to! : assistanceLifecycle.next(found.id, from, action);
  const now = today();
  found.status = to;
  if (action === AssistanceAction.START_PAYMENT) {
    found.startsOn ??= now;
    found.nextReviewOn = nextReview(found.program, now);
  }
  if (action === AssistanceAction.REVIEW) found.nextReviewOn = nextReview(found.program, now);
  if (action === AssistanceAction.TERMINATE) {
    found.endsOn = now;
    found.nextReviewOn = null;
  }
  return tx.create(AssistanceCaseStep, {
    id: randomUUID(),
    caseId: found.id,
    position: (found.steps = (found.steps ?? 0) + 1),
    action,
    fromStatus: from,
    toStatus: to,
    at: new Date(),
    actor: identity.subject,
    reason: details.reason ?? null,
    amount: details.amount ?? null,
  });
}

/** A reason a person wrote: trimmed, not empty, not a novel. */
export function readReason(text: string | null | undefined, required: boolean, field = 'reason'): string | null {
  const reason = text?.trim() ?? '';
  if (!reason) {
    if (required) throw badInput(`${field} is required: say why, e.g. "家庭收入超过低保标准"`, field);
    return null;
  }
  if (reason.length > 500) throw badInput(`${field} must be at most 500 characters; got ${reason.length}`, field);
  return reason;
}

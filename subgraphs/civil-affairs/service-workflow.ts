import { defineWorkflow } from '../../lib/workflow/define';
import { ServiceStatus as S } from './entities/service-application';

/**
 * The timeline of a service application, keyed by the status a step leads to:
 *
 *   SUBMITTED → ACCEPTED → FORWARDED → COMPLETED      (ACCEPTED → COMPLETED when the community decides itself)
 *        ↑          └──────────┴→ RETURNED (papers missing) → SUBMITTED again
 *        └──────────────────────→ REJECTED (from SUBMITTED, ACCEPTED or FORWARDED)
 *
 * Returning and rejecting need a note saying why.
 */
export const serviceTimeline = defineWorkflow<S, S>({
  record: 'service application',
  states: Object.values(S),
  initial: S.SUBMITTED,
  final: [S.COMPLETED, S.REJECTED],
  moves: {
    [S.SUBMITTED]: { from: [S.RETURNED], to: S.SUBMITTED },
    [S.ACCEPTED]: { from: [S.SUBMITTED], to: S.ACCEPTED },
    [S.FORWARDED]: { from: [S.ACCEPTED], to: S.FORWARDED },
    [S.COMPLETED]: { from: [S.ACCEPTED, S.FORWARDED], to: S.COMPLETED },
    [S.RETURNED]: { from: [S.SUBMITTED, S.ACCEPTED, S.FORWARDED], to: S.RETURNED, needs: ['reason'] },
    [S.REJECTED]: { from: [S.SUBMITTED, S.ACCEPTED, S.FORWARDED], to: S.REJECTED, needs: ['reason'] },
  },
});

/** Applications a caseworker still has to act on. */
export const WAITING = serviceTimeline.open;

import { ServiceStatus as S } from './entities/service-application';
import { defineWorkflow } from './workflow';

/**
 * The timeline of a service application, keyed by the status a step leads to:
 *
 *   SUBMITTED → ACCEPTED → FORWARDED → COMPLETED      (ACCEPTED → COMPLETED when the community decides itself)
 *        ↑          └──────────┴→ RETURNED (papers missing) → SUBMITTED again
 *        └──────────────────────→ REJECTED (from SUBMITTED, ACCEPTED or FORWARDED)
 */
export const serviceTimeline = defineWorkflow<S, S>('service application', {
  [S.SUBMITTED]: { from: [S.RETURNED], to: S.SUBMITTED },
  [S.ACCEPTED]: { from: [S.SUBMITTED], to: S.ACCEPTED },
  [S.FORWARDED]: { from: [S.ACCEPTED], to: S.FORWARDED },
  [S.COMPLETED]: { from: [S.ACCEPTED, S.FORWARDED], to: S.COMPLETED },
  [S.RETURNED]: { from: [S.SUBMITTED, S.ACCEPTED, S.FORWARDED], to: S.RETURNED },
  [S.REJECTED]: { from: [S.SUBMITTED, S.ACCEPTED, S.FORWARDED], to: S.REJECTED },
});

/** Applications a caseworker still has to act on. */
export const WAITING: readonly S[] = [S.SUBMITTED, S.ACCEPTED, S.FORWARDED, S.RETURNED];

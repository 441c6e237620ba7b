import { AssistanceAction as A, AssistanceStatus as S } from './entities/enums';
import { defineWorkflow } from './workflow';

/**
 * The lifecycle of an assistance case, the one table every change goes through:
 *
 *   APPLIED ─START_REVIEW→ REVIEWING ─APPROVE→ APPROVED ─START_PAYMENT→ ACTIVE ⇄ SUSPENDED (SUSPEND / RESUME)
 *      └──────APPROVE / REJECT──────┘  └REJECT→ REJECTED                  └──── TERMINATE → TERMINATED
 *
 * A one-off grant (临时救助, 大病救助) is paid on approval and ends APPROVED; the steps after it are for monthly
 * programs only (MONTHLY_ONLY). REVIEW (动态复核) keeps the status.
 */
export const assistanceLifecycle = defineWorkflow<S, A>('assistance case', {
  [A.APPLY]: { from: [], to: S.APPLIED },
  [A.START_REVIEW]: { from: [S.APPLIED], to: S.REVIEWING },
  [A.APPROVE]: { from: [S.APPLIED, S.REVIEWING], to: S.APPROVED },
  [A.REJECT]: { from: [S.APPLIED, S.REVIEWING], to: S.REJECTED },
  [A.START_PAYMENT]: { from: [S.APPROVED], to: S.ACTIVE },
  [A.SUSPEND]: { from: [S.ACTIVE], to: S.SUSPENDED },
  [A.RESUME]: { from: [S.SUSPENDED], to: S.ACTIVE },
  [A.TERMINATE]: { from: [S.APPROVED, S.ACTIVE, S.SUSPENDED], to: S.TERMINATED },
  [A.REVIEW]: { from: [S.ACTIVE, S.SUSPENDED], to: null },
});

/** Steps that only a monthly case takes (a one-off grant is complete once approved). */
export const MONTHLY_ONLY: readonly A[] = [A.START_PAYMENT, A.SUSPEND, A.RESUME, A.TERMINATE, A.REVIEW];

/** Statuses in which a case is still open: it blocks a second case of its program (see the partial unique indexes). */
export const OPEN_STATUSES: readonly S[] = [S.APPLIED, S.REVIEWING, S.APPROVED, S.ACTIVE, S.SUSPENDED];

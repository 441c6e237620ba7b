import { defineWorkflow } from '../../lib/workflow/define';
import { AssistanceAction as A, AssistanceStatus as S } from './entities/enums';

/**
 * The lifecycle of an assistance case, the one table every change goes through:
 *
 *   APPLIED ─START_REVIEW→ REVIEWING ─APPROVE→ APPROVED ─START_PAYMENT→ ACTIVE ⇄ SUSPENDED (SUSPEND / RESUME)
 *      └──────APPROVE / REJECT──────┘  └REJECT→ REJECTED                  └──── TERMINATE → TERMINATED
 *
 * A one-off grant (临时救助, 大病救助) is paid on approval and ends APPROVED; the steps after it are for monthly
 * programs only (MONTHLY_ONLY). REVIEW (动态复核) keeps the status. APPLY opens a case; it moves no existing one.
 */
export const assistanceLifecycle = defineWorkflow<S, A>({
  record: 'assistance case',
  states: Object.values(S),
  initial: S.APPLIED,
  final: [S.REJECTED, S.TERMINATED],
  moves: {
    [A.APPLY]: { from: [], to: S.APPLIED },
    [A.START_REVIEW]: { from: [S.APPLIED], to: S.REVIEWING, needs: ['reason'] },
    [A.APPROVE]: { from: [S.APPLIED, S.REVIEWING], to: S.APPROVED },
    [A.REJECT]: { from: [S.APPLIED, S.REVIEWING], to: S.REJECTED },
    [A.START_PAYMENT]: { from: [S.APPROVED], to: S.ACTIVE, needs: ['reason'] },
    [A.SUSPEND]: { from: [S.ACTIVE], to: S.SUSPENDED, needs: ['reason'] },
    [A.RESUME]: { from: [S.SUSPENDED], to: S.ACTIVE, needs: ['reason'] },
    [A.TERMINATE]: { from: [S.APPROVED, S.ACTIVE, S.SUSPENDED], to: S.TERMINATED, needs: ['reason'] },
    [A.REVIEW]: { from: [S.ACTIVE, S.SUSPENDED], to: null, needs: ['reason'] },
  },
});

/** Steps that only a monthly case takes (a one-off grant is complete once approved). */
export const MONTHLY_ONLY: readonly A[] = [A.START_PAYMENT, A.SUSPEND, A.RESUME, A.TERMINATE, A.REVIEW];

/** Statuses in which a case is still open: it blocks a second case of its program (see the partial unique indexes). */
export const OPEN_STATUSES = assistanceLifecycle.open;

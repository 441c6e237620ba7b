import { defineWorkflow } from '../../lib/workflow/define';
import { AssistanceAction as A, AssistanceStatus as S } from './entities/enums';

/**
 * The lifecycle of an assistance case, the one table every change goes through. An application takes four steps,
 * 受理 (APPLY) → 调查 (START_REVIEW) → 审核 (VERIFY) → 审批 (APPROVE), each by an official config/steps.ts names:
 *
 *   APPLIED ─START_REVIEW→ REVIEWING ─VERIFY→ VERIFIED ─APPROVE→ APPROVED ─START_PAYMENT→ ACTIVE ⇄ SUSPENDED
 *      └──────────────REJECT─────────────┴────────┘  → REJECTED                └── TERMINATE → TERMINATED
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
    [A.APPLY]: { from: [], to: S.APPLIED, term: '受理' },
    [A.START_REVIEW]: { from: [S.APPLIED], to: S.REVIEWING, needs: ['reason'], term: '调查' },
    [A.VERIFY]: { from: [S.REVIEWING], to: S.VERIFIED, needs: ['reason'], term: '审核' },
    [A.APPROVE]: { from: [S.VERIFIED], to: S.APPROVED, term: '审批' },
    [A.REJECT]: { from: [S.APPLIED, S.REVIEWING, S.VERIFIED], to: S.REJECTED, term: '不予批准' },
    [A.START_PAYMENT]: { from: [S.APPROVED], to: S.ACTIVE, needs: ['reason'] },
    [A.SUSPEND]: { from: [S.ACTIVE], to: S.SUSPENDED, needs: ['reason'] },
    [A.RESUME]: { from: [S.SUSPENDED], to: S.ACTIVE, needs: ['reason'] },
    [A.TERMINATE]: { from: [S.APPROVED, S.ACTIVE, S.SUSPENDED], to: S.TERMINATED, needs: ['reason'] },
    [A.REVIEW]: { from: [S.ACTIVE, S.SUSPENDED], to: null, needs: ['reason'] },
  },
});

/** Steps that only a monthly case takes (a one-off grant is complete once approved). */
export const MONTHLY_ONLY: readonly A[] = [A.START_PAYMENT, A.SUSPEND, A.RESUME, A.TERMINATE, A.REVIEW];

/** Statuses of an application not yet decided (受理 to 审核). */
export const UNDECIDED: readonly S[] = [S.APPLIED, S.REVIEWING, S.VERIFIED];

/** Statuses in which a case is still open: it blocks a second case of its program (see the partial unique indexes). */
export const OPEN_STATUSES = assistanceLifecycle.open;

import { registerEnumType } from 'type-graphql';
import { defineWorkflow, type Move } from '../../../lib/workflow/define';

/**
 * The event workflow (事件流转), declared once: the closed loop of digital urban management, 受理 → 立案 → 派遣 → 处置 →
 * 反馈 → 核查 → 结案, with reject, return to the dispatch desk, escalate and suspend. Resolvers ask `eventWorkflow.transitionOf`
 * what an action does; nothing else in the code decides which moves are allowed. docs/grid.md draws this table.
 */
export enum EventStatus {
  REPORTED = 'REPORTED',
  REGISTERED = 'REGISTERED',
  REJECTED = 'REJECTED',
  DISPATCHED = 'DISPATCHED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  SUSPENDED = 'SUSPENDED',
  RESOLVED = 'RESOLVED',
  VERIFIED = 'VERIFIED',
  CLOSED = 'CLOSED',
}
registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Where an event is in its workflow (事件状态)',
  valuesConfig: {
    REPORTED: { description: '已上报: waiting for the dispatch desk to take it in' },
    REGISTERED: { description: '已立案: taken in, waiting to be dispatched' },
    REJECTED: { description: '不予立案: not a case (final)' },
    DISPATCHED: { description: '已派遣: sent to a department, waiting for it to sign for it' },
    RETURNED: { description: '已退回: the department said "not ours"; back at the dispatch desk' },
    ACCEPTED: { description: '已签收: the department signed for it' },
    IN_PROGRESS: { description: '处置中: being handled' },
    SUSPENDED: { description: '挂账: cannot be solved in time; on hold with a reason' },
    RESOLVED: { description: '已反馈: the department reported it handled; waiting for an on-site check' },
    VERIFIED: { description: '已核查: checked on site; waiting to be closed' },
    CLOSED: { description: '已结案 (final)' },
  },
});

export enum EventAction {
  REGISTER = 'REGISTER',
  REJECT = 'REJECT',
  DISPATCH = 'DISPATCH',
  ESCALATE = 'ESCALATE',
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
  START = 'START',
  SUSPEND = 'SUSPEND',
  RESUME = 'RESUME',
  REPORT_BACK = 'REPORT_BACK',
  VERIFY = 'VERIFY',
  REOPEN = 'REOPEN',
  CLOSE = 'CLOSE',
  REDO = 'REDO',
}

/**
 * Who may take an action: the dispatch desk (GRID dispatchers and grid leaders), the grid staff in the field (grid
 * workers and leaders, for the on-site check), or the department the event is dispatched to (for a department outside
 * the hub, such as housing, the dispatch desk records its answers).
 */
export type Actor = 'DESK' | 'FIELD' | 'HANDLER';

/** A move of the event workflow: besides what every workflow declares, whether it escalates or releases the department. */
export interface Transition extends Move<EventStatus, Actor> {
  to: EventStatus;
  by: Actor;
  term: string;
  /** the event moves to the region one level up (上报) */
  escalates?: boolean;
  /** the event leaves its department (退回) */
  releasesDepartment?: boolean;
  /** taken only by recordFollowUp, with the follow-up that asks for it (not by transitionEvent) */
  byFollowUp?: boolean;
}

const S = EventStatus;

/** The one declared state machine: every allowed move, and nothing else. */
export const eventWorkflow = defineWorkflow<EventStatus, EventAction, Transition>({
  record: 'event',
  states: Object.values(S),
  initial: S.REPORTED,
  final: [S.REJECTED, S.CLOSED],
  moves: {
    REGISTER: { from: [S.REPORTED], to: S.REGISTERED, by: 'DESK', term: '立案' },
    REJECT: { from: [S.REPORTED], to: S.REJECTED, by: 'DESK', needs: ['comment'], term: '不予立案' },
    DISPATCH: { from: [S.REGISTERED, S.RETURNED], to: S.DISPATCHED, by: 'DESK', needs: ['department'], term: '派遣' },
    ESCALATE: {
      from: [S.REGISTERED, S.RETURNED],
      to: S.REGISTERED,
      by: 'DESK',
      needs: ['comment'],
      escalates: true,
      term: '上报',
    },
    ACCEPT: { from: [S.DISPATCHED], to: S.ACCEPTED, by: 'HANDLER', term: '签收' },
    RETURN: {
      from: [S.DISPATCHED, S.ACCEPTED],
      to: S.RETURNED,
      by: 'HANDLER',
      needs: ['comment'],
      releasesDepartment: true,
      term: '退回',
    },
    START: { from: [S.ACCEPTED], to: S.IN_PROGRESS, by: 'HANDLER', term: '处置' },
    SUSPEND: { from: [S.ACCEPTED, S.IN_PROGRESS], to: S.SUSPENDED, by: 'HANDLER', needs: ['comment'], term: '挂账' },
    RESUME: { from: [S.SUSPENDED], to: S.IN_PROGRESS, by: 'HANDLER', term: '恢复处置' },
    REPORT_BACK: { from: [S.IN_PROGRESS], to: S.RESOLVED, by: 'HANDLER', term: '反馈' },
    VERIFY: { from: [S.RESOLVED], to: S.VERIFIED, by: 'FIELD', term: '核查通过' },
    REOPEN: { from: [S.RESOLVED], to: S.IN_PROGRESS, by: 'FIELD', needs: ['comment'], term: '核查不通过' },
    CLOSE: { from: [S.VERIFIED], to: S.CLOSED, by: 'DESK', term: '结案' },
    // a dissatisfied follow-up (回访不满意) sends the closed event back to the department it was closed with
    REDO: {
      from: [S.CLOSED],
      to: S.DISPATCHED,
      by: 'DESK',
      needs: ['comment'],
      reopens: true,
      byFollowUp: true,
      term: '回访不满意重办',
    },
  },
});

/** The table of moves (README "Grid: visits and the event workflow" draws it). */
export const WORKFLOW = eventWorkflow.moves;

registerEnumType(EventAction, {
  name: 'EventAction',
  description: 'A move in the event workflow (事件流转操作)',
  valuesConfig: Object.fromEntries(
    Object.entries(WORKFLOW).map(([action, t]) => [
      action,
      {
        description: `${t.term}: ${t.from.join(' or ')} → ${t.to} (${t.by === 'DESK' ? 'dispatch desk' : t.by === 'FIELD' ? 'grid staff on site' : 'the department it is dispatched to'})`,
      },
    ]),
  ),
});

/** The state an event is in when it is first reported. */
export const INITIAL_STATUS = eventWorkflow.initial;

/** Final states: nothing moves an event out of them. */
export const FINAL_STATUSES = eventWorkflow.final;

/** States in which an event is still open (for the cohort's "involved in open events" and the figures). */
export const OPEN_STATUSES = eventWorkflow.open;

/** The shape of a workflow's declaration: its states and moves (define.ts makes a workflow of it, check.ts checks it). */

/** What a move needs besides the action: a comment or a reason saying why, a department to send the record to. */
export type Need = 'comment' | 'reason' | 'department';

/**
 * One move of a workflow: the states it may start from, where it leads (null: the state stays, e.g. a periodic
 * review), who may take it (a name the department gives meaning to), what it needs, and its term (术语).
 */
export interface Move<S extends string, By extends string = string> {
  from: readonly S[];
  to: S | null;
  by?: By;
  needs?: readonly Need[];
  term?: string;
  /** a move that reopens a record in a final state (e.g. after a dissatisfied follow-up): the one way out of a final state */
  reopens?: boolean;
}

export interface WorkflowDeclaration<S extends string, A extends string, M extends Move<S>> {
  /** what the records are called in messages: "event", "assistance case" */
  record: string;
  /** every state, in the order they are shown */
  states: readonly S[];
  /** the state a new record starts in */
  initial: S;
  /** states nothing moves a record out of, except a move declared `reopens` */
  final: readonly S[];
  /** every allowed move, and nothing else */
  moves: Record<A, M>;
}

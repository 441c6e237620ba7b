import type { GraphQLError } from 'graphql';
import { invalidTransition } from '../errors';
import { checkDeclaration } from './check';
import type { Move, Need, WorkflowDeclaration } from './declaration';

export type { Move, Need, WorkflowDeclaration } from './declaration';

export interface Workflow<S extends string, A extends string, M extends Move<S>>
  extends Readonly<WorkflowDeclaration<S, A, M>> {
  /** states a record is still open in: all but the final ones */
  open: readonly S[];
  /** the move `action` makes from `status`, or null when the workflow has no such move */
  transitionOf(status: S, action: A): M | null;
  /** the actions the workflow allows from `status`, in declaration order (what a client may offer as buttons) */
  allowedActions(status: S): A[];
  /** whether `action` needs `need` */
  needs(action: A, need: Need): boolean;
  /** the state `action` leads to from `status`; INVALID_TRANSITION when the workflow has no such move */
  next(id: string, status: S, action: A): S;
  /**
   * INVALID_TRANSITION for record `id` in `status`: the workflow has no such move, or (with `because`) a rule of the
   * department refuses it; `allowed` defaults to the other actions the workflow allows from `status`.
   */
  invalidTransition(
    id: string,
    status: S,
    action: A,
    options?: { because?: string; allowed?: readonly A[] },
  ): GraphQLError;
}

/**
 * Declares a workflow as one table of moves; nothing else decides which moves are allowed. The declaration is checked
 * here, when the module loads: every state named is declared, final states have no way out, the others have one, and
 * every state can be reached from the initial one.
 */
export function defineWorkflow<S extends string, A extends string, M extends Move<S> = Move<S>>(
  declaration: WorkflowDeclaration<S, A, M>,
): Workflow<S, A, M> {
  checkDeclaration(declaration);
  const { record, moves, final } = declaration;
  const actions = Object.keys(moves) as A[];
  const transitionOf = (status: S, action: A): M | null => {
    const move = moves[action];
    return move?.from.includes(status) ? move : null;
  };
  const allowedActions = (status: S) => actions.filter((action) => moves[action].from.includes(status));

  const invalid = (id: string, status: S, action: A, options: { because?: string; allowed?: readonly A[] } = {}) => {
    // a move the table allows but a rule refuses is not possible either
    const allowed = [...(options.allowed ?? allowedActions(status).filter((a) => a !== action))];
    const from = moves[action]?.from ?? [];
    const why =
      options.because ??
      (from.length
        ? `${action} is possible only from ${from.join(' or ')}`
        : `${action} is not taken on an existing ${record}`);
    const now = allowed.length
      ? `possible from ${status}: ${allowed.join(', ')}`
      : final.includes(status)
        ? `${status} is final`
        : `nothing is possible from ${status}`;
    return invalidTransition(`${record} ${id} is ${status}: ${why} (${now})`, { status, action, allowed });
  };

  return {
    ...declaration,
    open: declaration.states.filter((s) => !final.includes(s)),
    transitionOf,
    allowedActions,
    needs: (action, need) => moves[action].needs?.includes(need) ?? false,
    next(id, status, action) {
      const move = transitionOf(status, action);
      if (!move) throw invalid(id, status, action);
      return move.to ?? status;
    },
    invalidTransition: invalid,
  };
}

import { invalidTransition } from '../../lib/errors';

/** One step of a workflow: the statuses it may start from, and where it leads (null: the status stays). */
export interface Step<S extends string> {
  from: readonly S[];
  to: S | null;
}

/**
 * A workflow declared as one table of steps. `next` is the only way a record's status changes: a step the current
 * status does not allow is refused with INVALID_TRANSITION, naming the steps that are allowed.
 */
export function defineWorkflow<S extends string, A extends string>(record: string, steps: Record<A, Step<S>>) {
  const allowedFrom = (status: S) => (Object.keys(steps) as A[]).filter((a) => steps[a].from.includes(status));
  return {
    steps,
    allowedFrom,
    next(id: string, status: S, action: A): S {
      const step = steps[action];
      if (!step.from.includes(status)) {
        const allowed = allowedFrom(status);
        throw invalidTransition(`${record} ${id} is ${status}: ${action} is not possible from there (${allowed.length ? `possible: ${allowed.join(', ')}` : 'it is closed'})`, {
          from: status,
          action,
          allowed,
        });
      }
      return step.to ?? status;
    },
  };
}

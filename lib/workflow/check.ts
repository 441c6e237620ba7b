import type { Move, WorkflowDeclaration } from './declaration';

/**
 * Refuses a workflow table that cannot be right, when its module loads (a programming error, not a client's):
 * an undeclared state, a way out of a final state (other than a move declared `reopens`), a state with no way out that
 * is not final, a state no path reaches.
 */
export function checkDeclaration<S extends string, A extends string, M extends Move<S>>(
  declaration: WorkflowDeclaration<S, A, M>,
): void {
  const { record, states, initial, final, moves } = declaration;
  const problems: string[] = [];
  const declared = new Set<string>(states);
  const named = [initial, ...final, ...Object.values<M>(moves).flatMap((m) => [...m.from, ...(m.to ? [m.to] : [])])];
  for (const state of new Set(named)) if (!declared.has(state)) problems.push(`${state} is not one of its states`);
  const entries = Object.entries(moves) as [A, M][];
  for (const state of states) {
    const out = entries.filter(([, m]) => m.from.includes(state)).map(([action]) => action);
    const leaves = entries.filter(([, m]) => m.from.includes(state) && !m.reopens).map(([action]) => action);
    if (final.includes(state) && leaves.length)
      problems.push(`${state} is final, yet ${leaves.join(', ')} ${leaves.length > 1 ? 'move' : 'moves'} out of it`);
    if (!final.includes(state) && !out.length) problems.push(`${state} is not final, yet no move leads out of it`);
  }
  const reached = new Set<S>([initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [, m] of entries) {
      if (!m.to || reached.has(m.to) || !m.from.some((s) => reached.has(s))) continue;
      reached.add(m.to);
      grew = true;
    }
  }
  for (const state of states) if (!reached.has(state)) problems.push(`${state} cannot be reached from ${initial}`);
  if (problems.length) throw new Error(`the ${record} workflow is not well declared: ${problems.join('; ')}`);
}

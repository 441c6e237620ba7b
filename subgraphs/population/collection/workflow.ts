import { registerEnumType } from 'type-graphql';
import { defineWorkflow } from '../../../lib/workflow/define';

/** Where a collected change stands in population's worklist (待核实事项). */
export enum CollectedChangeStatus {
  PENDING = 'PENDING',
  APPLIED = 'APPLIED',
  REJECTED = 'REJECTED',
}
registerEnumType(CollectedChangeStatus, {
  name: 'CollectedChangeStatus',
  description: 'Where a collected change stands (核实状态)',
  valuesConfig: {
    PENDING: { description: '待核实 — waiting for a registrar or clerk' },
    APPLIED: { description: '已核实 — verified and applied to the register' },
    REJECTED: { description: '不予采纳 — rejected; `reason` says why' },
  },
});

export type CollectedChangeAction = 'VERIFY' | 'REJECT';

/** The worklist's one table of moves: a pending change is verified (and applied) or rejected with a reason. */
export const COLLECTED_CHANGE_WORKFLOW = defineWorkflow<CollectedChangeStatus, CollectedChangeAction>({
  record: 'collected change',
  states: [CollectedChangeStatus.PENDING, CollectedChangeStatus.APPLIED, CollectedChangeStatus.REJECTED],
  initial: CollectedChangeStatus.PENDING,
  final: [CollectedChangeStatus.APPLIED, CollectedChangeStatus.REJECTED],
  moves: {
    VERIFY: { from: [CollectedChangeStatus.PENDING], to: CollectedChangeStatus.APPLIED, term: '核实' },
    REJECT: {
      from: [CollectedChangeStatus.PENDING],
      to: CollectedChangeStatus.REJECTED,
      needs: ['reason'],
      term: '不予采纳',
    },
  },
});

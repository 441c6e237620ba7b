import { defineWorkflow } from '../../../lib/workflow/define';
import { AssignmentStatus } from './entities';

/** An assignment is active until it is ended, once: ending an ended one is INVALID_TRANSITION. */
export const assignmentWorkflow = defineWorkflow({
  record: 'staff assignment',
  states: [AssignmentStatus.ACTIVE, AssignmentStatus.ENDED],
  initial: AssignmentStatus.ACTIVE,
  final: [AssignmentStatus.ENDED],
  moves: { END: { from: [AssignmentStatus.ACTIVE], to: AssignmentStatus.ENDED, needs: ['reason'], term: '离岗' } },
});

import { defineWorkflow } from '../workflow/define';

/** Where a correction request stands (申请更正的办理状态). */
export type CorrectionStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';
export type CorrectionDecision = 'ACCEPT' | 'REJECT';

/** A resident's correction request (PIPL art. 46): the owner's official accepts it (and it is applied) or rejects it with a reason. */
export const CORRECTION_WORKFLOW = defineWorkflow<CorrectionStatus, CorrectionDecision>({
  record: 'correction request',
  states: ['PENDING', 'ACCEPTED', 'REJECTED'],
  initial: 'PENDING',
  final: ['ACCEPTED', 'REJECTED'],
  moves: {
    ACCEPT: { from: ['PENDING'], to: 'ACCEPTED', term: '予以更正' },
    REJECT: { from: ['PENDING'], to: 'REJECTED', needs: ['reason'], term: '不予更正' },
  },
});

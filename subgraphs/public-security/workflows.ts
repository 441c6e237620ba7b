import { defineWorkflow } from '../../lib/workflow/define';
import { CollectedStatus as C, IncidentStatus as I, PermitStatus as P, SupervisionStatus as K } from './entities/enums';

/**
 * A residence permit (居住证): issued, renewed (签注) each year, cancelled (注销), or expired by the clock:
 *
 *   ISSUED ─RENEW→ RENEWED ─RENEW→ RENEWED …
 *      └──────────────┴─CANCEL→ CANCELLED    (a reason)
 *      └──────────────┴─EXPIRE→ EXPIRED      (nobody's action: the validity passed; a new permit is issued instead)
 */
export const permitWorkflow = defineWorkflow<P, 'RENEW' | 'CANCEL' | 'EXPIRE'>({
  record: 'residence permit',
  states: Object.values(P),
  initial: P.ISSUED,
  final: [P.CANCELLED, P.EXPIRED],
  moves: {
    RENEW: { from: [P.ISSUED, P.RENEWED], to: P.RENEWED, term: '签注' },
    CANCEL: { from: [P.ISSUED, P.RENEWED], to: P.CANCELLED, needs: ['reason'], term: '注销' },
    EXPIRE: { from: [P.ISSUED, P.RENEWED], to: P.EXPIRED, term: '过期' },
  },
});

/** Key-person supervision (重点人员列管): started and ended by the station, each with a reason. */
export const supervisionWorkflow = defineWorkflow<K, 'START' | 'END'>({
  record: 'key-person supervision',
  states: Object.values(K),
  initial: K.ACTIVE,
  final: [K.ENDED],
  moves: {
    START: { from: [], to: K.ACTIVE, needs: ['reason'], term: '列管' },
    END: { from: [K.ACTIVE], to: K.ENDED, needs: ['reason'], term: '撤管' },
  },
});

/** An incident (警情): 接警 → 出警 → 处置 → 结案. */
export const incidentWorkflow = defineWorkflow<I, 'DISPATCH' | 'HANDLE' | 'CLOSE'>({
  record: 'incident',
  states: Object.values(I),
  initial: I.REPORTED,
  final: [I.CLOSED],
  moves: {
    DISPATCH: { from: [I.REPORTED], to: I.DISPATCHED, term: '出警' },
    HANDLE: { from: [I.DISPATCHED], to: I.HANDLED, term: '处置' },
    CLOSE: { from: [I.HANDLED], to: I.CLOSED, needs: ['reason'], term: '结案' },
  },
});

/** A rental or tenants collected on a grid visit (采集待核实): the police verify and register it, or reject it with a reason. */
export const collectedRentalWorkflow = defineWorkflow<C, 'VERIFY' | 'REJECT'>({
  record: 'collected rental',
  states: Object.values(C),
  initial: C.PENDING,
  final: [C.APPLIED, C.REJECTED],
  moves: {
    VERIFY: { from: [C.PENDING], to: C.APPLIED, term: '核实登记' },
    REJECT: { from: [C.PENDING], to: C.REJECTED, needs: ['reason'], term: '退回' },
  },
});

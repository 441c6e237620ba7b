import { GraphQLError } from 'graphql';
import { defineWorkflow, type Move } from '../../lib/workflow/define';
import { assistanceLifecycle } from '../../subgraphs/civil-affairs/lifecycle';
import { serviceTimeline } from '../../subgraphs/civil-affairs/service-workflow';
import { eventWorkflow } from '../../subgraphs/grid/events/workflow';

/** A small workflow of the kind coming next: a supervision order (督办) issued to a department, answered, checked. */
type State = 'ISSUED' | 'ANSWERED' | 'CLOSED' | 'WITHDRAWN';
type Action = 'ANSWER' | 'REMIND' | 'SEND_BACK' | 'CLOSE' | 'WITHDRAW';
type Who = 'SUPERVISOR' | 'DEPARTMENT';
const declaration = {
  record: 'supervision order',
  states: ['ISSUED', 'ANSWERED', 'CLOSED', 'WITHDRAWN'] as State[],
  initial: 'ISSUED' as State,
  final: ['CLOSED', 'WITHDRAWN'] as State[],
  moves: {
    ANSWER: { from: ['ISSUED'], to: 'ANSWERED', by: 'DEPARTMENT', needs: ['comment'], term: '答复' },
    REMIND: { from: ['ISSUED'], to: null, by: 'SUPERVISOR', term: '催办' },
    SEND_BACK: { from: ['ANSWERED'], to: 'ISSUED', by: 'SUPERVISOR', needs: ['reason'], term: '退回重办' },
    CLOSE: { from: ['ANSWERED'], to: 'CLOSED', by: 'SUPERVISOR', term: '办结' },
    WITHDRAW: { from: ['ISSUED', 'ANSWERED'], to: 'WITHDRAWN', by: 'SUPERVISOR', needs: ['reason'], term: '撤销' },
  } as Record<Action, Move<State, Who>>,
};
const supervision = defineWorkflow<State, Action, Move<State, Who>>(declaration);

/** What a client sees of an error: its message and extensions. */
const seen = (error: unknown) => {
  expect(error).toBeInstanceOf(GraphQLError);
  return { message: (error as GraphQLError).message, extensions: (error as GraphQLError).extensions };
};
const thrown = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return seen(error);
  }
  throw new Error('nothing was thrown');
};

describe('a declared workflow', () => {
  it('answers which move an action makes from a state, and null where the table has none', () => {
    expect(supervision.transitionOf('ISSUED', 'ANSWER')).toBe(declaration.moves.ANSWER);
    expect(supervision.transitionOf('ANSWERED', 'ANSWER')).toBeNull();
    expect(supervision.transitionOf('CLOSED', 'WITHDRAW')).toBeNull();
  });

  it('lists the actions possible from each state in the order they are declared, none from a final state', () => {
    expect(Object.fromEntries(declaration.states.map((s) => [s, supervision.allowedActions(s)]))).toEqual({
      ISSUED: ['ANSWER', 'REMIND', 'WITHDRAW'],
      ANSWERED: ['SEND_BACK', 'CLOSE', 'WITHDRAW'],
      CLOSED: [],
      WITHDRAWN: [],
    });
  });

  it('moves to the state the table names, keeps the state for a move that leads nowhere, and knows what each move needs', () => {
    expect(['ANSWER', 'REMIND', 'WITHDRAW'].map((a) => supervision.next('o-1', 'ISSUED', a as Action))).toEqual([
      'ANSWERED',
      'ISSUED',
      'WITHDRAWN',
    ]);
    expect(
      (Object.keys(declaration.moves) as Action[]).map((a) => [
        a,
        supervision.needs(a, 'comment'),
        supervision.needs(a, 'reason'),
        supervision.needs(a, 'department'),
      ]),
    ).toEqual([
      ['ANSWER', true, false, false],
      ['REMIND', false, false, false],
      ['SEND_BACK', false, true, false],
      ['CLOSE', false, false, false],
      ['WITHDRAW', false, true, false],
    ]);
    expect(supervision.open).toEqual(['ISSUED', 'ANSWERED']);
  });

  it('refuses a move the table does not allow with INVALID_TRANSITION: the state, the action and what is possible instead', () => {
    expect(thrown(() => supervision.next('o-1', 'ISSUED', 'CLOSE'))).toEqual({
      message:
        'supervision order o-1 is ISSUED: CLOSE is possible only from ANSWERED (possible from ISSUED: ANSWER, REMIND, WITHDRAW)',
      extensions: {
        code: 'INVALID_TRANSITION',
        status: 'ISSUED',
        action: 'CLOSE',
        allowed: ['ANSWER', 'REMIND', 'WITHDRAW'],
      },
    });
    expect(thrown(() => supervision.next('o-2', 'WITHDRAWN', 'SEND_BACK'))).toEqual({
      message: 'supervision order o-2 is WITHDRAWN: SEND_BACK is possible only from ANSWERED (WITHDRAWN is final)',
      extensions: { code: 'INVALID_TRANSITION', status: 'WITHDRAWN', action: 'SEND_BACK', allowed: [] },
    });
  });

  it('refuses a move a department rule forbids with the same shape, leaving that move out of what is possible', () => {
    expect(
      seen(supervision.invalidTransition('o-3', 'ISSUED', 'REMIND', { because: 'it was reminded today' })),
    ).toEqual({
      message: 'supervision order o-3 is ISSUED: it was reminded today (possible from ISSUED: ANSWER, WITHDRAW)',
      extensions: { code: 'INVALID_TRANSITION', status: 'ISSUED', action: 'REMIND', allowed: ['ANSWER', 'WITHDRAW'] },
    });
    expect(
      seen(
        supervision.invalidTransition('o-3', 'ISSUED', 'REMIND', { because: 'the department is closed', allowed: [] }),
      ),
    ).toEqual({
      message: 'supervision order o-3 is ISSUED: the department is closed (nothing is possible from ISSUED)',
      extensions: { code: 'INVALID_TRANSITION', status: 'ISSUED', action: 'REMIND', allowed: [] },
    });
  });
});

describe('a workflow table that cannot be right is refused when it is declared', () => {
  const refusal = (change: (d: typeof declaration) => typeof declaration) => {
    try {
      defineWorkflow<State, Action, Move<State, Who>>(change(structuredClone(declaration)));
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('names every problem: an undeclared state, a way out of a final state, a dead end, a state nothing reaches', () => {
    expect([
      refusal((d) => ({ ...d, moves: { ...d.moves, CLOSE: { from: ['ANSWERED'], to: 'DONE' as State } } })),
      refusal((d) => ({ ...d, moves: { ...d.moves, REMIND: { from: ['ISSUED', 'CLOSED'], to: null } } })),
      refusal((d) => ({ ...d, final: ['CLOSED'] })),
      refusal((d) => ({ ...d, moves: { ...d.moves, WITHDRAW: { from: [], to: 'WITHDRAWN' } } })),
      refusal((d) => ({
        ...d,
        moves: { ...d.moves, REMIND: { from: ['ISSUED', 'CLOSED'], to: 'ISSUED', reopens: true } },
      })),
      refusal((d) => d),
    ]).toEqual([
      'the supervision order workflow is not well declared: DONE is not one of its states; CLOSED cannot be reached from ISSUED',
      'the supervision order workflow is not well declared: CLOSED is final, yet REMIND moves out of it',
      'the supervision order workflow is not well declared: WITHDRAWN is not final, yet no move leads out of it',
      'the supervision order workflow is not well declared: WITHDRAWN cannot be reached from ISSUED',
      // a move declared as reopening is the one way out of a final state
      'accepted',
      'accepted',
    ]);
  });
});

describe("the departments' workflows are declared with it", () => {
  it("grid's event workflow: the dispatch desk registers or rejects a report, escalating keeps it registered", () => {
    expect(eventWorkflow.allowedActions(eventWorkflow.initial)).toEqual(['REGISTER', 'REJECT']);
    expect(eventWorkflow.next('e', 'REGISTERED' as never, 'ESCALATE' as never)).toBe('REGISTERED');
    expect(eventWorkflow.final).toEqual(['REJECTED', 'CLOSED']);
    // a dissatisfied follow-up (回访不满意) reopens a closed event: back to the department that handled it
    expect(eventWorkflow.allowedActions('CLOSED' as never)).toEqual(['REDO']);
    expect(eventWorkflow.next('e', 'CLOSED' as never, 'REDO' as never)).toBe('DISPATCHED');
  });

  it("civil affairs' assistance lifecycle: a periodic review keeps the status; a terminated case takes no step", () => {
    expect(assistanceLifecycle.next('c', 'SUSPENDED' as never, 'REVIEW' as never)).toBe('SUSPENDED');
    expect(assistanceLifecycle.allowedActions('TERMINATED' as never)).toEqual([]);
    expect(assistanceLifecycle.open).toEqual(['APPLIED', 'REVIEWING', 'VERIFIED', 'APPROVED', 'ACTIVE', 'SUSPENDED']);
  });

  it("civil affairs' application takes its four steps in order: 受理 → 调查 → 审核 → 审批, no skipping", () => {
    const { moves } = assistanceLifecycle;
    const path = [moves.APPLY, moves.START_REVIEW, moves.VERIFY, moves.APPROVE];
    expect(path.map((m) => [m.term, m.from, m.to])).toEqual([
      ['受理', [], 'APPLIED'],
      ['调查', ['APPLIED'], 'REVIEWING'],
      ['审核', ['REVIEWING'], 'VERIFIED'],
      ['审批', ['VERIFIED'], 'APPROVED'],
    ]);
    expect(assistanceLifecycle.allowedActions('APPLIED' as never)).toEqual(['START_REVIEW', 'REJECT']);
  });

  it("civil affairs' service timeline: returning and rejecting need a reason, the rest do not", () => {
    expect(serviceTimeline.states.filter((s) => serviceTimeline.needs(s, 'reason'))).toEqual(['RETURNED', 'REJECTED']);
    expect(serviceTimeline.open).toEqual(['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'RETURNED']);
  });
});

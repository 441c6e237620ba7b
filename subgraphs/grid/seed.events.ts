import { Rng, stableUuid } from '../../runner/synthetic/random';
import { departuresOf, type World } from '../../runner/synthetic/world';
import { EventSource } from './entities/event';
import { Satisfaction } from './entities/event-follow-up';
import { handlersOf } from './events/departments';
import { EventCategory, limitEnds, shortestSpanMs, stepDeadline, timeLimitOf } from './events/time-limits';
import { EventAction, EventStatus, eventWorkflow, FINAL_STATUSES, INITIAL_STATUS, WORKFLOW } from './events/workflow';

/** A start for a step that ends at `end` after its deadline: back from `end` by its shortest span and more until late. */
function lateStart(category: EventCategory, status: EventStatus, end: Date, span: number): Date {
  for (let stretch = 1.3; ; stretch *= 1.5) {
    const start = new Date(end.getTime() - span * stretch);
    const due = stepDeadline(category, status, start);
    if (!due || due < end || stretch > 100) return start;
  }
}

export interface EventRow {
  id: string;
  category: EventCategory;
  source: EventSource;
  title: string;
  description: string;
  regionId: string;
  handlingRegionId: string;
  communityCode: string;
  buildingId: string;
  residentIds: string[];
  status: EventStatus;
  department: string | null;
  version: number;
  reportedAt: Date;
  stepStartedAt: Date;
  stepDeadline: Date | null;
  lateSteps: number;
  returnedCount: number;
  closedAt: Date | null;
}

export interface SupervisionRow {
  id: string;
  eventId: string;
  department: string | null;
  reason: string;
  at: Date;
  overdueSince: Date;
}

export interface FollowUpRow {
  id: string;
  eventId: string;
  closedAt: Date;
  department: string | null;
  satisfaction: Satisfaction;
  comment: string | null;
  at: Date;
}

/** The demo's follow-up answers, in turn (a dissatisfied one is not reopened: the demo's events stay as walked). */
const ANSWERS: [Satisfaction, string | null][] = [
  [Satisfaction.SATISFIED, '处理及时'],
  [Satisfaction.BASICALLY_SATISFIED, null],
  [Satisfaction.SATISFIED, null],
  [Satisfaction.DISSATISFIED, '问题反复出现'],
];

export interface TransitionRow {
  eventId: string;
  action: EventAction | null;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  actor: { subject: string; name: string; role: string };
  comment: string | null;
  department: string | null;
  at: Date;
  deadline: Date | null;
  late: boolean;
}

const A = EventAction;
const HANDLED = [A.REGISTER, A.DISPATCH, A.ACCEPT, A.START];

/** The demo's paths through the workflow: one ending in every state, the returned and the re-dispatched ones included. */
const PATHS: { actions: EventAction[]; overdue?: boolean }[] = [
  { actions: [] },
  { actions: [], overdue: true },
  { actions: [A.REGISTER] },
  { actions: [A.REJECT] },
  { actions: [A.REGISTER, A.DISPATCH] },
  { actions: [A.REGISTER, A.DISPATCH], overdue: true },
  { actions: [A.REGISTER, A.DISPATCH, A.RETURN] },
  { actions: [A.REGISTER, A.DISPATCH, A.ACCEPT] },
  { actions: HANDLED },
  { actions: HANDLED, overdue: true },
  { actions: [...HANDLED, A.SUSPEND] },
  { actions: [...HANDLED, A.REPORT_BACK] },
  { actions: [...HANDLED, A.REPORT_BACK, A.VERIFY] },
  { actions: [...HANDLED, A.REPORT_BACK, A.VERIFY, A.CLOSE] },
  {
    actions: [
      A.REGISTER,
      A.ESCALATE,
      A.DISPATCH,
      A.RETURN,
      A.DISPATCH,
      A.ACCEPT,
      A.START,
      A.REPORT_BACK,
      A.VERIFY,
      A.CLOSE,
    ],
  },
];

const TITLES: Record<EventCategory, string[]> = {
  DISPUTE: ['邻里噪音纠纷', '停车位纠纷'],
  SAFETY_HAZARD: ['楼道堆放杂物', '电动车楼内充电'],
  ENVIRONMENT: ['垃圾清运不及时', '绿地被占用'],
  PUBLIC_OPINION: ['居民反映公交线路调整', '居民建议增设健身器材'],
  SERVICE_REQUEST: ['独居老人申请助餐', '残疾人申请无障碍改造'],
  PROPERTY: ['电梯故障', '小区门禁损坏'],
  PUBLIC_ORDER: ['可疑人员出入', '群租房隐患'],
};

const ACTORS = {
  DESK: { subject: 'seed-dispatcher', name: '调度中心', role: 'GRID:DISPATCHER' },
  FIELD: { subject: 'seed-grid-worker', name: '网格员', role: 'GRID:GRID_WORKER' },
  HANDLER: { subject: 'seed-department', name: '承办部门', role: 'DEPARTMENT' },
};

const HOUR = 3_600_000;

/**
 * The time the demo data is laid out from: the hour `at` is in, so seeding twice in an hour writes the same rows
 * (deterministic), and an event on time stays on time for at least that hour.
 */
export const seedClock = (at: Date) => new Date(Math.floor(at.getTime() / HOUR) * HOUR);
/**
 * When the step an event is in began: on time, with at least an hour left at the seed's clock (a share `draw` of what
 * it may have taken, on the step's own clock); overdue, its deadline passed by then. A step with no clock began six
 * hours before at most.
 */
function currentStepStart(
  category: EventCategory,
  status: EventStatus,
  now: Date,
  overdue: boolean,
  draw: number,
): Date {
  const limit = timeLimitOf(category, status);
  if (!limit) return new Date(now.getTime() - 6 * HOUR * draw);
  const span = shortestSpanMs(limit);
  if (overdue) {
    let start = new Date(now.getTime() - span * 1.5);
    while (limitEnds(limit, start) >= now) start = new Date(start.getTime() - Math.max(span, 24 * HOUR));
    return start;
  }
  const start = new Date(now.getTime() - Math.max(span - HOUR, 0) * 0.5 * draw);
  return limitEnds(limit, start).getTime() - now.getTime() >= HOUR ? start : now;
}

/** events per grid in the demo */
const EVENTS_PER_GRID = 3;

/**
 * Events in every state of the workflow (some overdue, some returned), about EVENTS_PER_GRID per grid, each with its
 * whole timeline made by the workflow table itself — so the demo holds only moves the machine allows. Times are
 * counted back from the seed's clock (seedClock): a step finished took part of its time limit, the current one has at
 * least an hour left (or, overdue, is half over its limit). Every other closed event was handled late (its
 * IN_PROGRESS step took longer than its limit), so on-time closure differs from closure; whether a move ended its
 * step late is asked of the deadline function (stepDeadline), as the application does. Closed events are followed up
 * (回访, the answers in turn), and every other overdue one is flagged for supervision (督办).
 */
export function eventRows(
  world: World,
  at: Date,
): { events: EventRow[]; transitions: TransitionRow[]; supervisions: SupervisionRow[]; followUps: FollowUpRow[] } {
  const now = seedClock(at);
  const rng = new Rng(world.seed + 13);
  const categories = Object.values(EventCategory);
  const departures = departuresOf(world);
  const residentsOf = new Map<string, string[]>();
  for (const r of world.residents)
    (residentsOf.get(r.householdId) ?? residentsOf.set(r.householdId, []).get(r.householdId)!).push(r.id);
  const householdsOf = new Map<string, string[]>();
  for (const h of world.households)
    (householdsOf.get(h.buildingId) ?? householdsOf.set(h.buildingId, []).get(h.buildingId)!).push(h.id);
  const regions = new Map(world.regions.map((r) => [r.id, r]));
  const buildingsOfGrid = new Map<string, typeof world.buildings>();
  for (const b of world.buildings) {
    const grid = regions.get(b.microGridId)!.parentId!;
    (buildingsOfGrid.get(grid) ?? buildingsOfGrid.set(grid, []).get(grid)!).push(b);
  }
  const events: EventRow[] = [];
  const transitions: TransitionRow[] = [];
  const supervisions: SupervisionRow[] = [];
  const followUps: FollowUpRow[] = [];
  let overdueSoFar = 0;
  let n = 0;
  for (const [gridId, buildings] of buildingsOfGrid) {
    for (let e = 0; e < EVENTS_PER_GRID; e++) {
      const path = PATHS[n % PATHS.length];
      const category = categories[rng.int(categories.length)];
      const building = buildings[rng.int(buildings.length)];
      const households = householdsOf.get(building.id) ?? [];
      // the event is about the household now: a member who died or moved out (before the world's day) is not named
      const residents = (
        households.length
          ? (residentsOf.get(households[rng.int(households.length)]) ?? []).slice(0, 1 + rng.int(2))
          : []
      ).filter((r) => !departures.has(r));
      const id = stableUuid(world.seed, 'event', n);
      const handlers = handlersOf(category);
      const departments = path.actions
        .filter((a) => a === A.DISPATCH)
        .map(() => handlers[rng.int(handlers.length)].code);
      // walk the machine forwards for the states, then lay the times backwards from now
      const states: EventStatus[] = [INITIAL_STATUS];
      for (const action of path.actions) states.push(eventWorkflow.transitionOf(states.at(-1)!, action)!.to);
      const last = states.at(-1)!;
      // a finished step took part of the shortest calendar time its limit can span, so it was on time on any clock
      const spanOf = (status: EventStatus) => {
        const limit = timeLimitOf(category, status);
        return limit ? shortestSpanMs(limit) : 6 * HOUR;
      };
      const starts: Date[] = new Array(states.length);
      starts[states.length - 1] = currentStepStart(category, last, now, !!path.overdue, rng.next());
      // every other closed event was handled late: its handling step ran past its deadline on its own clock
      const closedSoFar = events.filter((e) => e.status === EventStatus.CLOSED).length;
      const slow = last === EventStatus.CLOSED && closedSoFar % 2 === 0 ? EventStatus.IN_PROGRESS : null;
      for (let s = states.length - 2; s >= 0; s--) {
        const share = 0.2 + 0.6 * rng.next();
        starts[s] =
          states[s] === slow
            ? lateStart(category, states[s], starts[s + 1], spanOf(states[s]))
            : new Date(starts[s + 1].getTime() - spanOf(states[s]) * share);
      }
      /** the step that began at starts[i] ended after its deadline */
      const lateAt = (i: number) => {
        const due = stepDeadline(category, states[i], starts[i]);
        return !!due && starts[i + 1] > due;
      };
      const region = regions.get(building.microGridId)!;
      let handlingRegionId = gridId;
      let department: string | null = null;
      let dispatches = 0;
      let returned = 0;
      transitions.push({
        eventId: id,
        action: null,
        fromStatus: null,
        toStatus: INITIAL_STATUS,
        actor: ACTORS.FIELD,
        comment: null,
        department: null,
        at: starts[0],
        deadline: stepDeadline(category, INITIAL_STATUS, starts[0]),
        late: false,
      });
      path.actions.forEach((action, i) => {
        const move = WORKFLOW[action];
        if (eventWorkflow.needs(action, 'department')) department = departments[dispatches++];
        if (move.escalates) handlingRegionId = regions.get(handlingRegionId)!.parentId!;
        transitions.push({
          eventId: id,
          action,
          fromStatus: states[i],
          toStatus: states[i + 1],
          actor: ACTORS[move.by],
          comment: eventWorkflow.needs(action, 'comment') ? `${move.term}：见附件说明` : null,
          department,
          at: starts[i + 1],
          deadline: stepDeadline(category, states[i + 1], starts[i + 1]),
          late: lateAt(i),
        });
        if (move.releasesDepartment) (department = null), returned++;
      });
      const final = (FINAL_STATUSES as readonly EventStatus[]).includes(last);
      const title = TITLES[category][rng.int(2)];
      events.push({
        id,
        category,
        source: [EventSource.GRID_WORKER, EventSource.HOTLINE, EventSource.STREET_CALL][rng.int(3)],
        title,
        description: `${building.address}：${title}`,
        regionId: region.id,
        handlingRegionId,
        communityCode: building.communityCode,
        buildingId: building.id,
        residentIds: residents,
        status: last,
        department,
        version: states.length,
        reportedAt: starts[0],
        stepStartedAt: starts.at(-1)!,
        stepDeadline: final ? null : stepDeadline(category, last, starts.at(-1)!),
        lateSteps: path.actions.filter((_, i) => lateAt(i)).length,
        returnedCount: returned,
        closedAt: final ? starts.at(-1)! : null,
      });
      const event = events.at(-1)!;
      if (last === EventStatus.CLOSED) {
        const [satisfaction, comment] = ANSWERS[followUps.length % ANSWERS.length];
        followUps.push({
          id: stableUuid(world.seed, 'event-follow-up', n),
          eventId: id,
          closedAt: event.closedAt!,
          department,
          satisfaction,
          comment,
          at: new Date((event.closedAt!.getTime() + now.getTime()) / 2),
        });
      }
      if (path.overdue && overdueSoFar++ % 2 === 0) {
        supervisions.push({
          id: stableUuid(world.seed, 'event-supervision', n),
          eventId: id,
          department,
          reason: '超期未办结，请加快办理',
          at: new Date((event.stepDeadline!.getTime() + now.getTime()) / 2),
          overdueSince: event.stepDeadline!,
        });
      }
      n++;
    }
  }
  return { events, transitions, supervisions, followUps };
}

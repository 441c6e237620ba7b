import { randomUUID, createHash } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { inTransaction } from '../../../lib/writes/unit-of-work';
import { refuseOutsideScope } from '../../../lib/auth/enforce';
import type { ForwardedIdentity } from '../../../lib/auth/forwarded';
import { forbidden } from '../../../lib/auth/identity';
import { badInput, conflict, notVisible, requireId } from '../../../lib/errors';
import { Event, EventSource } from '../entities/event';
import { Facility, facilityLocation } from '../entities/facility';
import { EventTransition } from '../entities/event-transition';
import { RegionLevel } from '../entities/enums';
import { Region } from '../entities/region';
import { maySeeEvent } from '../access';
import type { GridContext } from '../loaders';
import { dispatchDepartment } from './departments';
import { checkNamedResidents, namedResidents } from './named-residents';
import { type EventCategory, stepDeadline } from './time-limits';
import { type Actor, EventAction, eventWorkflow, FINAL_STATUSES, INITIAL_STATUS } from './workflow';

export interface EventReport {
  idempotencyKey: string;
  category: EventCategory;
  title: string;
  description: string;
  /** the grid or micro-grid it happened in; with a building, may be left out (the building's micro-grid) */
  regionId?: string | null;
  buildingId?: string | null;
  residentIds?: string[] | null;
  /** the facility (城市部件) it concerns; its place is the event's when neither regionId nor buildingId is given */
  facilityId?: string | null;
}

const MAX_TEXT = { title: 200, description: 4000, comment: 2000, reason: 2000, idempotencyKey: 200 };

export function requireText(
  value: string | null | undefined,
  field: keyof typeof MAX_TEXT,
  required = true,
): string | null {
  const text = value?.trim() ?? '';
  if (!text) {
    if (required) throw badInput(`${field} must not be empty`, field);
    return null;
  }
  if (text.length > MAX_TEXT[field]) throw badInput(`${field} is longer than ${MAX_TEXT[field]} characters`, field);
  return text;
}

const fingerprint = (report: EventReport, source: EventSource) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        source,
        report.category,
        report.title.trim(),
        report.description.trim(),
        report.regionId ?? null,
        report.buildingId ?? null,
        [...(report.residentIds ?? [])].sort(),
        report.facilityId ?? null,
      ]),
    )
    .digest('base64url');

export const actorRole = (identity: ForwardedIdentity) => `${identity.department}:${identity.role}`;

/** The grid a grid or micro-grid region belongs to (a grid is its own). */
export const gridOf = async (ctx: GridContext, region: Region): Promise<Region> =>
  region.level === RegionLevel.GRID ? region : (await ctx.loaders.region.load(region.parent!.id))!;

/**
 * Where a record is placed in grid's tree: the micro-grid or grid given (or the building's micro-grid), checked to hold
 * the building. An event is reported there; a facility (城市部件) is registered there.
 */
export async function placeIn(
  ctx: GridContext,
  place: { regionId?: string | null; buildingId?: string | null },
  what: string,
): Promise<{ region: Region; buildingId: string | null }> {
  const buildingId = place.buildingId ? requireId(place.buildingId, 'buildingId') : null;
  const ofBuilding = buildingId ? await ctx.loaders.microGridOfBuilding.load(buildingId) : null;
  if (buildingId && !ofBuilding)
    throw badInput(`building ${buildingId} is not assigned to any micro-grid`, 'buildingId');
  const region = place.regionId ? await ctx.loaders.region.load(requireId(place.regionId, 'regionId')) : ofBuilding;
  if (!region) throw badInput('give regionId (a grid or micro-grid), buildingId, or both', 'regionId');
  if (region.level !== RegionLevel.GRID && region.level !== RegionLevel.MICRO_GRID)
    throw badInput(`region ${region.name} is a ${region.level}; ${what} in a grid or micro-grid`, 'regionId');
  if (ofBuilding && !ofBuilding.path.startsWith(region.path))
    throw badInput(`building ${buildingId} is not in ${region.name}`, 'buildingId');
  return { region, buildingId };
}

/**
 * Where a report happened. With a facility: the facility must be one the caller may see (else it is answered as not
 * existing), the event is placed at the facility's region and building unless the report says otherwise, and the
 * event's grid must be the facility's grid (and its building, when both name one, the facility's building).
 */
async function placeOfReport(
  ctx: GridContext,
  report: EventReport,
): Promise<{ region: Region; buildingId: string | null; facilityId: string | null }> {
  const facilityId = report.facilityId ? requireId(report.facilityId, 'facilityId') : null;
  if (!facilityId) return { ...(await placeIn(ctx, report, 'events are reported')), facilityId };
  const facility = await ctx.em.findOne(Facility, { id: facilityId });
  if (!facility) throw notVisible('Facility', facilityId);
  refuseOutsideScope(ctx, 'Facility', facilityId, facilityLocation(facility), () => notVisible('Facility', facilityId));
  const given = report.regionId || report.buildingId;
  const place = await placeIn(
    ctx,
    given ? report : { regionId: facility.region.id, buildingId: facility.buildingId },
    'events are reported',
  );
  const facilityGrid = await gridOf(ctx, (await ctx.loaders.region.load(facility.region.id))!);
  if ((await gridOf(ctx, place.region)).id !== facilityGrid.id)
    throw badInput(
      `facility ${facilityId} stands in grid ${facilityGrid.name}; report an event about it in that grid`,
      'facilityId',
    );
  if (facility.buildingId && place.buildingId && facility.buildingId !== place.buildingId)
    throw badInput(
      `facility ${facilityId} stands at building ${facility.buildingId}, not ${place.buildingId}`,
      'facilityId',
    );
  return { ...place, facilityId };
}

/**
 * Records a report (上报) as a new event in REPORTED with its first timeline entry, inside the transaction of `ctx`
 * (lib/writes/unit-of-work.ts: its em and loaders read through the transaction's connection). A report under a key this reporter used before answers the event it made (a retry), or CONFLICT if what was
 * reported differs.
 */
export async function recordReport(
  ctx: GridContext,
  report: EventReport,
  source: EventSource,
  visitId: string | null = null,
): Promise<Event> {
  const tx = ctx.em;
  const idempotencyKey = requireText(report.idempotencyKey, 'idempotencyKey')!;
  const identity = ctx.identity;
  const print = fingerprint(report, source);
  const earlier = await tx.findOne(Event, { reporterSubject: identity.subject, idempotencyKey });
  if (earlier) {
    if (earlier.reportFingerprint !== print)
      throw conflict(
        `idempotencyKey "${idempotencyKey}" was used for another report (event ${earlier.id}); use a new key for a new report`,
      );
    return earlier;
  }
  const title = requireText(report.title, 'title')!;
  const description = requireText(report.description, 'description')!;
  const residentIds = namedResidents(report.residentIds);
  const { region, buildingId, facilityId } = await placeOfReport(ctx, report);
  const communityCode = region.code.slice(0, 12);
  const id = randomUUID();
  refuseOutsideScope(ctx, 'Event', id, { buildingId, communityCode }, () => notVisible('Region', region.id));
  const grid = await gridOf(ctx, region);
  const now = new Date();
  const event = tx.create(Event, {
    id,
    idempotencyKey,
    reportFingerprint: print,
    reporterSubject: identity.subject,
    reporterName: identity.name,
    source,
    category: report.category,
    title,
    description,
    region: region.id,
    handlingRegion: grid.id,
    communityCode,
    buildingId,
    residentIds,
    facility: facilityId,
    status: INITIAL_STATUS,
    department: null,
    version: 1,
    reportedAt: now,
    stepStartedAt: now,
    stepDeadline: stepDeadline(report.category, INITIAL_STATUS, now),
    lateSteps: 0,
    returnedCount: 0,
    closedAt: null,
    visitId,
  });
  tx.create(EventTransition, {
    event: id,
    action: null,
    fromStatus: null,
    toStatus: INITIAL_STATUS,
    actorSubject: identity.subject,
    actorName: identity.name,
    actorRole: actorRole(identity),
    comment: null,
    department: null,
    at: now,
    deadline: event.stepDeadline,
    late: false,
  });
  await tx.flush();
  return event;
}

/** reportEvent as one transaction; a concurrent retry that lost the race on the unique key answers the winner's event. */
export async function reportEvent(ctx: GridContext, report: EventReport, source: EventSource): Promise<Event> {
  // the residents it names are checked with population first: never while the transaction holds a connection
  await checkNamedResidents(ctx, namedResidents(report.residentIds));
  try {
    return await inTransaction(ctx, (tx) => recordReport(tx, report, source));
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await ctx.em
      .fork()
      .findOne(Event, { reporterSubject: ctx.identity.subject, idempotencyKey: report.idempotencyKey.trim() });
    if (!winner) throw error;
    if (winner.reportFingerprint !== fingerprint(report, source))
      throw conflict(`idempotencyKey "${report.idempotencyKey}" was used for another report (event ${winner.id})`);
    return winner;
  }
}

const DESK_ROLES = ['DISPATCHER', 'GRID_LEADER'];
const FIELD_ROLES = ['GRID_WORKER', 'GRID_LEADER'];

/** May this caller act as `actor` on `event`? (The workflow names the actor; this says who that is.) */
function actsAs(actor: Actor, identity: ForwardedIdentity, event: Event): boolean {
  const grid = identity.department === 'GRID';
  if (actor === 'DESK') return grid && DESK_ROLES.includes(identity.role);
  if (actor === 'FIELD') return grid && FIELD_ROLES.includes(identity.role);
  if (!event.department) return false;
  if (identity.department === event.department) return identity.role !== 'AUDITOR';
  // a department outside the hub answers through the dispatch desk
  return !dispatchDepartment(event.department)?.inHub && grid && DESK_ROLES.includes(identity.role);
}

const WHO: Record<Actor, string> = {
  DESK: 'the dispatch desk (GRID:DISPATCHER or GRID:GRID_LEADER)',
  FIELD: 'grid staff on site (GRID:GRID_WORKER or GRID:GRID_LEADER)',
  HANDLER: 'the department the event is dispatched to',
};

export interface TransitionRequest {
  id: string;
  action: EventAction;
  /** the version the caller saw (Event.version) */
  version: number;
  comment?: string | null;
  department?: string | null;
}

/**
 * One move of the workflow, in one transaction: the event must be visible to the caller, at the version they saw, in a
 * state the machine moves from by that action, and the caller must be who the machine names. The UPDATE carries the
 * version condition, so of two concurrent moves from one version exactly one is applied; the other gets CONFLICT.
 */
export async function transitionEvent(ctx: GridContext, request: TransitionRequest): Promise<Event> {
  const id = requireId(request.id);
  const comment = requireText(request.comment, 'comment', false);
  return inTransaction(ctx, async (txc) => {
    const event = await visibleEventForWrite(txc, id);
    if (event.version !== request.version) {
      throw conflict(
        `event ${id} was changed meanwhile: it is at version ${event.version} (${event.status}), you sent ${request.version}; reload it and try again`,
      );
    }
    const move = eventWorkflow.transitionOf(event.status, request.action);
    if (move?.byFollowUp)
      throw eventWorkflow.invalidTransition(id, event.status, request.action, {
        because: `${request.action} (${move.term}) is taken by recordFollowUp with a DISSATISFIED answer and reopen: true`,
      });
    return applyMove(txc, event, request.action, comment, request.department);
  });
}

/**
 * The event `id` for a write in the transaction of `txc`, if the caller may see it; an event they may not see is
 * answered as if it did not exist (and the refusal is audited).
 */
export async function visibleEventForWrite(txc: GridContext, id: string): Promise<Event> {
  const event = await txc.em.findOne(Event, { id });
  // visibility decides first: an event the caller may not see is answered as if it did not exist
  if (!event) throw notVisible('Event', id);
  if (!maySeeEvent(event, txc)) {
    txc.audit.note('WRITE', 'Event', id, 'scope', 'DENIED');
    throw notVisible('Event', id);
  }
  return event;
}

/**
 * One move of the workflow on `event` as read in the transaction of `txc`: the machine must move from its state by
 * `action` and the caller must be who the machine names. The UPDATE carries the version the event was read at, so of
 * two concurrent moves from one version exactly one is applied; the other gets CONFLICT. Appends the timeline entry.
 */
export async function applyMove(
  txc: GridContext,
  event: Event,
  action: EventAction,
  comment: string | null,
  askedDepartment?: string | null,
): Promise<Event> {
  const tx = txc.em;
  const id = event.id;
  const move = eventWorkflow.transitionOf(event.status, action);
  if (!move) throw eventWorkflow.invalidTransition(id, event.status, action);
  if (!actsAs(move.by, txc.identity, event)) {
    txc.audit.note('WRITE', 'Event', id, `transition.${action}`, 'DENIED');
    throw forbidden(
      `${action} (${move.term}) is for ${WHO[move.by]}; ${txc.identity.department}:${txc.identity.role} may not take it`,
    );
  }
  if (eventWorkflow.needs(action, 'comment') && !comment)
    throw badInput(`${action} (${move.term}) needs a comment saying why`, 'comment');
  let department = event.department ?? null;
  if (eventWorkflow.needs(action, 'department')) {
    const code = askedDepartment?.trim() ?? '';
    if (!dispatchDepartment(code))
      throw badInput(
        `department must be one of the dispatch departments (eventDepartments); got "${code.slice(0, 40)}"`,
        'department',
      );
    department = code;
  } else if (askedDepartment) {
    throw badInput(`${action} takes no department; only DISPATCH names one`, 'department');
  }
  let handlingRegion = event.handlingRegion.id;
  if (move.escalates) {
    const current = await txc.loaders.region.load(handlingRegion);
    if (!current?.parent)
      throw eventWorkflow.invalidTransition(id, event.status, action, {
        because: 'it is already handled at the district; there is no level to escalate to',
      });
    handlingRegion = current.parent.id;
  }
  const now = new Date();
  const late = !!event.stepDeadline && now > event.stepDeadline;
  const deadline = stepDeadline(event.category, move.to, now);
  const final = (FINAL_STATUSES as readonly string[]).includes(move.to);
  const changes = {
    status: move.to,
    version: event.version + 1,
    department: move.releasesDepartment ? null : department,
    handlingRegion,
    stepStartedAt: now,
    stepDeadline: deadline,
    lateSteps: event.lateSteps + (late ? 1 : 0),
    returnedCount: event.returnedCount + (move.releasesDepartment ? 1 : 0),
    closedAt: final ? now : null,
  };
  const applied = await tx.nativeUpdate(Event, { id, version: event.version }, changes);
  if (applied !== 1)
    throw conflict(`event ${id} was changed by someone else at the same moment; reload it and try again`);
  await tx.insert(EventTransition, {
    event: id,
    action,
    fromStatus: event.status,
    toStatus: move.to,
    actorSubject: txc.identity.subject,
    actorName: txc.identity.name,
    actorRole: actorRole(txc.identity),
    comment,
    // the department responsible at this move: the one dispatched to, or the one returning or answering
    department: department,
    at: now,
    deadline,
    late,
  });
  // the row as committed (and the entity's snapshot with it, so the commit writes nothing more)
  return (await tx.refresh(event))!;
}

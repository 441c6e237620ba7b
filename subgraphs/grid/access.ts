import type { AccessContext } from '../../lib/auth/enforce';
import { isResident } from '../../lib/auth/resident';
import { inScope, type Location, placeOfRecord } from '../../lib/auth/scope';
import type { Event } from './entities/event';
import type { Resident } from './entities/resident';
import type { GridContext } from './loaders';

/**
 * Where a resident lives, for the scope check: the building population sent in the representation (Resident.grid
 * @requires it), and the community that building's micro-grid belongs to in grid's own tree.
 */
export async function residentLocation(resident: Resident, ctx: GridContext): Promise<Location | null> {
  const buildingId = resident.household?.building?.id;
  if (!buildingId) return null;
  const microGrid = await ctx.loaders.microGridOfBuilding.load(buildingId);
  return { buildingId, communityCode: microGrid?.code.slice(0, 12) ?? null };
}

/** Grid's own roles see events by place; a department sees the events dispatched to it (inside its scope too). */
export const seesEventsByPlace = (ctx: Pick<AccessContext, 'identity'>) => ctx.identity.department === 'GRID';

/** Is the caller a party to the event at all: grid staff, or the department it is dispatched to? */
export const partyTo = (event: Event, ctx: Pick<AccessContext, 'identity'>) =>
  seesEventsByPlace(ctx) || (!!event.department && event.department === ctx.identity.department);

/** Where an event is, for the scope check: its community and, when it concerns one, its building. */
export const eventLocation = (event: Event): Location => placeOfRecord(event);

/**
 * May the caller see the event: a party to it, and the event inside their scope. (A scope that covers the whole
 * district covers every place, so being a party is checked apart from the place.)
 */
export const maySeeEvent = (event: Event, ctx: Pick<AccessContext, 'identity'>) =>
  namesTheResident(event, ctx) || (partyTo(event, ctx) && inScope(ctx.identity.resolvedScope, eventLocation(event)));

/** A resident (the data subject) sees the events that name them, and no other (docs/resident-view.md). */
const namesTheResident = (event: Event, ctx: Pick<AccessContext, 'identity'>) => {
  const own = isResident(ctx.identity) ? ctx.identity.resident : undefined;
  return !!own?.confirmed && !!own.id && event.residentIds.includes(own.id);
};

/**
 * An event as one record answered to the caller: itself (the scope check on it follows), or — when they are no party
 * to it — null, answered (and audited) exactly like an event outside their scope or one that does not exist.
 */
export function eventForCaller(event: Event | null, ctx: AccessContext): Event | null {
  if (!event) return null;
  if (partyTo(event, ctx)) {
    // decided here, so what is reached through the event (its residents) shares the decision
    ctx.scopeDecisions.set(event, maySeeEvent(event, ctx));
    return event;
  }
  ctx.audit.note('READ', 'Event', event.id, 'scope', 'DENIED');
  return null;
}

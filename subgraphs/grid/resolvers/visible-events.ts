import { maySeeEvent } from '../access';
import type { Event } from '../entities/event';
import type { GridContext } from '../loaders';

/**
 * The events of a list the caller may see, each by its own place and department (a resident in scope does not open
 * every event naming them to every department); refusals are audited like any other.
 */
export function visibleOnes(ctx: GridContext, events: Event[]): Event[] {
  const refused: string[] = [];
  const kept = events.filter((event) => {
    const visible = maySeeEvent(event, ctx);
    ctx.scopeDecisions.set(event, visible);
    if (!visible) refused.push(event.id);
    return visible;
  });
  if (refused.length) ctx.audit.note('READ', 'Event', refused, 'scope', 'DENIED');
  return kept;
}

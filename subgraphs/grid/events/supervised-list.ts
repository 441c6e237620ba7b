import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { requireId } from '../../../lib/errors';
import { type Connection, encodeCursor, type Page } from '../../../lib/graphql/paging';
import { EventSupervision } from '../entities/event-supervision';
import { SUBTREE_IDS } from '../entities/region';
import { pageOf, readCursor, visibleEvents } from './query';
import { asEntity } from '../../../lib/db/as-entity';

/** A cursor names the last flag of a page: newest first, by time then id. */
const cursorOf = (v: EventSupervision) => encodeCursor(`${v.at.toISOString()}|${v.id}`);

/**
 * The supervision list (督办清单): one page of the supervision flags on events the caller may see (the same rule as
 * `events`, in SQL), newest first, optionally of a region's subtree, with the count of all of them.
 */
export async function findSupervisions(
  em: EntityManager,
  ctx: AccessContext,
  regionId: string | undefined,
  page: Page,
): Promise<Connection<EventSupervision>> {
  const visible = visibleEvents(ctx);
  const where = [...visible.clauses];
  const params = [...visible.params];
  if (regionId) where.push(`e.region_id in (${SUBTREE_IDS})`), params.push(requireId(regionId, 'regionId'));
  const keyset = page.afterKey ? readCursor(page.afterKey) : null;
  const pageWhere = keyset ? [...where, '(v.at, v.id) < (?::timestamptz, ?::uuid)'] : where;
  const from = 'from event_supervision v join event e on e.id = v.event_id';
  const [rows, [{ total }]] = await Promise.all([
    em.execute(
      `select v.* ${from} where ${pageWhere.join(' and ') || 'true'} order by v.at desc, v.id desc limit ${page.limit + 1}`,
      [...params, ...(keyset ?? [])],
    ),
    em.execute<{ total: number }[]>(
      `select count(*)::int as total ${from} where ${where.join(' and ') || 'true'}`,
      params,
    ),
  ]);
  return pageOf(
    rows.map((row) => asEntity(em, EventSupervision, row)),
    page,
    total,
    cursorOf,
  );
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { AccessContext } from '../../../lib/auth/enforce';
import { scopeSql } from '../../../lib/auth/scope-sql';
import { badInput, requireId } from '../../../lib/errors';
import { type Connection, encodeCursor, type Page } from '../../../lib/graphql/paging';
import { seesEventsByPlace } from '../access';
import { Event } from '../entities/event';
import type { EventFilter } from '../resolvers/event.inputs';
import { dispatchDepartment } from './departments';
import { SUBTREE_IDS } from '../entities/region';
import { asEntity } from '../../../lib/db/as-entity';

interface Sql {
  clauses: string[];
  params: unknown[];
}

/**
 * The events a caller may see, as SQL over `event e`: grid staff by place (the event's community and building inside
 * their scope), any other department only the events dispatched to it, inside its scope too — the same rule as
 * access.ts eventLocation, so lists and their counts agree with what a single event answers.
 */
export function visibleEvents(ctx: Pick<AccessContext, 'identity'>): Sql {
  const place = scopeSql(ctx.identity.resolvedScope, { building: 'e.building_id', communityCode: 'e.community_code' });
  if (seesEventsByPlace(ctx)) return { clauses: [place.sql], params: place.params };
  return { clauses: ['e.department = ?', place.sql], params: [ctx.identity.department, ...place.params] };
}

function filterSql(filter: EventFilter): Sql {
  const sql: Sql = { clauses: [], params: [] };
  const add = (clause: string, ...params: unknown[]) => (sql.clauses.push(clause), sql.params.push(...params));
  if (filter.regionId) add(`e.region_id in (${SUBTREE_IDS})`, requireId(filter.regionId, 'filter.regionId'));
  if (filter.status?.length) add('e.status = any(?::text[])', `{${filter.status.join(',')}}`);
  if (filter.category) add('e.category = ?', filter.category);
  if (filter.department) {
    if (!dispatchDepartment(filter.department))
      throw badInput(
        `filter.department must be a dispatch department's code (eventDepartments); got "${filter.department.slice(0, 40)}"`,
        'filter.department',
      );
    add('e.department = ?', filter.department);
  }
  if (filter.overdue === true) add('e.step_deadline < now()');
  if (filter.overdue === false) add('(e.step_deadline is null or e.step_deadline >= now())');
  if (filter.reportedFrom) add('e.reported_at >= ?', filter.reportedFrom);
  if (filter.reportedTo) add('e.reported_at < ?', filter.reportedTo);
  return sql;
}

/** A cursor names the last event of a page: newest first, by report time then id. */
const cursorOf = (e: Event) => encodeCursor(`${e.reportedAt.toISOString()}|${e.id}`);

/** The (time, id) a keyset cursor of a newest-first list names. */
export function readCursor(afterKey: string): [string, string] {
  const [at, id] = afterKey.split('|');
  if (!id || Number.isNaN(Date.parse(at)))
    throw badInput('after is not a cursor this list issued; pass the endCursor of the previous page', 'after');
  return [at, requireId(id, 'after')];
}

/** One page of the events that meet `filter` and the caller may see, newest first, with the count of all of them. */
export async function findEvents(
  em: EntityManager,
  ctx: AccessContext,
  filter: EventFilter,
  page: Page,
): Promise<Connection<Event>> {
  const visible = visibleEvents(ctx);
  const wanted = filterSql(filter);
  const where = [...visible.clauses, ...wanted.clauses];
  const params = [...visible.params, ...wanted.params];
  const keyset = page.afterKey ? readCursor(page.afterKey) : null;
  const pageWhere = keyset ? [...where, '(e.reported_at, e.id) < (?::timestamptz, ?::uuid)'] : where;
  const [rows, [{ total }]] = await Promise.all([
    em.execute(
      `select e.* from event e where ${pageWhere.join(' and ') || 'true'} order by e.reported_at desc, e.id desc limit ${page.limit + 1}`,
      [...params, ...(keyset ?? [])],
    ),
    em.execute<{ total: number }[]>(
      `select count(*)::int as total from event e where ${where.join(' and ') || 'true'}`,
      params,
    ),
  ]);
  return pageOf(
    rows.map((row) => asEntity(em, Event, row)),
    page,
    total,
    cursorOf,
  );
}

/** A page of a newest-first keyset list from its rows (one more than the page, to tell whether another follows). */
export function pageOf<T>(rows: T[], page: Page, total: number, cursorOf: (node: T) => string): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    nodes,
    edges,
    totalCount: total,
    pageInfo: { hasNextPage: rows.length > page.limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

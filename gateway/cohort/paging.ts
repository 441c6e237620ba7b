import { createHash } from 'node:crypto';
import { isHubKey } from '../../lib/cohort/keys';
import { badInput } from '../../lib/errors';
import { type Connection, encodeCursor, type PageArgs, readPage } from '../../lib/graphql/paging';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';

/**
 * A cohort's page: its size, the key of the row it follows and, once the cohort is kept for its later pages
 * (key-sets.ts), where: the kept set and that row's place in it. A cursor of either kind pages on by key alone when
 * its set is gone.
 */
export interface CohortPage {
  limit: number;
  afterKey?: string;
  kept?: { id: string; index: number };
}

const KEPT_CURSOR = /^s:([0-9a-f-]{36}):(\d{1,9}):(.+)$/;

const keptCursor = (id: string, index: number, key: string) =>
  Buffer.from(`s:${id}:${index}:${key}`, 'utf8').toString('base64url');

export function readCohortPage(args: PageArgs): CohortPage {
  const kept = args.after ? KEPT_CURSOR.exec(Buffer.from(args.after, 'base64url').toString('utf8')) : null;
  if (!kept) return readPage(args);
  const { limit } = readPage({ first: args.first });
  const [, id, index, key] = kept;
  if (!isHubKey(id) || !isHubKey(key))
    throw badInput('after is not a cursor this list issued; pass the endCursor of the previous page', 'after');
  return { limit, afterKey: key, kept: { id, index: Number(index) } };
}

/**
 * Whose question a kept set answers: the same caller (subject, department, role, scope, purpose) asking the same field
 * with the same conditions. Anyone else holding the cursor is searched for afresh, inside their own scope.
 */
export function ownerOf(field: string, identity: ForwardedIdentity, where: unknown): Buffer {
  const { subject, department, role, scope, purpose } = identity;
  return createHash('sha256')
    .update(JSON.stringify([field, subject, department, role, [...scope].sort(), purpose, where]))
    .digest();
}

/**
 * `rows` as a page: `first` is the place of rows[0] in the whole answer; with `keptId` the cursors point into the kept
 * set. `rows` holds up to one row past the page, which says whether a next page exists.
 */
export function cohortConnection<T extends { id: string }>(
  rows: T[],
  limit: number,
  totalCount: number,
  first: number,
  keptId?: string,
): Connection<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node, i) => ({
    cursor: keptId ? keptCursor(keptId, first + i, node.id) : encodeCursor(node.id),
    node,
  }));
  return {
    nodes,
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}

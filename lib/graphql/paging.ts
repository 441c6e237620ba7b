import { type ClassType, Field, Int, ObjectType, ArgsType, Directive } from 'type-graphql';
import { badInput } from '../errors';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../config/page-size';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@Directive('@shareable')
@ObjectType({ description: 'Where a page sits in the whole list' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  after?: string;
}

export interface Page {
  limit: number;
  /** the key after which the page starts (keyset paging on the id), if any */
  afterKey?: string;
}

/** Validates paging arguments; errors name the argument and its allowed range. */
export function readPage(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${args.first}`, 'first');
  }
  if (args.after === undefined || args.after === null) return { limit: first };
  return { limit: first, afterKey: decodeCursor(args.after) };
}

export function encodeCursor(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('k:') || text.length < 3 || text.length > 200) {
    throw badInput('after is not a cursor this list issued; pass the endCursor of the previous page', 'after');
  }
  return text.slice(2);
}

export interface Connection<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a page from rows fetched with `limit + 1` (the extra row tells whether a next page exists). */
export function toConnection<T extends { id: string }>(rows: T[], page: Page, totalCount: number): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    nodes,
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
  };
}

/** A Relay-style connection type for `Item`, named `<Name>Connection` with `<Name>Edge`. */
export function ConnectionType<T extends object>(
  Item: ClassType<T>,
  name: string,
  options: { shareable?: boolean } = {},
) {
  // a connection several subgraphs return (the audit trail's) is a value type they share
  const shareable = options.shareable ? Directive('@shareable') : () => undefined;

  @shareable
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => Item)
    node!: T;
  }

  @shareable
  @ObjectType(`${name}Connection`, { description: `A page of ${name} with the total count of the whole list` })
  class ItemConnection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Item])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ItemConnection;
}

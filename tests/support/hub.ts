import { readFileSync } from 'node:fs';
import { delimiter } from 'node:path';
import { Client } from 'pg';
import type { HubInfo } from './launch';

let cached: HubInfo | undefined;

/**
 * The hub the global setup started for this jest worker: worker n uses hub n, so files on different workers never
 * see each other's writes (files on one worker run one after another, in the seeded order of tests/support/sequencer.js).
 */
export function hub(): HubInfo {
  if (!cached) {
    const files = (process.env.HUB_INFO_FILES ?? process.env.HUB_INFO_FILE!).split(delimiter);
    const worker = Number(process.env.JEST_WORKER_ID ?? '1');
    cached = JSON.parse(readFileSync(files[(worker - 1) % files.length], 'utf8')) as HubInfo;
  }
  return cached;
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Each test request on a connection of its own: a reused keep-alive socket that the server is closing at that
 * moment fails the request ("other side closed"), which says nothing about the hub.
 */
export const FRESH_CONNECTION = { connection: 'close' } as const;

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/** Posts an operation to the gateway (or to `url`) and returns the HTTP status with the GraphQL body. */
export async function graphql<T = any>(
  query: string,
  variables: Record<string, unknown> = {},
  options: { url?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(options.url ?? hub().gatewayUrl, {
    method: 'POST',
    // the GraphQL-over-HTTP media type: parse, validation and coercion failures come back as HTTP 400 (a client that
    // accepts only application/json gets them as 200: tests/graphql-http.test.ts)
    headers: {
      'content-type': 'application/json',
      accept: GRAPHQL_RESPONSE_JSON,
      ...FRESH_CONNECTION,
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/** SQL statements each department has sent so far (its hub_sql_statements_total counter). */
export async function sqlStatementCounts(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(hub().subgraphUrls).map(async ([name, url]) => {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: FRESH_CONNECTION })).text();
      const line = text.split('\n').find((l) => l.startsWith('hub_sql_statements_total'));
      return [name, Number(line?.split(' ')[1] ?? NaN)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * The counts once no department is still sending statements for work an earlier test started and did not wait for
 * (an audit row written after its answer, a request a timed-out client abandoned): two reads 100 ms apart agree.
 */
export async function settledStatementCounts(): Promise<Record<string, number>> {
  let counts = await sqlStatementCounts();
  for (let tries = 0; tries < 30; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await sqlStatementCounts();
    if (Object.keys(again).every((name) => again[name] === counts[name])) return again;
    counts = again;
  }
  return counts;
}

/** Runs `action` and returns how many SQL statements each department sent meanwhile. */
export async function sqlStatementsDuring(action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await settledStatementCounts();
  await action();
  const after = await sqlStatementCounts();
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - before[name]]));
}

/** Runs SQL on the database at `url` (one connection, closed after). */
export async function sqlAt<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Runs SQL on a department's database as its owner (to look under the hub, never to arrange a test). */
export const ownerSql = <T = any>(department: string, sql: string, params: unknown[] = []): Promise<T[]> =>
  sqlAt<T>(hub().ownerUrls[department], sql, params);

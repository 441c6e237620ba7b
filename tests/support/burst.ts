import { as, type Caller, caseworker, gridLeader, officer, registrar } from './callers';
import { type GraphQLResponse, ownerSql } from './hub';

/** The departments, by the names their databases go by in the test hub. */
export type Department = 'population' | 'civil-affairs' | 'public-security' | 'grid';

/** How many calls a burst sends at the same moment. */
export const BURST_SIZE = 30;

/** How one call ended: `OK`, or its errors' codes joined; the id its answer names; how often it was sent again. */
export interface Outcome {
  code: string;
  id: string | null;
  retries: number;
  answer: GraphQLResponse;
}

const isOverloaded = (res: GraphQLResponse) =>
  res.status === 503 || !!res.errors?.some((e) => e.extensions?.code === 'OVERLOADED');

/** How many times a client sends a call refused as OVERLOADED again (after the Retry-After it was given). */
const MAX_RETRIES = 5;

/**
 * One call, made the way a careful client makes it: refused as OVERLOADED (the department's pool was exhausted and it
 * said so before doing anything), it waits the Retry-After and sends the very same request again — same variables,
 * hence the same idempotency key. Every other answer is final.
 */
export async function call(caller: Caller, document: string, variables: Record<string, unknown>): Promise<Outcome> {
  for (let retries = 0; ; retries++) {
    const answer = await as(caller).graphql(document, variables);
    if (isOverloaded(answer) && retries < MAX_RETRIES) {
      const after = Number(
        answer.errors?.find((e) => e.extensions?.code === 'OVERLOADED')?.extensions?.retryAfterSeconds ?? 1,
      );
      await new Promise((resolve) => setTimeout(resolve, after * 1000));
      continue;
    }
    const root = answer.data ? (Object.values(answer.data)[0] as { id?: string } | null) : null;
    const code = answer.errors?.length
      ? [...new Set(answer.errors.map((e) => String(e.extensions?.code ?? 'NO_CODE')))].join('+')
      : 'OK';
    return { code, id: root?.id ?? null, retries, answer };
  }
}

/** All the calls at the same moment (each on a connection of its own), and how each ended. */
export function burst(caller: Caller, document: string, calls: Record<string, unknown>[]): Promise<Outcome[]> {
  return Promise.all(calls.map((variables) => call(caller, document, variables)));
}

/** `{ OK: 29, CONFLICT: 1 }` */
export const tally = (outcomes: Outcome[]): Record<string, number> =>
  outcomes.reduce<Record<string, number>>((t, o) => {
    t[o.code] = (t[o.code] ?? 0) + 1;
    return t;
  }, {});

/** The answers' codes that are never an honest outcome of a write under load. */
export const DEFECTS = ['DEPARTMENT_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'NO_CODE'];

/** A plain read each department answers to its own people: asked right after a burst, it must answer. */
export const PLAIN_READ: Record<Department, { caller: Caller; query: string }> = {
  grid: { caller: gridLeader, query: '{ events(first: 1) { totalCount } }' },
  population: { caller: registrar, query: '{ residents(first: 1) { totalCount } }' },
  'civil-affairs': { caller: caseworker, query: '{ assistanceCases(first: 1) { totalCount } }' },
  'public-security': { caller: officer, query: '{ rentalsNeedingAttention(first: 1) { totalCount } }' },
};

/** A query over the owner's database naming rows by `id` (what a burst made or changed). */
export interface Rows {
  sql: string;
  params?: unknown[];
}

/** The ids the query names in the owner's database now. */
export async function idsOf(department: Department, rows: Rows): Promise<string[]> {
  return (await ownerSql<{ id: string }>(department, rows.sql, rows.params ?? [])).map((r) => String(r.id)).sort();
}

/** A key unique to this run of the suite, a case and a call: `wl-<run>-<case>-<i>`. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
export const keyOf = (name: string, i: number | string) => `wl-${RUN}-${name}-${i}`;
/** The same, as a tag to find a case's rows by (in a note, a title, an activity). */
export const tagOf = (name: string) => `wl-${RUN}-${name}`;

/** Runs `work` on every item, `width` at a time: how the cases set up their own records (not a burst). */
export async function inBatches<T, R>(
  items: T[],
  width: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map((item, j) => work(item, start + j)))));
  }
  return results;
}

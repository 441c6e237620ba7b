import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client as PgClient } from 'pg';
import { sqlStatements } from '../metrics';

/** Where a statement runs: an EntityManager (its transaction's connection when it has one) or a bare knex. */
export type Runner = EntityManager | Knex;

/**
 * The knex a statement goes through: inside a transaction its client hands out only the transaction's connection;
 * outside one, a read may go to a read replica (lib/db/replicas.ts decides), anything else to the primary.
 */
export function knexOf(runner: Runner, type: 'read' | 'write' = 'write'): Knex {
  if (typeof (runner as EntityManager).getConnection !== 'function') return runner as Knex;
  const em = runner as EntityManager;
  return (em.getTransactionContext<Knex.Transaction>() ?? em.getConnection(type).getKnex()) as unknown as Knex;
}

/**
 * Runs a named statement on one of the ORM's pooled connections — or, given an EntityManager inside a transaction, on
 * that transaction's connection (knex's transaction client hands out only that one): PostgreSQL parses and plans it
 * once per connection instead of once per request (the ORM sends every statement as text with its values inlined).
 * Counted like every other statement. For the hot paths only: lookups by key and the audit log's INSERT.
 */
export async function preparedQuery(
  runner: Runner,
  name: string,
  text: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  return onPooledConnection(runner, text, async (connection) => (await connection.query({ name, text, values })).rows);
}

/**
 * A named statement over a batch of keys: its text has `= any($1)` once, the keys its first parameter, `params` the
 * rest. A batch of one key, the common case (one resident's record), runs a twin written `= $1` instead. PostgreSQL
 * counts an array parameter as ten elements when it weighs the plan it could keep for every execution, so for
 * `= any($1)` that plan always looks dearer than planning again for the values, and it plans again every time (0.1 to
 * 0.3 ms of a lookup's 0.1 to 0.35). For `= $1` the kept plan costs what a new one would, and it is kept after the
 * fifth execution on a connection.
 */
export async function preparedByKeys(
  runner: Runner,
  name: string,
  text: string,
  keys: readonly unknown[],
  params: readonly unknown[] = [],
): Promise<Record<string, unknown>[]> {
  if (keys.length !== 1) return preparedQuery(runner, name, text, [[...keys], ...params]);
  return preparedQuery(runner, `${name}_1`, oneKeyText(text), [keys[0], ...params]);
}

const oneKeyTexts = new Map<string, string>();

function oneKeyText(text: string): string {
  let one = oneKeyTexts.get(text);
  if (one === undefined) {
    const parts = text.split('= any($1)');
    if (parts.length !== 2) throw new Error(`a statement over keys has "= any($1)" once: ${text}`);
    one = parts.join('= $1');
    oneKeyTexts.set(text, one);
  }
  return one;
}

/**
 * Runs a statement written with `?` placeholders with its values bound as parameters rather than inlined into its
 * text, planned for those values (an unnamed statement). For statements that carry thousands of keys in one
 * parameter (the cohort's sections): the ORM escapes every value into the text character by character, which for
 * 4,000 keys cost more than PostgreSQL's answer. Same connections and counting as `preparedQuery`.
 */
export async function boundQuery<Row = Record<string, unknown>>(
  runner: Runner,
  sql: string,
  values: readonly unknown[],
): Promise<Row[]> {
  const native = knexOf(runner)
    .raw(sql, values as Knex.RawBinding[])
    .toSQL()
    .toNative();
  return onPooledConnection(
    runner,
    native.sql,
    async (connection) => (await connection.query(native.sql, native.bindings as unknown[])).rows as Row[],
  );
}

async function onPooledConnection<T>(runner: Runner, text: string, run: (connection: PgClient) => Promise<T>) {
  const client = knexOf(runner, /^\s*select\b/i.test(text) ? 'read' : 'write').client as {
    acquireConnection(): Promise<PgClient>;
    releaseConnection(c: PgClient): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    sqlStatements.inc();
    return await run(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

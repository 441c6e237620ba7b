import type { Knex } from '@mikro-orm/knex';
import type { Client as PgClient } from 'pg';
import { sqlStatements } from '../metrics';

/**
 * Runs a named statement on one of the ORM's pooled connections: PostgreSQL parses and plans it once per connection
 * instead of once per request (the ORM sends every statement as text with its values inlined). Counted like every
 * other statement. For the hot paths only: lookups by key and the audit log's INSERT.
 */
export async function preparedQuery(knex: Knex, name: string, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  const client = knex.client as { acquireConnection(): Promise<PgClient>; releaseConnection(c: PgClient): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    sqlStatements.inc();
    return (await connection.query({ name, text, values })).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

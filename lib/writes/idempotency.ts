import { createHash } from 'node:crypto';
import type { RequestContext } from '../context';
import { badInput, conflict } from '../errors';
import { inTransaction } from './unit-of-work';

/** How every create's idempotencyKey field describes itself in the schema. */
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'A new random key (e.g. a UUID) for each new form, sent again unchanged when the same form is retried: a retry answers what the first call made and never makes it twice; the same key with other content is CONFLICT';

/** The longest idempotency key accepted (a UUID or a client's own form id fits many times over). */
const MAX_KEY = 200;

/** Any value as JSON with object keys in order, so the same content always prints the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const fingerprintOf = (content: unknown) => createHash('sha256').update(canonical(content)).digest('base64url');

/** The key as sent, trimmed; BAD_USER_INPUT when it is empty or too long. */
export function readIdempotencyKey(key: string | null | undefined): string {
  const text = key?.trim() ?? '';
  if (!text)
    throw badInput(
      'idempotencyKey must not be empty: send a new random key (e.g. a UUID) with each new form, and the same key again when you retry it',
      'idempotencyKey',
    );
  if (text.length > MAX_KEY) throw badInput(`idempotencyKey is longer than ${MAX_KEY} characters`, 'idempotencyKey');
  return text;
}

interface Earlier {
  fingerprint: string;
  record_id: string | null;
}

/**
 * A create a person triggers, made at most once per (caller, mutation, idempotency key):
 * - the same key with the same content answers the record the first call made (a retry after a time-out, a double
 *   click, a client that never saw the answer) — looked up before any slow work, and again inside the transaction;
 * - the same key with other content is CONFLICT;
 * - two calls with one key at the same moment: the key's row is inserted first in the transaction, so the second waits
 *   on the first's unique key and then answers its record (or makes it, if the first rolled back).
 * The key row commits with the record, so an acknowledged create always has it and a failed one never does.
 */
export class CreateOnce<C extends RequestContext, T extends { id: string }> {
  private readonly key: string;
  private readonly fingerprint: string;

  constructor(
    private readonly ctx: C,
    private readonly operation: string,
    key: string | null | undefined,
    content: unknown,
    /** the answer for a record this key made before */
    private readonly answer: (ctx: C, id: string) => Promise<T | null>,
  ) {
    this.key = readIdempotencyKey(key);
    this.fingerprint = fingerprintOf([operation, content]);
  }

  /** The record an earlier call with this key made, or null: ask before slow work, and answer it as the mutation's. */
  async earlier(): Promise<T | null> {
    const rows = await this.ctx.em.execute<Earlier[]>(
      'select fingerprint, record_id from idempotency_key where actor = ? and operation = ? and key = ?',
      [this.ctx.identity.subject, this.operation, this.key],
    );
    return rows.length ? this.replay(this.ctx, rows[0]) : null;
  }

  /** Makes the record in one transaction with the key's row, unless a concurrent call with the key made it first. */
  async create(make: (tx: C) => Promise<T>): Promise<T> {
    return inTransaction(this.ctx, async (tx) => {
      const claimed = await tx.em.execute<{ key: string }[]>(
        'insert into idempotency_key (actor, operation, key, fingerprint) values (?, ?, ?, ?) on conflict do nothing returning key',
        [tx.identity.subject, this.operation, this.key, this.fingerprint],
      );
      if (!claimed.length) {
        const rows = await tx.em.execute<Earlier[]>(
          'select fingerprint, record_id from idempotency_key where actor = ? and operation = ? and key = ?',
          [tx.identity.subject, this.operation, this.key],
        );
        return this.replay(tx, rows[0]);
      }
      const record = await make(tx);
      await tx.em.execute('update idempotency_key set record_id = ? where actor = ? and operation = ? and key = ?', [
        record.id,
        tx.identity.subject,
        this.operation,
        this.key,
      ]);
      return record;
    });
  }

  private async replay(ctx: C, row: Earlier): Promise<T> {
    if (row.fingerprint !== this.fingerprint) {
      throw conflict(
        `idempotencyKey "${this.key}" was used for a different ${this.operation} before; send a new key for a new one, or the same content to retry`,
      );
    }
    const record = row.record_id ? await this.answer(ctx, row.record_id) : null;
    // what the key made is no longer answerable as it was (e.g. ended since): the retry is still not done twice
    if (!record)
      throw conflict(
        `idempotencyKey "${this.key}" was already used for this ${this.operation} (record ${row.record_id}), which can no longer be answered as it was`,
      );
    return record;
  }
}

/** A create's input without its idempotency key: what the key's fingerprint is taken of. */
export function withoutKey<T extends { idempotencyKey?: string | null }>(input: T): Omit<T, 'idempotencyKey'> {
  const { idempotencyKey: _key, ...content } = input;
  return content;
}

// Forms kept on the phone until every part is delivered: the same form is resent with the same idempotency key, so a
// closed page or a lost answer loses nothing and applies nothing twice.
import { ask } from './operations.js';

const KEY = 'worker-outbox';

/** The forms not yet delivered in full, oldest first. */
export const pending = () => JSON.parse(localStorage.getItem(KEY) ?? '[]');

const save = (entries) => localStorage.setItem(KEY, JSON.stringify(entries));
const keyOf = (entry) => entry.input.idempotencyKey;

function keep(entry) {
  save([...pending().filter((e) => keyOf(e) !== keyOf(entry)), entry]);
}

function drop(entry) {
  save(pending().filter((e) => keyOf(e) !== keyOf(entry)));
}

/** Refusals a resend cannot change: the form must be corrected (it stays on the screen). */
const FINAL = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);

/**
 * Sends a kept form (`operation`, `input`, `label`) and says what came of it: `result` (the mutation's answer, with
 * its `parts`), `refused` (errors a resend cannot change; the form is dropped), or `undelivered` (kept, to resend).
 */
export async function deliver(entry) {
  keep(entry);
  let answer;
  try {
    answer = await ask(entry.operation, { input: entry.input });
  } catch (error) {
    return { undelivered: error.message };
  }
  const result = answer.data ? Object.values(answer.data)[0] : null;
  if (!result) {
    const errors = answer.errors ?? [];
    const message = errors.map((e) => e.message).join('; ');
    if (errors.length && errors.every((e) => FINAL.has(e.extensions?.code))) {
      drop(entry);
      return { refused: message };
    }
    return { undelivered: message || '无应答' };
  }
  if ((result.parts ?? []).some((p) => p.outcome === 'NOT_DELIVERED')) keep({ ...entry, parts: result.parts });
  else drop(entry);
  return { result };
}

import type { GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { departmentUnavailable, overloaded } from '../errors';
import { throttledLog } from '../observability/log-throttle';

/** Node's network error codes that mean the database server cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** PostgreSQL's SQLSTATEs of a server going or gone: class 08 (connection exception) and 57P01–57P03 (shutting down). */
const isOutageState = (code: string) => /^08/.test(code) || /^57P0[123]$/.test(code);

/** What pg and knex say when the connection dropped, or none could be had in time. */
const OUTAGE_MESSAGES =
  /Connection terminated|connection error and is not queryable|Timeout acquiring a connection|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Why the database did not answer, in words for an operator, when `error` (or what it wraps) is an outage rather than
 * a fault of the request: "connection refused", "connection lost", ...; undefined for anything else.
 */
export function databaseOutage(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (code === 'ECONNREFUSED') return 'connection refused';
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
      if (NETWORK_CODES.has(code)) return `connection lost (${code})`;
      if (isOutageState(code)) return 'the database is shutting down or restarting';
    }
    if (typeof message === 'string' && OUTAGE_MESSAGES.test(message))
      return /Timeout|timeout/.test(message) ? 'no connection to the database in time' : 'connection lost';
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether `error` (or what it wraps) is knex's refusal after waiting for a pooled connection: the database answers but
 * every connection is in use (an overload, not an outage).
 */
export function poolExhausted(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { message } = current as { message?: unknown };
    // knex's KnexTimeoutError, whatever wraps it on the way (MikroORM's DriverException copies the message)
    if (typeof message === 'string' && /Timeout acquiring a connection/.test(message)) return true;
    current =
      (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

type Format = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A subgraph's formatError: a field its database could not answer is DEPARTMENT_UNAVAILABLE naming the department. */
export function databaseOutageFormatter(department: string, format: Format): Format {
  const log = throttledLog(10_000);
  return (formatted, error) => {
    if (poolExhausted(error)) {
      const { message, extensions } = overloaded(department);
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const outage = databaseOutage(error);
    if (!outage) return format(formatted, error);
    log(outage, `database unavailable at ${formatted.path?.join('.') ?? '(operation)'}: ${outage}`);
    const { message, extensions } = departmentUnavailable(department, `its database: ${outage}`);
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  };
}

/**
 * Replaces an answer whose audit rows could not be written because the database is gone with a 503 and
 * DEPARTMENT_UNAVAILABLE (the gateway then puts that error on each field it asked for). False for any other failure.
 */
export function withholdForOutage(department: string, response: GraphQLResponse, error: unknown): boolean {
  if (response.body.kind !== 'single') return false;
  if (poolExhausted(error)) {
    const { message, extensions } = overloaded(department);
    response.body.singleResult = { errors: [{ message, extensions }] };
    return true;
  }
  const outage = databaseOutage(error);
  if (!outage) return false;
  const { message, extensions } = departmentUnavailable(department, `its database: ${outage}`);
  response.body.singleResult = { errors: [{ message, extensions }] };
  response.http.status = 503;
  return true;
}

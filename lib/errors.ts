import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { log } from './observability/log';

/** The stable `extensions.code` values clients may branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** a workflow move its state machine does not allow from the record's current state (an event, an assistance case) */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** four eyes (四眼原则): the official who took part in an earlier step of a record may not take this one */
  SEPARATION_OF_DUTIES: 'SEPARATION_OF_DUTIES',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** too many attempts from one client in a short time (the public lookups) */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  DEPARTMENT_UNAVAILABLE: 'DEPARTMENT_UNAVAILABLE',
  /** the department is up but every database connection is busy: nothing was done, try again after `retryAfterSeconds` */
  OVERLOADED: 'OVERLOADED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Input a person can fix: says which field is wrong and why. */
export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} does not exist`, { extensions: { code: ErrorCode.NOT_FOUND, id } });
}

/**
 * A record the caller may not see, or that does not exist: the same answer for both, so that it cannot be used to
 * learn whether a record exists outside the caller's data scope.
 */
export function notVisible(what: string, id: string): NotVisible {
  return new NotVisible(what, id);
}

/**
 * The error of `notVisible`, knowing which record was asked for: the access middleware audits every one as a refusal
 * (lib/auth/enforce.ts), so a record that does not exist costs the same audit row as one outside the scope.
 */
export class NotVisible extends GraphQLError {
  constructor(
    readonly recordType: string,
    readonly recordId: string,
  ) {
    super(`${recordType} ${recordId} does not exist or is outside your data scope`, {
      extensions: { code: ErrorCode.NOT_FOUND, id: recordId },
    });
  }
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

/**
 * A department's server or database does not answer: its fields are null with this error on their paths, and the
 * other departments' data still comes back. `extensions.department` names it, so a client can tell an outage from a bug.
 */
export function departmentUnavailable(
  department: string,
  reason: string,
  path?: readonly (string | number)[],
): GraphQLError {
  return new GraphQLError(
    `${department} is unavailable (${reason}); its fields are left empty, the other departments answered`,
    {
      path,
      extensions: { code: ErrorCode.DEPARTMENT_UNAVAILABLE, department, reason },
    },
  );
}

/** Seconds a client waits before retrying an OVERLOADED request (the gateway's Retry-After). */
export const OVERLOAD_RETRY_AFTER_SECONDS = 1;

/**
 * The department's connections were all busy for longer than a request may wait: refused early, nothing written, safe
 * to retry (with the same idempotency key for a create).
 */
export function overloaded(department: string, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(
    `${department} is busy: no database connection came free in time and nothing was done; try again in ${OVERLOAD_RETRY_AFTER_SECONDS} s`,
    {
      path,
      extensions: { code: ErrorCode.OVERLOADED, department, retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS },
    },
  );
}

/**
 * A move the record's current state does not allow (lib/workflow makes it): `extensions.status` is where the record
 * stands, `action` what was asked, `allowed` the actions possible from there.
 */
export function invalidTransition(
  message: string,
  extensions: { status: string; action: string; allowed: string[] },
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.INVALID_TRANSITION, ...extensions } });
}

/**
 * Four eyes: the step must be taken by another official than who took `tookPart` (e.g. the intake of the same case);
 * `extensions.step` is the step refused, `tookPart` the caller's earlier steps of the record.
 */
export function separationOfDuties(message: string, extensions: { step: string; tookPart: string[] }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.SEPARATION_OF_DUTIES, ...extensions } });
}

const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.INVALID_TRANSITION,
  ErrorCode.SEPARATION_OF_DUTIES,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.RATE_LIMITED,
  // raised by graphql-js / Apollo Server themselves for malformed operations
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  // the gateway's operation limits
  'OPERATION_TOO_COSTLY',
  'TOO_MANY_PERSONAL_RECORDS',
  'PAYLOAD_TOO_LARGE',
  'TRUSTED_DOCUMENT_REQUIRED',
  // not the client's fault, but safe and useful to show: which department is down (no internal detail in it)
  ErrorCode.DEPARTMENT_UNAVAILABLE,
  ErrorCode.OVERLOADED,
]);

/** Whether an error's code says the client caused it (its message is then meant for the client). */
export const isClientError = (code: unknown): boolean => CLIENT_CODES.has(String(code ?? ''));

/** The message every internal error leaves with; the details stay in the log, under the request id. */
export const INTERNAL_MESSAGE = 'Internal error; it has been logged for the operators';

const logged = new WeakSet<object>();

/** Logs a fault on our side once, with the request it broke (when known) and where in the answer. */
export function logInternalError(error: unknown, requestId?: string, path?: readonly (string | number)[]): void {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (typeof original === 'object' && original !== null) {
    if (logged.has(original)) return;
    logged.add(original);
  }
  log.error({ requestId, path: path?.join('.'), err: original }, 'internal error');
}

/**
 * Apollo Server `formatError`: errors a client caused keep their message and code; anything else is logged
 * with its stack on the server and leaves as a generic INTERNAL_SERVER_ERROR. No stack trace ever leaves.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const {
    stacktrace: _stack,
    exception: _exc,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  if (CLIENT_CODES.has(code)) return { ...formatted, extensions };
  // Apollo Gateway's name for an operationName the document does not define; Apollo Server's own is this one
  if (code === 'INVALID_GRAPHQL')
    return { ...formatted, extensions: { ...extensions, code: 'OPERATION_RESOLUTION_FAILURE' } };
  // graphql-js coercion errors for variables and literals (unknown enum value, wrong type) have no code yet
  if (!code && isInputCoercionError(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  // a request error of Apollo Server's own (it carries only an HTTP 4xx status) is the client's, not ours
  if ((code === 'INTERNAL_SERVER_ERROR' || !code) && !isInternalError(error as GraphQLError))
    return { ...formatted, extensions: { ...extensions, code: 'BAD_REQUEST' } };
  if (code === 'INTERNAL_SERVER_ERROR' || !code) {
    // the request plugin (lib/server/telemetry-plugin.ts) has usually logged it already, with the request id
    logInternalError(error, undefined, formatted.path);
    return {
      message: INTERNAL_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return { ...formatted, extensions };
}

/** A fault on our side, not the client's: no code yet (a thrown Error), or INTERNAL_SERVER_ERROR. */
export function isInternalError(error: { message: string; extensions?: Record<string, unknown> }): boolean {
  // Apollo Server's own request errors (a persisted query's hash or version) carry only their HTTP status
  const status = Number((error.extensions?.http as { status?: number } | undefined)?.status);
  if (status >= 400 && status < 500) return false;
  const code = error.extensions?.code;
  if (code) return code === ErrorCode.INTERNAL_SERVER_ERROR;
  return !isInputCoercionError(error.message);
}

function isInputCoercionError(message: string): boolean {
  return /^(Variable "\$|Argument "|Too many errors processing variables|Expected value of type|Enum "|Int cannot represent|Float cannot represent|String cannot represent|ID cannot represent|Boolean cannot represent)/.test(
    message,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys are UUIDs; anything else is refused before it reaches the database. */
export function requireId(value: string, field = 'id'): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw badInput(`${field} must be an id issued by the hub (a UUID); got "${String(value).slice(0, 40)}"`, field);
  return value.toLowerCase();
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The stable `extensions.code` values clients may branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** a workflow step that the record's current state does not allow (e.g. suspending a rejected case) */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** too many attempts from one client in a short time (the public lookups) */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
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
export function notVisible(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} does not exist or is outside your data scope`, { extensions: { code: ErrorCode.NOT_FOUND, id } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

/** A step the record's current state does not allow; `extensions` say where it stands and where it may go. */
export function invalidTransition(message: string, extensions: { from: string; action: string; allowed: string[] }): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.INVALID_TRANSITION, ...extensions } });
}

const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.INVALID_TRANSITION,
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
]);

/**
 * Apollo Server `formatError`: errors a client caused keep their message and code; anything else is logged
 * with its stack on the server and leaves as a generic INTERNAL_SERVER_ERROR. No stack trace ever leaves.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  const { stacktrace: _stack, exception: _exc, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  if (CLIENT_CODES.has(code)) return { ...formatted, extensions };
  // graphql-js coercion errors for variables and literals (unknown enum value, wrong type) have no code yet
  if (!code && isInputCoercionError(formatted.message)) {
    return { ...formatted, extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (code === 'INTERNAL_SERVER_ERROR' || !code) {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    console.error('[internal error]', formatted.path?.join('.') ?? '', original);
    return {
      message: 'Internal error; it has been logged for the operators',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return { ...formatted, extensions };
}

function isInputCoercionError(message: string): boolean {
  return /^(Variable "\$|Argument "|Expected value of type|Enum "|Int cannot represent|Float cannot represent|String cannot represent|ID cannot represent|Boolean cannot represent)/.test(
    message,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keys are UUIDs; anything else is refused before it reaches the database. */
export function requireId(value: string, field = 'id'): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(`${field} must be an id issued by the hub (a UUID); got "${String(value).slice(0, 40)}"`, field);
  return value.toLowerCase();
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

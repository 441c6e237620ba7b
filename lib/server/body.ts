import type { ErrorRequestHandler } from 'express';
import express from 'express';
import { INTERNAL_MESSAGE, logInternalError } from '../errors';
import { requestIdOf } from '../observability/request-id';

type RawBodyRequest = { rawBody?: Buffer };

/** The exact bytes of a request's body, when `jsonBody` kept them (what the gateway bound a forwarded identity to). */
export const rawBodyOf = (req: object): Buffer | undefined => (req as RawBodyRequest).rawBody;

/** Keeps the exact bytes of a request's body on it, for `rawBodyOf`. */
export const keepRawBody = (req: object, body: Buffer): void => {
  (req as RawBodyRequest).rawBody = body;
};

/** The escape of NUL in JSON text: PostgreSQL cannot store the character, so no request may carry it. */
const NUL_ESCAPE = Buffer.from('\\u0000');
const NUL_REFUSED = 'nul.character';

/** Throws the body parser's refusal of a body that carries NUL (see `jsonBody`). */
export function refuseNul(body: Buffer): void {
  if (body.includes(NUL_ESCAPE)) throw Object.assign(new Error('NUL in the body'), { type: NUL_REFUSED, status: 400 });
}

/**
 * The JSON body parser of every GraphQL endpoint: at most `limit` bytes, UTF-8, and no NUL character anywhere (in a
 * string argument, a variable or an entity key). Refusing NUL here, on the bytes, costs one buffer scan and spares
 * every resolver and the database a value they cannot store. (A body that spells out the six characters `\u0000`
 * inside a string, escaped, is refused too.)
 */
export function jsonBody(limit: number, options: { keepRaw: boolean }) {
  return express.json({
    limit,
    verify: (req, _res, body) => {
      refuseNul(body);
      if (options.keepRaw) keepRawBody(req, body);
    },
  });
}

/**
 * Express error handler after the body parser: a body over the limit, not JSON, in another charset or cut short gets a
 * GraphQL-shaped error with a 4xx, never an HTML page (which would carry the stack outside production).
 */
export function bodyErrors(maxBodyBytes: number): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, body } = bodyErrorAnswer(error, maxBodyBytes, requestIdOf(req));
    res.status(status).json(body);
  };
}

/** The status and GraphQL-shaped body that answer a failure to read a request's body (or any later fault, logged). */
export function bodyErrorAnswer(
  error: unknown,
  maxBodyBytes: number,
  requestId: string,
): { status: number; body: { errors: { message: string; extensions: Record<string, string> }[] } } {
  const fail = (status: number, message: string, code = 'BAD_REQUEST') => ({
    status,
    body: { errors: [{ message, extensions: { code } }] },
  });
  const type = (error as { type?: string })?.type;
  const status = Number((error as { status?: number })?.status);
  if (type === 'entity.too.large')
    return fail(413, `the request body is over the limit of ${maxBodyBytes} bytes`, 'PAYLOAD_TOO_LARGE');
  if (type === 'entity.parse.failed') return fail(400, 'the request body is not valid JSON');
  if (type === NUL_REFUSED)
    return fail(
      400,
      'text may not contain the NUL character (\\u0000): remove it from the arguments and variables',
      'BAD_USER_INPUT',
    );
  if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    return fail(415, 'the request body must be JSON in UTF-8, without a content encoding');
  if (status >= 400 && status < 500) return fail(status, 'the request body could not be read');
  logInternalError(error, requestId);
  return {
    status: 500,
    body: { errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] },
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { tagTrace } from './telemetry';

/** The header that carries a request's id: in every response, from the gateway to each subgraph, in every log line. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's own id is kept when it is a plain token (a UUID, a trace-like hex string…); anything else is replaced. */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && WELL_FORMED.test(header) ? header : randomUUID();
}

type WithRequestId = { requestId?: string };

/** The id of an HTTP request, as `requestIds()` assigned it. */
export const requestIdOf = (req: object): string => (req as WithRequestId).requestId!;

/** Express middleware: gives the request its id (the caller's, when well-formed) and returns it in the response header. */
export function requestIds(): RequestHandler {
  return (req, res, next) => {
    assignRequestId(req, res);
    next();
  };
}

/** Gives a request on Node's own HTTP server its id, as `requestIds()` does, and returns it. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers[REQUEST_ID_HEADER];
  const id = requestIdFrom(Array.isArray(header) ? header[0] : header);
  (req as WithRequestId).requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  tagTrace(id, res);
  return id;
}

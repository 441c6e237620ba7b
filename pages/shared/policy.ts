import type { RequestHandler } from 'express';

/**
 * Every page the hub serves loads only from the hub (government intranets have no internet): the browser itself
 * refuses any other origin. ECharts and GraphiQL set inline styles, nothing runs inline.
 */
const OFFLINE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export const offlineOnly: RequestHandler = (_req, res, next) => {
  res.setHeader('content-security-policy', OFFLINE_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  next();
};

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

/** The pages' own files live beside their code in the source tree (gateway/<page>/public), not in dist/. */
const GATEWAY_SOURCE = resolve(__dirname, '..', '..', 'gateway');

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

/** A file of an installed npm package, by its path inside the package (browser builds are rarely in `exports`). */
function packageFile(pkg: string, path: string): string {
  const folder = (require.resolve.paths(pkg) ?? []).map((p) => join(p, pkg)).find((dir) => existsSync(join(dir, 'package.json')));
  const file = folder && join(folder, path);
  if (!file || !existsSync(file)) throw new Error(`${pkg}/${path} is not installed; run npm ci`);
  return file;
}

/** A page's folder: its public files, and the npm packages' browser builds it names ('<package>/<path>'), under /vendor/. */
export function pageFolder(page: string, vendor: Record<string, [pkg: string, path: string]>): Router {
  const router = express.Router();
  router.use(offlineOnly);
  for (const [name, [pkg, path]] of Object.entries(vendor)) {
    const file = packageFile(pkg, path);
    router.get(`/vendor/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  router.use(express.static(join(GATEWAY_SOURCE, page, 'public'), { index: 'index.html', redirect: true }));
  return router;
}

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Router } from 'express';
import { offlineOnly } from './policy';

/** The pages' own files live beside their code in the source tree (pages/<page>/public), not in dist/. */
const PAGES_SOURCE = resolve(__dirname, '..', '..', '..', 'pages');

/** A file of an installed npm package, by its path inside the package (browser builds are rarely in `exports`). */
function packageFile(pkg: string, path: string): string {
  const folder = (require.resolve.paths(pkg) ?? [])
    .map((p) => join(p, pkg))
    .find((dir) => existsSync(join(dir, 'package.json')));
  const file = folder && join(folder, path);
  if (!file || !existsSync(file)) throw new Error(`${pkg}/${path} is not installed; run npm ci`);
  return file;
}

/**
 * A page's folder (pages/<page>/public, or pages/shared/public), under the offline policy, with the npm packages'
 * browser builds it names ('<package>/<path>') under /vendor/.
 */
export function pageFolder(page: string, vendor: Record<string, [pkg: string, path: string]> = {}): Router {
  const router = express.Router();
  router.use(offlineOnly);
  for (const [name, [pkg, path]] of Object.entries(vendor)) {
    const file = packageFile(pkg, path);
    router.get(`/vendor/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  router.use(express.static(join(PAGES_SOURCE, page, 'public'), { index: 'index.html', redirect: true }));
  return router;
}

import express, { type Router } from 'express';
import { pageFolder } from './assets';
import { developmentLogin } from './dev-login';
import type { PageOptions } from './options';

/**
 * /pages: what every page shares — the sign-in and the GraphQL client as browser modules (public/), the mode the hub
 * runs in (config.json), and in development a login that mints a token.
 */
export function sharedPlumbing(options: PageOptions): Router {
  const router = express.Router();
  router.get('/config.json', (_req, res) => res.json({ development: options.development }));
  if (options.development) router.use('/dev-login', developmentLogin());
  router.use(pageFolder('shared'));
  return router;
}

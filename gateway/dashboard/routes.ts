import express, { type Router } from 'express';
import { join } from 'node:path';
import { QUERIES_FOLDER } from '../../queries';
import { offlineOnly, pageFolder } from '../assets';
import { developmentLogin } from './dev-login';

/** /dashboard: regional statistics for officials (public/), ECharts from npm, and in development a login that mints a token. */
export function dashboard(options: { development: boolean; graphqlUrl: string }): Router {
  const router = express.Router();
  router.get('/config.json', (_req, res) => res.json({ development: options.development }));
  if (options.development) router.use('/dev-login', developmentLogin(options.graphqlUrl));
  // the page's query, from the one file the tests read too
  router.get('/region-stats.graphql', offlineOnly, (_req, res) => res.type('text/plain').sendFile(join(QUERIES_FOLDER, 'region-stats.graphql')));
  router.use(pageFolder('dashboard', { 'echarts.min.js': ['echarts', 'dist/echarts.min.js'] }));
  return router;
}

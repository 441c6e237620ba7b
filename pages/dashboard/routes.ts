import express, { type Router } from 'express';
import { pageFolder } from '../assets';
import { developmentLogin } from './dev-login';

/** /dashboard: regional statistics for officials (public/), ECharts from npm, and in development a login that mints a token. */
export function dashboard(options: { development: boolean; graphqlUrl: string }): Router {
  const router = express.Router();
  router.get('/config.json', (_req, res) => res.json({ development: options.development }));
  if (options.development) router.use('/dev-login', developmentLogin(options.graphqlUrl));
  router.use(pageFolder('dashboard', { 'echarts.min.js': ['echarts', 'dist/echarts.min.js'] }));
  return router;
}

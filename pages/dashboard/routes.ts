import express, { type Router } from 'express';
import { join } from 'node:path';
import { QUERIES_FOLDER } from '../../queries';
import { pageFolder } from '../shared/assets';
import { offlineOnly } from '../shared/policy';

/** /dashboard: regional statistics for officials (public/), ECharts from npm, and the page's query and figures. */
export function dashboard(): Router {
  const router = express.Router();
  // the page's query, from the one file the tests read too, and its list of figures (both written by npm run compose
  // from the departments' declared figures)
  router.get('/region-stats.graphql', offlineOnly, (_req, res) =>
    res.type('text/plain').sendFile(join(QUERIES_FOLDER, 'region-stats.graphql')),
  );
  router.get('/region-figures.json', offlineOnly, (_req, res) =>
    res.type('application/json').sendFile(join(QUERIES_FOLDER, 'region-figures.json')),
  );
  // the assessment panel's (assessment.js)
  router.get('/assessment.graphql', offlineOnly, (_req, res) =>
    res.type('text/plain').sendFile(join(QUERIES_FOLDER, 'assessment.graphql')),
  );
  router.use(pageFolder('dashboard', { 'echarts.min.js': ['echarts', 'dist/echarts.min.js'] }));
  return router;
}

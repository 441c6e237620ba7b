import type { Router } from 'express';
import { pageFolder } from '../shared/assets';

/**
 * /worker: the grid worker's phone page (public/): today's round, the visit form with what was collected for each
 * department, the answer per part, and reporting an event. Its operations are files of public/operations/, each
 * registered in gateway/trusted-documents.json.
 */
export function workerPage(): Router {
  return pageFolder('worker');
}

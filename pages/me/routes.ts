import express, { type Router } from 'express';
import { pageFolder } from '../shared/assets';
import { offlineOnly } from '../shared/policy';
import { supergraphEnumTerms } from './labels';

/**
 * /me: the resident's own page (public/): their data by department, who read it (the access report) and corrections.
 * Its operations are files of public/operations/, each registered in gateway/trusted-documents.json; the words for the
 * graph's enum values come from the schema (labels.json).
 */
export function mePage(): Router {
  const router = express.Router();
  router.get('/labels.json', offlineOnly, (_req, res) => res.json(supergraphEnumTerms()));
  router.use(pageFolder('me'));
  return router;
}

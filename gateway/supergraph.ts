import { readFileSync } from 'node:fs';
import { settings } from '../lib/config/settings';

/** The composed supergraph committed under schema/ (built by `npm run compose`; SUPERGRAPH_PATH points elsewhere). */
export function loadSupergraph(path = settings().SUPERGRAPH_PATH): string {
  return readFileSync(path, 'utf8');
}

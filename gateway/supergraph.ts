import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The composed supergraph committed under schema/ (built by `npm run compose`). */
export function loadSupergraph(path = process.env.SUPERGRAPH_PATH ?? resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql')): string {
  return readFileSync(path, 'utf8');
}

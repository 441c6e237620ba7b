/**
 * npm run compose: writes schema/<department>.graphql, schema/supergraph.graphql, docs/access-rules.md,
 * docs/collection-rules.md and README.md's collection table, and the
 * regionStats query and the dashboard's figures (queries/region-stats.graphql, queries/region-figures.json) from the code.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withCollectionTable } from '../lib/graphql/collection-listing';
import { compose } from '../runner/compose';
import { departments } from './registry';

async function main() {
  const dir = resolve(__dirname, '..', '..', 'schema');
  const composed = await compose(Object.values(departments));
  const { subgraphs, supergraph, accessRules } = composed;
  mkdirSync(resolve(dir, '..', 'docs'), { recursive: true });
  writeFileSync(resolve(dir, '..', 'docs', 'access-rules.md'), accessRules);
  writeFileSync(resolve(dir, '..', 'docs', 'collection-rules.md'), composed.collectionRules);
  const readme = resolve(dir, '..', 'README.md');
  writeFileSync(readme, withCollectionTable(readFileSync(readme, 'utf8'), composed.collectionTable));
  for (const [name, sdl] of Object.entries(subgraphs))
    writeFileSync(resolve(dir, `${name}.graphql`), sdl.trimEnd() + '\n');
  writeFileSync(resolve(dir, 'supergraph.graphql'), supergraph.trimEnd() + '\n');
  writeFileSync(resolve(dir, '..', 'queries', 'region-stats.graphql'), composed.regionStatsQuery);
  writeFileSync(resolve(dir, '..', 'queries', 'region-figures.json'), composed.dashboardFigures);
  console.log(`composed ${Object.keys(subgraphs).join(', ')} into schema/supergraph.graphql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

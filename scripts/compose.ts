/**
 * npm run compose: writes schema/<department>.graphql, schema/supergraph.graphql, docs/access-rules.md, and the
 * regionStats query and the dashboard's figures (queries/region-stats.graphql, queries/region-figures.json) from the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compose } from '../runner/compose';
import { departments } from './registry';

async function main() {
  const dir = resolve(__dirname, '..', '..', 'schema');
  const composed = await compose(Object.values(departments));
  const { subgraphs, supergraph, accessRules } = composed;
  mkdirSync(resolve(dir, '..', 'docs'), { recursive: true });
  writeFileSync(resolve(dir, '..', 'docs', 'access-rules.md'), accessRules);
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

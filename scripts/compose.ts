/** npm run compose: writes schema/<department>.graphql and schema/supergraph.graphql from the code. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compose } from '../lib/graphql/compose';
import { departments } from './registry';

async function main() {
  const dir = resolve(__dirname, '..', '..', 'schema');
  const { subgraphs, supergraph } = await compose(Object.values(departments));
  for (const [name, sdl] of Object.entries(subgraphs)) writeFileSync(resolve(dir, `${name}.graphql`), sdl.trimEnd() + '\n');
  writeFileSync(resolve(dir, 'supergraph.graphql'), supergraph.trimEnd() + '\n');
  console.log(`composed ${Object.keys(subgraphs).join(', ')} into schema/supergraph.graphql`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

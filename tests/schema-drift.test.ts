import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose } from '../runner/compose';
import { departments } from '../scripts/registry';
import { ROOT } from './support/launch';

describe('committed schemas', () => {
  it('and the access rules table match what the code prints and composes (run `npm run compose` after changing a subgraph)', async () => {
    const { subgraphs, supergraph, accessRules, regionStatsQuery, dashboardFigures } = await compose(
      Object.values(departments),
    );
    expect(Object.keys(subgraphs).sort()).toEqual([
      'civil-affairs',
      'cohort',
      'grid',
      'population',
      'public-security',
      'resident-desk',
    ]);
    for (const [name, sdl] of Object.entries(subgraphs)) {
      expect(readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8')).toBe(sdl.trimEnd() + '\n');
    }
    expect(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')).toBe(supergraph.trimEnd() + '\n');
    expect(readFileSync(join(ROOT, 'docs', 'access-rules.md'), 'utf8')).toBe(accessRules);
    // and the regionStats query and the dashboard's figures, from the declared figures (docs/adding-a-figure.md)
    expect(readFileSync(join(ROOT, 'queries', 'region-stats.graphql'), 'utf8')).toBe(regionStatsQuery);
    expect(readFileSync(join(ROOT, 'queries', 'region-figures.json'), 'utf8')).toBe(dashboardFigures);
  });
});

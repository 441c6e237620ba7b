/**
 * The declared figures of regionStats (lib/stats/figures.ts) and what is made from them agree: each is a field of its
 * type in the committed supergraph, selected by the committed query, and a column of the dashboard; the committed query
 * and the dashboard's list are exactly what `npm run compose` writes. (The oracle of tests/region-stats.test.ts is
 * typed by the same declarations, and its `toEqual` on whole answers covers every field the query selects.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  type FieldNode,
  type GraphQLObjectType,
  getNamedType,
  isNonNullType,
  Kind,
  parse,
  type SelectionSetNode,
} from 'graphql';
import {
  type FigureSection,
  countConditions,
  currentFigureNames,
  disclosureShape,
  fieldsOf,
} from '../../lib/stats/figures';
import { QUERIES_FOLDER } from '../../queries';
import { dashboardFigures, regionStatsQuery, sectionsOf } from '../../runner/figures';
import { civilAffairs } from '../../subgraphs/civil-affairs';
import { grid } from '../../subgraphs/grid';
import { population } from '../../subgraphs/population';
import { publicSecurity } from '../../subgraphs/public-security';

const ROOT = join(__dirname, '..', '..');
const sections = sectionsOf([population, civilAffairs, publicSecurity, grid]);
const supergraph = buildSchema(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'), {
  assumeValidSDL: true,
});
const query = readFileSync(join(QUERIES_FOLDER, 'region-stats.graphql'), 'utf8');
const declaredColumns = JSON.parse(readFileSync(join(QUERIES_FOLDER, 'region-figures.json'), 'utf8'));
const withName = (section: FigureSection) => section.figures.map((f) => `${section.path.join('.')}.${f.name}`);

/** The fields the query selects at a path below `regionStats.figures`. */
function selected(path: readonly string[]): string[] {
  const operation = parse(query).definitions[0];
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
  const fields = (set: SelectionSetNode | undefined) =>
    (set?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const child = (node: FieldNode | undefined, name: string) =>
    fields(node?.selectionSet).find((f) => f.name.value === name);
  let node = child(fields(operation.selectionSet)[0], 'figures');
  for (const step of path) node = child(node, step);
  return fields(node?.selectionSet).map((f) => f.name.value);
}

describe('the declared figures of regionStats', () => {
  it('are each a field of their type in the committed supergraph: Int, or Decimal for yuan; nullable when controlled', () => {
    const fields = (section: FigureSection) => (supergraph.getType(section.type) as GraphQLObjectType).getFields();
    expect(
      sections.flatMap((section) =>
        fieldsOf(section).map((f) => {
          const field = fields(section)[f.name];
          return `${section.type}.${f.name}: ${field && getNamedType(field.type).name}${field && isNonNullType(field.type) ? '!' : ''}`;
        }),
      ),
    ).toEqual(
      sections.flatMap((section) =>
        fieldsOf(section).map(
          (f) =>
            `${section.type}.${f.name}: ${f.unit === 'yuan' ? 'Decimal' : 'Int'}${f.disclosure === 'exact' ? '!' : ''}`,
        ),
      ),
    );
  });

  it('are each selected by queries/region-stats.graphql, which is what npm run compose writes from them', () => {
    for (const section of sections)
      expect(selected(section.path)).toEqual(expect.arrayContaining(currentFigureNames(section)));
    // a deprecated figure stays in the schema (the first test) and leaves the query
    expect(selected(['civilAffairs', 'assistance'])).not.toContain('amount');
    expect(query).toBe(regionStatsQuery(sections));
  });

  it('are each a column of the dashboard (queries/region-figures.json, what npm run compose writes)', () => {
    const columns = new Set(declaredColumns.map((c: { key: string }) => c.key));
    const rowFigures = sections.flatMap((s) =>
      s.rows ? s.rows.columns.map((c) => `${s.path.join('.')}.${c.figure}`) : [],
    );
    const flat = sections.filter((s) => !s.rows);
    expect(
      flat.flatMap((s) => s.figures.filter((f) => !f.deprecated && !columns.has(f.name)).map((f) => f.name)),
    ).toEqual([]);
    // a per-program column names a declared figure of its section
    expect(rowFigures.filter((name) => !sections.flatMap(withName).includes(name))).toEqual([]);
    expect(declaredColumns).toEqual(dashboardFigures(sections));
  });

  it('name only declared figures in a ratio or a sum of money, and have one name each', () => {
    const keys = declaredColumns.map((c: { key: string }) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    const ratios = sections.flatMap((s) => s.figures.flatMap((f) => f.ratio ?? []));
    expect(ratios.filter((key) => !keys.includes(key))).toEqual([]);
    for (const section of sections)
      for (const count of Object.values(disclosureShape(section).linked ?? {}))
        expect(section.figures.find((f) => f.name === count)?.disclosure).toBe('count');
  });

  it('give a department’s statement each figure’s condition over the relation it names', () => {
    const [populationFigures] = population.figures!;
    expect(countConditions(populationFigures, 'household')).toEqual({
      households: 'true',
      householdsWithResidents: 'hh.active_residents > 0',
      emptyHouseholds: 'hh.active_residents = 0',
    });
    expect(Object.keys(countConditions(populationFigures, 'resident'))).toEqual([
      'residents',
      'registered',
      'floating',
      'overseas',
      'under18',
      'age18to59',
      'age60to79',
      'age80plus',
      'livingAlone80plus',
      'dueForReverification',
    ]);
  });
});

import { type FigureSection, currentFigureNames } from '../lib/stats/figures';

/**
 * What `npm run compose` writes from the figures the departments declare (lib/stats/figures.ts): the regionStats
 * query (queries/region-stats.graphql, which the dashboard, the tests' oracle and GraphiQL's example ask) and the
 * dashboard's list of figures (queries/region-figures.json). Both are committed; tests/schema-drift.test.ts fails while
 * they and the declarations disagree.
 */

const QUERY_HEAD = `# Written by \`npm run compose\` from the figures the departments declare (subgraphs/<department>/figures.ts,
# lib/stats/figures.ts): do not edit by hand. A region and each child region, with every figure the departments
# publish: what the dashboard shows (and exports as CSV) and what tests/region-stats.test.ts checks against its oracle.
query RegionStats($regionId: ID!, $asOf: LocalDate) {
  regionStats(regionId: $regionId, asOf: $asOf) {
    regionId asOf
    region { id name level code ancestors { id name level } }
    figures {
      regionId asOf
      region { id name level code }
`;

/** The selection of one section: its row key, its fields, and `suppressed` when anything in it is controlled. */
const selectionOf = (section: FigureSection) => [
  ...(section.rows ? [section.rows.key] : []),
  ...currentFigureNames(section),
  ...(section.figures.some((f) => f.disclosure !== 'exact') ? ['suppressed'] : []),
];

type Tree = Map<string, Tree | string[]>;

function render(tree: Tree, indent: string): string {
  return [...tree]
    .map(([name, node]) =>
      Array.isArray(node)
        ? `${indent}${name} { ${node.join(' ')} }\n`
        : `${indent}${name} {\n${render(node, `${indent}  `)}${indent}}\n`,
    )
    .join('');
}

/** queries/region-stats.graphql: every declared section at its path, in the departments' order. */
export function regionStatsQuery(sections: readonly FigureSection[]): string {
  const tree: Tree = new Map();
  for (const section of sections) {
    let node = tree;
    for (const step of section.path.slice(0, -1)) {
      if (!node.has(step)) node.set(step, new Map());
      node = node.get(step) as Tree;
    }
    node.set(section.path.at(-1)!, selectionOf(section));
  }
  return `${QUERY_HEAD}${render(tree, '      ')}    }\n  }\n}\n`;
}

/** One column of the dashboard (table, CSV, and a headline card when `show` is `card`). */
export interface DashboardFigure {
  key: string;
  zh: string;
  en: string;
  unit: string;
  show: 'card' | 'table' | 'csv';
  /** where the value is in a regionStats figures row: the section's path, then the field */
  path?: string[];
  figure?: string;
  /** a row-per-value section: the row whose field it is */
  row?: { key: string; value: string };
  /** composed on the page: numerator ÷ denominator (column keys), in per cent */
  ratio?: [string, string];
}

/** queries/region-figures.json: every figure the dashboard shows, in the departments' order of declaration. */
export function dashboardFigures(sections: readonly FigureSection[]): DashboardFigure[] {
  return sections.flatMap((section): DashboardFigure[] => {
    const path = [...section.path];
    if (section.rows) {
      const { key, columns } = section.rows;
      return columns.map((c) => ({
        key: c.key,
        zh: c.zh,
        en: c.description,
        unit: section.figures.find((f) => f.name === c.figure)!.unit,
        show: c.dashboard ?? 'table',
        path,
        figure: c.figure,
        row: { key, value: c.row },
      }));
    }
    return section.figures
      .filter((f) => !f.deprecated)
      .map((f) => ({
        key: f.name,
        zh: f.zh,
        en: f.description,
        unit: f.unit,
        show: f.dashboard ?? 'table',
        ...(f.ratio ? { ratio: [...f.ratio] as [string, string] } : { path, figure: f.name }),
      }));
  });
}

/** The declared sections of every department, in the order given. */
export const sectionsOf = (departments: readonly { figures?: readonly FigureSection[] }[]) =>
  departments.flatMap((d) => d.figures ?? []);

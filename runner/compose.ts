import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { RULES_PREAMBLE, rulesTable } from '../lib/auth/rules-table';
import {
  type CollectionRow,
  collectionRulesDoc,
  collectionTable,
  mergeCollectionRules,
} from '../lib/graphql/collection-listing';
import type { DepartmentModule } from '../lib/department-module';
import { departmentInfo } from '../lib/departments';
import { PLANNER, plannerSdl } from '../lib/cohort/sdl';
import { RESIDENT_DESK, RESIDENT_DESK_SDL } from '../gateway/resident-desk/sdl';
import { unsizedLists } from '../lib/graphql/list-size';
import { printSubgraph } from '../lib/graphql/schema';
import { dashboardFigures, regionStatsQuery, sectionsOf } from './figures';

export interface Composition {
  /** printed SDL per department, as committed under schema/<department>.graphql */
  subgraphs: Record<string, string>;
  supergraph: string;
  /** docs/access-rules.md, generated from the departments' declarations */
  accessRules: string;
  /** queries/region-stats.graphql and queries/region-figures.json, from the departments' figures (runner/figures.ts) */
  regionStatsQuery: string;
  dashboardFigures: string;
  /** docs/collection-rules.md and README.md's table, from the departments' Collect declarations (lib/collection) */
  collectionRules: string;
  collectionTable: string;
}

/** Prints each department's subgraph SDL and composes the supergraph with @apollo/composition. */
export async function compose(departments: DepartmentModule[]): Promise<Composition> {
  const subgraphs: Record<string, string> = {};
  const tables: string[] = [];
  const collected: CollectionRow[] = [];
  for (const d of departments) {
    const { schema, access, collection } = await d.buildSchema();
    subgraphs[d.name] = printSubgraph(schema);
    tables.push(rulesTable(d.name, access));
    collected.push(...collection);
  }
  const collection = mergeCollectionRules(collected);
  // the cohort planner's subgraph is made from the departments' own cohort sections (lib/cohort/sdl.ts)
  subgraphs[PLANNER] = plannerSdl(subgraphs);
  subgraphs[RESIDENT_DESK] = RESIDENT_DESK_SDL;
  const result = composeServices([
    ...departments.map((d) => ({
      name: d.name,
      url: `http://127.0.0.1:${departmentInfo(d.name).port}/graphql`,
      typeDefs: parse(subgraphs[d.name]),
    })),
    { name: PLANNER, url: `http://127.0.0.1:4000/subgraphs/${PLANNER}/graphql`, typeDefs: parse(subgraphs[PLANNER]) },
    {
      name: RESIDENT_DESK,
      url: `http://127.0.0.1:4000/subgraphs/${RESIDENT_DESK}/graphql`,
      typeDefs: parse(subgraphs[RESIDENT_DESK]),
    },
  ]);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  // the gateway's record and cost limits are only as good as the sizes it knows
  const unsized = unsizedLists(result.supergraphSdl);
  if (unsized.length)
    throw new Error(
      `page these lists (first/after) or declare their typical length with ListSize(n): ${unsized.join(', ')}`,
    );
  const sections = sectionsOf(departments);
  return {
    subgraphs,
    supergraph: result.supergraphSdl,
    accessRules: `${RULES_PREAMBLE}\n${tables.join('\n\n')}\n`,
    regionStatsQuery: regionStatsQuery(sections),
    // one figure a line, so that a figure added is one line of the diff
    dashboardFigures: `[\n${dashboardFigures(sections)
      .map((f) => `  ${JSON.stringify(f)}`)
      .join(',\n')}\n]\n`,
    collectionRules: collectionRulesDoc(collection),
    collectionTable: collectionTable(collection),
  };
}

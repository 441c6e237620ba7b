import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { DepartmentModule } from '../department-module';
import { departmentInfo } from '../departments';
import { printSubgraph } from './schema';

export interface Composition {
  /** printed SDL per department, as committed under schema/<department>.graphql */
  subgraphs: Record<string, string>;
  supergraph: string;
}

/** Prints each department's subgraph SDL and composes the supergraph with @apollo/composition. */
export async function compose(departments: DepartmentModule[]): Promise<Composition> {
  const subgraphs: Record<string, string> = {};
  for (const d of departments) subgraphs[d.name] = printSubgraph((await d.buildSchema()).schema);
  const result = composeServices(
    departments.map((d) => ({ name: d.name, url: `http://127.0.0.1:${departmentInfo(d.name).port}/graphql`, typeDefs: parse(subgraphs[d.name]) })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return { subgraphs, supergraph: result.supergraphSdl };
}

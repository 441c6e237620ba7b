import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';

type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, ctx: any, info: any) => unknown }>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7",
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])`;

/** type-graphql classes → a federation subgraph schema (buildSchema, then buildSubgraphSchema). */
export async function buildSubgraph(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [type, ref] of Object.entries(referenceResolvers)) resolvers[type] = { ...resolvers[type], ...ref };
  return buildSubgraphSchema({ typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers });
}

/** The SDL a subgraph contributes to composition (what schema/<department>.graphql holds). */
export function printSubgraph(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}

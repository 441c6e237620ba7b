import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type DocumentNode, type GraphQLSchema, isObjectType, type ObjectTypeDefinitionNode, parse, visit } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { createAuditTrailResolver } from '../audit/trail';
import { type AccessContext, type AccessIndex, filterInScope, guardField, indexAccessRules } from '../auth/enforce';
import { type Department, OWNER } from '../departments';
import { PERSONAL_TAG } from './list-size';

type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, ctx: any, info: any) => unknown }>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9",
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible", "@listSize"])`;

/** @PersonalData types get @tag(name: "personal"), which composes into the supergraph, where the gateway reads it. */
function tagPersonalTypes(document: DocumentNode, personal: Set<string>): DocumentNode {
  const tag = (parse(`type T @tag(name: "${PERSONAL_TAG}")`).definitions[0] as ObjectTypeDefinitionNode).directives![0];
  return visit(document, {
    ObjectTypeDefinition: (node) => (personal.has(node.name.value) ? { ...node, directives: [...(node.directives ?? []), tag] } : undefined),
  });
}

export interface Subgraph {
  schema: GraphQLSchema;
  /** the department's @Shared and @PersonalData declarations (for the rules table) */
  access: AccessIndex;
}

/**
 * type-graphql classes → a federation subgraph schema (buildSchema, then buildSubgraphSchema), with the
 * department's access rules enforced on every field that has one and every entity reference, and its audit trail query.
 */
export async function buildSubgraph(
  department: Department,
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'resolvers'> & { resolvers: NonEmptyArray<Function> },
  referenceResolvers: ReferenceResolvers = {},
): Promise<Subgraph> {
  const owner = OWNER[department];
  const schema = await buildSchema({
    ...options,
    resolvers: [...options.resolvers, createAuditTrailResolver(department, owner)] as NonEmptyArray<Function>,
    skipCheck: true,
    validate: false,
  });
  const index = indexAccessRules(schema, owner);

  const resolvers = createResolversMap(schema) as Record<string, any>;
  // every field that has something to check gets the check around its resolver (lib/auth/enforce.ts)
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const guarded = guardField(index, schema, type, field);
      if (guarded) resolvers[type.name] = { ...resolvers[type.name], [field.name]: guarded };
    }
  }
  for (const [type, ref] of Object.entries(referenceResolvers)) {
    resolvers[type] = {
      ...resolvers[type],
      // entity references are checked against the caller's scope like any other way into a personal record
      __resolveReference: async (representation: any, ctx: AccessContext, info: any) =>
        filterInScope(index, type, await ref.__resolveReference(representation, ctx, info), ctx),
    };
  }
  const typeDefs = tagPersonalTypes(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), new Set(index.personal.keys()));
  return { schema: buildSubgraphSchema({ typeDefs, resolvers }), access: index };
}

/** The SDL a subgraph contributes to composition (what schema/<department>.graphql holds). */
export function printSubgraph(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}

import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  type DocumentNode,
  getNamedType,
  type GraphQLSchema,
  isObjectType,
  isUnionType,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  visit,
} from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { createAuditTrailResolver } from './audit-trail';
import { createAccessEntriesResolver } from './access-entries';
import type { AccessVocabulary } from '../audit/vocabulary';
import { residentRootGate } from '../auth/resident';
import { type AccessContext, type AccessIndex, filterInScope, guardField, indexAccessRules } from '../auth/enforce';
import { type Department, OWNER } from '../departments';
import { badInput, isId } from '../errors';
import { DateTimeISO } from './scalars';
import { PERSONAL_TAG } from './list-size';
import { type CollectionRow, collectionRules } from './collection-listing';

type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, ctx: any, info: any) => unknown }>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9",
  import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible", "@listSize"])`;

/** @PersonalData types get @tag(name: "personal"), which composes into the supergraph, where the gateway reads it. */
function tagPersonalTypes(document: DocumentNode, personal: Set<string>): DocumentNode {
  const tag = (parse(`type T @tag(name: "${PERSONAL_TAG}")`).definitions[0] as ObjectTypeDefinitionNode).directives![0];
  return visit(document, {
    ObjectTypeDefinition: (node) =>
      personal.has(node.name.value) ? { ...node, directives: [...(node.directives ?? []), tag] } : undefined,
  });
}

export interface Subgraph {
  schema: GraphQLSchema;
  /** the department's @Shared and @PersonalData declarations (for the rules table) */
  access: AccessIndex;
  /** the department's Collect declarations (for the collection rules table, lib/graphql/collection-listing.ts) */
  collection: CollectionRow[];
}

/**
 * type-graphql classes → a federation subgraph schema (buildSchema, then buildSubgraphSchema), with the
 * department's access rules enforced on every field that has one and every entity reference, its audit trail query and
 * its access entries (the resident's access report's part).
 */
export async function buildSubgraph(
  department: Department,
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'resolvers'> & {
    resolvers: NonEmptyArray<Function>;
    /** how the department's audit rows are told to the resident they are about (its access entries) */
    accessWords: AccessVocabulary;
  },
  referenceResolvers: ReferenceResolvers = {},
): Promise<Subgraph> {
  const owner = OWNER[department];
  const { accessWords, ...schemaOptions } = options;
  const schema = await buildSchema({
    ...schemaOptions,
    // timestamps in answers carry the district's offset
    scalarsMap: [{ type: Date, scalar: DateTimeISO }, ...(options.scalarsMap ?? [])],
    resolvers: [
      ...options.resolvers,
      createAuditTrailResolver(department, owner),
      createAccessEntriesResolver(department, owner, accessWords),
    ] as NonEmptyArray<Function>,
    skipCheck: true,
    validate: false,
  });
  const index = indexAccessRules(schema, owner);

  const resolvers = createResolversMap(schema) as Record<string, any>;
  // every field that has something to check gets the check around its resolver (lib/auth/enforce.ts)
  const roots = [schema.getQueryType(), schema.getMutationType()];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      let guarded = guardField(index, schema, type, field);
      // a resident reaches only their own records: every other root field answers them like a missing record
      if (roots.includes(type))
        guarded =
          residentRootGate(field, guarded ?? field.resolve ?? defaultFieldResolver, type === roots[1]) ?? guarded;
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
  const typeDefs = tagPersonalTypes(
    parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    new Set(index.personal.keys()),
  );
  return {
    schema: refuseUnsentExternalFields(checkEntityRepresentations(buildSubgraphSchema({ typeDefs, resolvers }))),
    access: index,
    collection: collectionRules(department, schema),
  };
}

/** The id-typed fields of each entity's keys (`@key(fields: "id")`, `@key(fields: "regionId asOf")` → regionId). */
function idKeyFields(schema: GraphQLSchema, typeName: string): string[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return [];
  const keys = [
    ...(type.astNode?.directives ?? []),
    ...(type.extensionASTNodes ?? []).flatMap((n) => n.directives ?? []),
  ]
    .filter((d) => d.name.value === 'key')
    .flatMap(
      (d) =>
        d.arguments
          ?.filter((a) => a.name.value === 'fields')
          .map((a) => (a.value.kind === Kind.STRING ? a.value.value : '')) ?? [],
    );
  const fields = type.getFields();
  const names = new Set(keys.flatMap((k) => k.replace(/\{[^}]*\}/g, ' ').split(/\s+/)).filter(Boolean));
  return [...names].filter((name) => fields[name] && getNamedType(fields[name].type).name === 'ID');
}

/**
 * `_entities` refuses representations that are not of an entity this subgraph resolves, or whose key holds an id the
 * hub did not issue, as BAD_USER_INPUT before any of them is resolved: a malformed key never reaches a loader or the
 * database. (Only the gateway can send a representation, but a subgraph trusts no value in a request.)
 */
export function checkEntityRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const entity = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(entity)) return schema;
  const idFields = new Map(entity.getTypes().map((t) => [t.name, idKeyFields(schema, t.name)]));
  const resolve = field.resolve;
  field.resolve = (source, args, context, info) => {
    const representations: unknown[] = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach((representation, i) => {
      const value = (representation ?? {}) as Record<string, unknown>;
      const ids = typeof value.__typename === 'string' ? idFields.get(value.__typename) : undefined;
      if (!ids)
        throw badInput(
          `representations[${i}] is not of an entity this subgraph resolves (${[...idFields.keys()].join(', ')})`,
          'representations',
        );
      for (const name of ids)
        if (!isId(value[name]))
          throw badInput(`representations[${i}].${name} must be an id issued by the hub (a UUID)`, 'representations');
    });
    return resolve(source, args, context, info);
  };
  return schema;
}

/**
 * A field marked `@external` is another department's: its value comes only in the representation the gateway sends
 * (for a `@requires`). Asked straight at this subgraph without one, it is the client's mistake, answered as such,
 * not a null in a non-null field (an internal error).
 */
export function refuseUnsentExternalFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.astNode?.directives?.some((d) => d.name.value === 'external')) continue;
      const resolve = field.resolve;
      field.resolve = (source, args, context, info) => {
        const value = resolve
          ? resolve(source, args, context, info)
          : (source as Record<string, unknown> | null)?.[field.name];
        if (value === undefined)
          throw badInput(
            `${type.name}.${field.name} is another department's field: ask for it through the gateway`,
            field.name,
          );
        return value;
      };
    }
  }
  return schema;
}

/** The SDL a subgraph contributes to composition (what schema/<department>.graphql holds). */
export function printSubgraph(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}

import type { ApolloServerPlugin } from '@apollo/server';
import {
  type ArgumentNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../lib/config/page-size';
import { isConnectionType, type SizeDeclarations } from '../lib/graphql/list-size';
import type { OperationLimits } from './limits';

/** The schema the gateway serves and the sizes its supergraph declares; both change together. */
export interface CostModel {
  schema: GraphQLSchema;
  sizes: SizeDeclarations;
}

/** The one argument the estimates read: a page's size. */
const PAGE_SIZE = 'first';

const BAD_INPUT = { code: 'BAD_USER_INPUT' };
const clientError = (message: string, extensions: Record<string, unknown>) =>
  new GraphQLError(message, { extensions: { ...extensions, http: { status: 400 } } });

/**
 * How many items a field may answer with: a page its `first` (default DEFAULT_PAGE_SIZE; refused above the maximum
 * page size); a plain list its declared @listSize; inside a page, the page itself (already counted); else one.
 */
function itemsOf(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  sizes: SizeDeclarations,
  limits: OperationLimits,
): number {
  if (isConnectionType(getNamedType(field.type).name)) {
    const first = typeof args[PAGE_SIZE] === 'number' ? args[PAGE_SIZE] : DEFAULT_PAGE_SIZE;
    if (first > limits.maxPageSize)
      throw clientError(`first must be at most ${limits.maxPageSize}; got ${first}`, {
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    return Math.max(first, 1);
  }
  // introspection (development only) answers the schema, whose size the hub knows: its lists are not multiplied
  if (!isListType(getNullableType(field.type)) || isConnectionType(parent.name) || parent.name.startsWith('__'))
    return 1;
  // composition refuses undeclared lists of objects; any other is taken as a full page
  return sizes.listSizes.get(`${parent.name}.${field.name}`) ?? limits.maxPageSize;
}

/** Cost: every field 1, times the items of the lists around it. */
const costEstimator =
  (model: CostModel, limits: OperationLimits): ComplexityEstimator =>
  ({ type, field, args, childComplexity }) =>
    1 + childComplexity * itemsOf(type, field, args, model.sizes, limits);

/** Personal records: every object of a personal type, times the items of the lists around it. */
const recordEstimator =
  (model: CostModel, limits: OperationLimits): ComplexityEstimator =>
  ({ type, field, args, childComplexity }) =>
    itemsOf(type, field, args, model.sizes, limits) *
    ((model.sizes.personalTypes.has(getNamedType(field.type).name) ? 1 : 0) + childComplexity);

function estimate(
  model: CostModel,
  estimator: ComplexityEstimator,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  try {
    return getComplexity({
      schema: model.schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [estimator],
    });
  } catch (error) {
    // variables that do not fit their types (an unknown enum value…) are the client's to fix
    if (error instanceof GraphQLError && !error.extensions.code) throw clientError(error.message, BAD_INPUT);
    throw error;
  }
}

/** distinct values whose estimates are kept for one document: a client sending ever new ones costs a clear now and then */
const KEPT_PER_DOCUMENT = 1000;

/**
 * The variables a document's estimates can depend on: those given as a page size, or to a directive (`@include`,
 * `@skip` leave fields out). Any other (a resident's id, a filter) changes what is answered, not how much.
 */
function variablesEstimatesRead(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (args: readonly ArgumentNode[] = [], only?: string) => {
    for (const arg of args)
      if (!only || arg.name.value === only) visit(arg.value, { Variable: (node) => void names.add(node.name.value) });
  };
  visit(document, {
    Field: (node) => collect(node.arguments, PAGE_SIZE),
    Directive: (node) => collect(node.arguments),
  });
  return [...names];
}

/**
 * Refuses, before any department is asked, an operation whose answer could hold more personal records than the
 * limit (TOO_MANY_PERSONAL_RECORDS) or whose estimated cost is over the limit (OPERATION_TOO_COSTLY).
 * Both estimates depend only on the schema, the document, the operation and the variables it reads as page sizes or
 * directives' arguments, so they are worked out once for each: Apollo Server keeps one parsed document per query text,
 * and clients send the same few again and again with other ids (two walks of the document were about 5% of the
 * gateway's CPU per Resident 360).
 */
export function costLimitPlugin(model: () => CostModel, limits: OperationLimits): ApolloServerPlugin {
  type Estimates = { records: number; cost: number };
  const known = new WeakMap<CostModel, WeakMap<DocumentNode, { reads: string[]; byValues: Map<string, Estimates> }>>();
  const estimates = (
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
  ): Estimates => {
    const current = model();
    // the values the estimates would read (defaults applied); variables that do not fit their types are the client's to
    // fix, refused as getComplexity refuses them
    const coerced = getVariableValues(current.schema, operation?.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors?.length) throw clientError(coerced.errors[coerced.errors.length - 1].message, BAD_INPUT);
    let byDocument = known.get(current);
    if (!byDocument) known.set(current, (byDocument = new WeakMap()));
    let kept = byDocument.get(document);
    if (!kept) byDocument.set(document, (kept = { reads: variablesEstimatesRead(document), byValues: new Map() }));
    const key = JSON.stringify([operationName ?? null, kept.reads.map((name) => coerced.coerced?.[name] ?? null)]);
    let found = kept.byValues.get(key);
    if (!found) {
      found = {
        records: estimate(current, recordEstimator(current, limits), document, operationName, variables),
        cost: estimate(current, costEstimator(current, limits), document, operationName, variables),
      };
      if (kept.byValues.size >= KEPT_PER_DOCUMENT) kept.byValues.clear();
      kept.byValues.set(key, found);
    }
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const { records, cost } = estimates(document, operation, request.operationName, request.variables);
          if (records > limits.maxPersonalRecords) {
            throw clientError(
              `the answer could hold about ${records} personal records (residents, households, cases…), over the limit of ${limits.maxPersonalRecords}: ` +
                'ask for fewer items per page (first) or fewer nested lists, and page through the rest with after',
              {
                code: 'TOO_MANY_PERSONAL_RECORDS',
                personalRecords: records,
                maxPersonalRecords: limits.maxPersonalRecords,
              },
            );
          }
          if (cost > limits.maxCost) {
            throw clientError(
              `the operation's estimated cost ${cost} is over the limit of ${limits.maxCost}: ask for fewer items per page or fewer nested lists`,
              {
                code: 'OPERATION_TOO_COSTLY',
                cost,
                maxCost: limits.maxCost,
              },
            );
          }
        },
      };
    },
  };
}

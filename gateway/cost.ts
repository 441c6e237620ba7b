import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
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
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
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
    if (error instanceof GraphQLError && !error.extensions.code)
      throw clientError(error.message, { code: 'BAD_USER_INPUT' });
    throw error;
  }
}

/**
 * Refuses, before any department is asked, an operation whose answer could hold more personal records than the
 * limit (TOO_MANY_PERSONAL_RECORDS) or whose estimated cost is over the limit (OPERATION_TOO_COSTLY).
 */
export function costLimitPlugin(model: () => CostModel, limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const records = estimate(
            model(),
            recordEstimator(model(), limits),
            document,
            request.operationName,
            request.variables,
          );
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
          const cost = estimate(
            model(),
            costEstimator(model(), limits),
            document,
            request.operationName,
            request.variables,
          );
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

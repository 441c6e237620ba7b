import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type DocumentNode, GraphQLError, type GraphQLSchema, getNamedType, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import { type ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from '../lib/graphql/page-size';

/** Operation limits, each configurable; defaults fit the four queries that matter with room to spare. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxPageSize: number;
  /** assumed length of a list field that has no `first` argument (buildings of a region, members of a household) */
  assumedListSize: number;
  /** lexical tokens in one document */
  maxTokens: number;
  maxBodyBytes: number;
  /** per subgraph fetch */
  subgraphTimeoutMs: number;
  /** whole HTTP request */
  requestTimeoutMs: number;
}

export function operationLimits(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const n = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    maxDepth: n('HUB_MAX_DEPTH', 12),
    maxAliases: n('HUB_MAX_ALIASES', 30),
    maxCost: n('HUB_MAX_COST', 50_000),
    maxPageSize: n('HUB_MAX_PAGE_SIZE', MAX_PAGE_SIZE),
    assumedListSize: n('HUB_ASSUMED_LIST_SIZE', 10),
    maxTokens: n('HUB_MAX_TOKENS', 20_000),
    maxBodyBytes: n('HUB_MAX_BODY_BYTES', 100 * 1024),
    subgraphTimeoutMs: n('HUB_SUBGRAPH_TIMEOUT_MS', 10_000),
    requestTimeoutMs: n('HUB_REQUEST_TIMEOUT_MS', 30_000),
  };
}

/** Depth, aliases and the rest of graphql-armor's protections, as Apollo Server options. */
export function armor(limits: OperationLimits, development: boolean) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: 50 },
    // graphql-js' own parser limit (parseOptions.maxTokens) refuses long documents with a 400 instead
    maxTokens: { enabled: false },
    // field suggestions ("did you mean …") describe the schema: development only
    blockFieldSuggestion: { enabled: !development },
    // cost is weighted by page size below, which graphql-armor's cost limit does not do
    costLimit: { enabled: false },
  }).protect();
}

const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/**
 * Cost of a field = its children's cost × how many items it may return: `first` (refused above the maximum page
 * size), or the assumed list size for plain lists; 1 for a single object or scalar.
 */
function pageSizeEstimator(limits: OperationLimits): ComplexityEstimator {
  return ({ args, field, childComplexity }) => {
    if (typeof args.first === 'number') {
      if (args.first > limits.maxPageSize) {
        throw new GraphQLError(`first must be at most ${limits.maxPageSize}; got ${args.first}`, { extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } } });
      }
      return 1 + childComplexity * Math.max(args.first, 1);
    }
    const named = getNamedType(field.type);
    const connection = named.name.endsWith('Connection');
    return 1 + childComplexity * (isList(field.type) || connection ? limits.assumedListSize : 1);
  };
}

function estimateCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined, limits: OperationLimits): number {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [pageSizeEstimator(limits), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // variables that do not fit their types (an unknown enum value…) are the client's to fix
    if (error instanceof GraphQLError && !error.extensions.code) {
      throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
    }
    throw error;
  }
}

/** Refuses operations whose estimated cost is over the limit, before any subgraph is asked. */
export function costLimitPlugin(schema: () => GraphQLSchema, limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = estimateCost(schema(), document, request.operationName, request.variables, limits);
          if (cost > limits.maxCost) {
            throw new GraphQLError(`the operation's estimated cost ${cost} is over the limit of ${limits.maxCost}: ask for fewer items per page or fewer nested lists`, {
              extensions: { code: 'OPERATION_TOO_COSTLY', cost, maxCost: limits.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import { settings } from '../lib/config/settings';

/** Operation limits, each configurable; defaults fit the four queries that matter with room to spare. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxPageSize: number;
  /** residents, households, cases… one answer may hold, as estimated from page sizes and declared list sizes */
  maxPersonalRecords: number;
  /** lexical tokens in one document */
  maxTokens: number;
  maxBodyBytes: number;
  /** per subgraph fetch */
  subgraphTimeoutMs: number;
  /** whole HTTP request */
  requestTimeoutMs: number;
}

export function operationLimits(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const s = settings(env);
  return {
    maxDepth: s.HUB_MAX_DEPTH,
    maxAliases: s.HUB_MAX_ALIASES,
    maxCost: s.HUB_MAX_COST,
    maxPageSize: s.HUB_MAX_PAGE_SIZE,
    maxPersonalRecords: s.HUB_MAX_PERSONAL_RECORDS,
    maxTokens: s.HUB_MAX_TOKENS,
    maxBodyBytes: s.HUB_MAX_BODY_BYTES,
    subgraphTimeoutMs: s.HUB_SUBGRAPH_TIMEOUT_MS,
    requestTimeoutMs: s.HUB_REQUEST_TIMEOUT_MS,
  };
}

/** Depth, aliases and the rest of graphql-armor's protections, as Apollo Server options. */
export function armor(limits: OperationLimits) {
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: 50 },
    // graphql-js' own parser limit (parseOptions.maxTokens) refuses long documents with a 400 instead
    maxTokens: { enabled: false },
    // it hides only field suggestions; withoutSuggestions below hides every kind
    blockFieldSuggestion: { enabled: false },
    // cost is weighted by page and list sizes in ./cost.ts, which graphql-armor's cost limit does not do
    costLimit: { enabled: false },
  }).protect();
}

/**
 * graphql-js suggests field, argument, type and enum value names ("Did you mean the enum value "FEMALE"?"): each
 * describes the schema, which production does not disclose. Wraps a `formatError` to drop them from every message.
 */
export function withoutSuggestions(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return { ...result, message: result.message.replace(/ ?Did you mean [^?]*\?/g, '') };
  };
}

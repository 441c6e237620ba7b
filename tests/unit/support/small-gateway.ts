import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { buildSchema, GraphQLError, type GraphQLFormattedError } from 'graphql';
import { fieldNameAliasRule } from '../../../gateway/aliases';
import type { GatewayContext } from '../../../gateway/context';
import { type CostModel, costLimitPlugin } from '../../../gateway/cost';
import { armor, type OperationLimits, withoutSuggestions } from '../../../gateway/limits';
import { readSizeDeclarations } from '../../../lib/graphql/list-size';
import { formatError, overloaded } from '../../../lib/errors';
import { httpStatusPlugin } from '../../../lib/server/http-status';
import { GRAPHQL_RESPONSE_JSON } from '../../support/hub';

/**
 * A schema of the gateway's shape in a few types: pages (`…Connection`), plain lists with a declared @listSize, and
 * personal types tagged as the departments tag them. Its sizes are read from its own SDL, as the gateway reads the
 * supergraph's.
 */
export const SMALL_SDL = `
  directive @listSize(assumedSize: Int) on FIELD_DEFINITION
  directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION
  enum Sex { MALE FEMALE }
  type Query {
    residents(first: Int, after: String, sex: Sex): ResidentConnection!
    region(id: ID!): Region
    resident(id: ID!): Resident
    serviceProgress(code: String!): String
    gridContactCard(grid: ID!): String
    failing: String
    refused: String
    busy: String
  }
  type ResidentConnection { totalCount: Int! nodes: [Resident!]! }
  type Resident @tag(name: "personal") { id: ID! name: String! age: Int household: Household }
  type Household @tag(name: "personal") { id: ID! room: String members: [Resident!]! @listSize(assumedSize: 8) }
  type Region {
    id: ID!
    name: String!
    parent: Region
    children: [Region!]! @listSize(assumedSize: 10)
    staff: [Staff!]! @listSize(assumedSize: 5)
    residents(first: Int): ResidentConnection!
  }
  type Staff { name: String! regions: [Region!]! @listSize(assumedSize: 3) }
`;

/** Small limits, so that the arithmetic of each refusal can be written out in the test. */
export const SMALL_LIMITS: OperationLimits = {
  maxDepth: 6,
  maxAliases: 5,
  maxCost: 2000,
  maxPageSize: 100,
  maxPersonalRecords: 500,
  maxTokens: 200,
  maxBodyBytes: 102400,
  subgraphTimeoutMs: 10000,
  requestTimeoutMs: 30000,
};

const resident = { id: 'r1', name: '张三', age: 40, household: { id: 'h1', room: '101', members: [] } };
const region = {
  id: 'g1',
  name: '一网格',
  parent: null,
  children: [],
  staff: [],
  residents: { totalCount: 0, nodes: [] },
};

const rootValue = {
  residents: ({ first }: { first?: number }) => ({ totalCount: 1, nodes: [resident].slice(0, first ?? 20) }),
  region: () => region,
  resident: () => resident,
  serviceProgress: () => '受理中',
  gridContactCard: () => '网格长 李四',
  failing: () => {
    throw new Error('connection to 10.0.0.7:5432 refused at Socket.connect (node:net:1)');
  },
  refused: () => {
    throw new GraphQLError('you may not', { extensions: { code: 'FORBIDDEN' } });
  },
  busy: () => {
    throw overloaded('population');
  },
};

/**
 * An Apollo Server configured as gateway/server.ts configures the gateway's (error format, parse limit, validation
 * rules and the plugins that refuse an operation before any department is asked), on the small schema.
 */
export function smallGateway(
  options: { limits?: OperationLimits; development?: boolean; plugins?: ApolloServerPlugin<GatewayContext>[] } = {},
): ApolloServer<GatewayContext> {
  const limits = options.limits ?? SMALL_LIMITS;
  const schema = buildSchema(SMALL_SDL);
  const model: CostModel = { schema, sizes: readSizeDeclarations(SMALL_SDL) };
  const protection = armor(limits);
  return new ApolloServer<GatewayContext>({
    schema,
    rootValue,
    formatError: options.development ? formatError : withoutSuggestions(formatError),
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [...protection.validationRules, fieldNameAliasRule],
    plugins: [
      httpStatusPlugin({ overloadIs503: true }),
      ...protection.plugins,
      costLimitPlugin(() => model, limits),
      ...(options.plugins ?? []),
    ],
  });
}

export interface Answer {
  status: number;
  /** the Retry-After header, when the answer has one */
  retryAfter?: string;
  data?: unknown;
  errors?: readonly GraphQLFormattedError[];
}

/**
 * Runs one operation through the whole request pipeline (no HTTP server) as a client that accepts
 * application/graphql-response+json, and returns its HTTP status and body.
 */
export async function execute(
  server: ApolloServer<GatewayContext>,
  query: string,
  variables: Record<string, unknown> = {},
  context: Partial<GatewayContext> = {},
): Promise<Answer> {
  const headers = new HeaderMap([['accept', GRAPHQL_RESPONSE_JSON]]);
  const response = await server.executeOperation(
    { query, variables, http: { method: 'POST', headers, search: '', body: {} } },
    { contextValue: { requestId: 'test', identity: null, ...context } },
  );
  if (response.body.kind !== 'single') throw new Error('an incremental answer was not expected');
  const { data, errors } = response.body.singleResult;
  const retryAfter = response.http.headers.get('retry-after');
  return {
    status: response.http.status ?? 200,
    ...(retryAfter ? { retryAfter } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(errors ? { errors } : {}),
  };
}

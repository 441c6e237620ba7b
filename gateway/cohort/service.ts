import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isResident } from '../../lib/auth/resident';
import express, { type Router } from 'express';
import { GraphQLError, Kind, parse, type InputObjectTypeDefinitionNode } from 'graphql';
import {
  type ForwardedIdentity,
  ForwardedIdentityVerifier,
  IDENTITY_HEADER,
  type IdentityForwarder,
} from '../../lib/auth/forwarded';
import type { ReplayStore } from '../../lib/auth/replay-store';
import { forbidden } from '../../lib/auth/identity';
import { decodeKeys, encodeKeys } from '../../lib/cohort/keys';
import {
  departmentOfSection,
  HOUSEHOLDS_OF,
  matchFieldName,
  PLACE_SECTIONS,
  PLANNER,
  sectionName,
} from '../../lib/cohort/names';
import { subgraphUrl } from '../../lib/config/settings';
import { DEPARTMENTS } from '../../lib/departments';
import { departmentUnavailable, ErrorCode, formatError } from '../../lib/errors';
import type { DepartmentBreakers } from '../breaker';
import { DepartmentUnreachable, networkReason } from '../department-down';
import { readPage, toConnection } from '../../lib/graphql/paging';
import { cellKeyOf, recordKeySecret } from '../../lib/stats/cell-key';
import { isAnalytics, shownCount } from '../../lib/stats/disclosure';
import { checkEntityRepresentations } from '../../lib/graphql/schema';
import { bodyErrors, jsonBody, rawBodyOf } from '../../lib/server/body';
import { httpStatusPlugin } from '../../lib/server/http-status';
import { allSections, type Ask, evaluate, type Filter, type Keys, refuseEmptyAnyOf } from './plan';

/** The largest body the planner reads (only the gateway sends it anything). */
const PLANNER_MAX_BODY_BYTES = 1024 * 1024;

/** How one cohort was answered: which department was asked what, in order, and how many key bytes moved. */
export interface PlanStep {
  department: string;
  estimateOnly: boolean;
  keysSent: number;
  keysReceived: number;
  keyBytes: number;
}

interface PlannerContext {
  identity: ForwardedIdentity;
  plan: PlanStep[];
  /** each department is asked through the gateway's breaker for it (gateway/breaker.ts) */
  breakers: DepartmentBreakers;
}

export const plannerSdlPath = () => resolve(__dirname, '..', '..', '..', 'schema', `${PLANNER}.graphql`);

/** The section input type each department declares (read off the planner's committed SDL). */
function sectionTypes(sdl: string): Map<string, string> {
  const filter = parse(sdl).definitions.find(
    (d): d is InputObjectTypeDefinitionNode =>
      d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === 'CohortFilter',
  );
  const types = new Map<string, string>();
  for (const field of filter?.fields ?? [])
    if (field.type.kind === Kind.NAMED_TYPE && departmentOfSection(field.name.value, DEPARTMENTS))
      types.set(field.name.value, field.type.name.value);
  return types;
}

/**
 * Sends one internal operation to a department, as the caller, with an identity signed for that department and body.
 * A cohort without one of its departments would be wrong: a department that is down fails the whole search, naming it.
 */
async function askDepartment<T>(
  forwarder: IdentityForwarder,
  ctx: PlannerContext,
  department: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const unavailable = (reason: string) =>
    new GraphQLError(
      `the cohort search needs ${department}, which is unavailable (${reason}); ask again without its conditions or later`,
      { extensions: departmentUnavailable(department, reason).extensions },
    );
  const body = JSON.stringify({ query, variables });
  const headers = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: await forwarder.header(ctx.identity, { recipient: department, body }),
  };
  // an outage is a DepartmentUnreachable inside the breaker, so that it counts there
  const send = () =>
    fetch(subgraphUrl(department as never), {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(30_000),
    }).catch((error: unknown) => {
      const reason =
        networkReason(error) ?? ((error as Error)?.name === 'TimeoutError' ? 'no answer within 30000 ms' : undefined);
      throw reason ? new DepartmentUnreachable(reason) : error;
    });
  const res = await ctx.breakers.send(department, send).catch((error: unknown) => {
    throw error instanceof DepartmentUnreachable ? unavailable(error.reason) : error;
  });
  if (!res.headers.get('content-type')?.includes('json') && res.status >= 502 && res.status <= 504)
    throw unavailable(`its server answered ${res.status}`);
  const answer = (await res.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
  };
  const error = answer.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    if (code === ErrorCode.DEPARTMENT_UNAVAILABLE) throw unavailable(error.extensions?.reason ?? 'unknown');
    if (code === ErrorCode.FORBIDDEN) throw forbidden(error.message);
    if (code === ErrorCode.BAD_USER_INPUT) throw new GraphQLError(error.message, { extensions: { code } });
    throw new Error(`${department} could not answer its part of the cohort: ${error.message}`);
  }
  return answer.data!;
}

/** Asks one department's internal match operation for its section of the cohort. */
function asker(forwarder: IdentityForwarder, types: Map<string, string>, ctx: PlannerContext): Ask {
  return async (section, where, options) => {
    const department = departmentOfSection(section, DEPARTMENTS)!;
    const field = matchFieldName(section);
    const packed = (keys: Keys | null | undefined) => (keys ? encodeKeys(keys) : null);
    const candidates = packed(options.candidates);
    const buildings = packed(options.buildings);
    const households = packed(options.households);
    const data = await askDepartment<Record<string, { estimate: number; keys: string | null }>>(
      forwarder,
      ctx,
      department,
      `query CohortMatch($where: ${types.get(section)}!, $candidates: String, $buildings: String, $households: String, $estimateOnly: Boolean) {
        ${field}(where: $where, candidates: $candidates, buildings: $buildings, households: $households, estimateOnly: $estimateOnly) { estimate keys } }`,
      { where, candidates, buildings, households, estimateOnly: !!options.estimateOnly },
    );
    const match = data[field];
    const keys = match.keys ? decodeKeys(match.keys) : [];
    ctx.plan.push({
      department,
      estimateOnly: !!options.estimateOnly,
      keysSent: (options.candidates?.size ?? 0) + (options.buildings?.size ?? 0) + (options.households?.size ?? 0),
      keysReceived: keys.length,
      keyBytes:
        (candidates?.length ?? 0) + (buildings?.length ?? 0) + (households?.length ?? 0) + (match.keys?.length ?? 0),
    });
    return { estimate: match.estimate, keys };
  };
}

/** The cohort's residents grouped by household, households in key order, by population (the one that knows who lives where). */
async function householdsOf(
  forwarder: IdentityForwarder,
  ctx: PlannerContext,
  residents: Keys,
): Promise<Map<string, string[]>> {
  const sent = encodeKeys(residents);
  const data = await askDepartment<Record<string, { residents: string; households: string }>>(
    forwarder,
    ctx,
    'population',
    `query CohortHouseholds($residents: String!) { ${HOUSEHOLDS_OF}(residents: $residents) { residents households } }`,
    { residents: sent },
  );
  const answer = data[HOUSEHOLDS_OF];
  const [members, households] = [decodeKeys(answer.residents), decodeKeys(answer.households)];
  ctx.plan.push({
    department: 'population',
    estimateOnly: false,
    keysSent: residents.size,
    keysReceived: members.length,
    keyBytes: sent.length + answer.residents.length + answer.households.length,
  });
  const groups = new Map<string, string[]>();
  households.forEach((household, i) => {
    const group = groups.get(household);
    if (group) group.push(members[i]);
    else groups.set(household, [members[i]]);
  });
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One page of keys in sorted order, after the cursor's key. */
function pageOf<T extends { id: string }>(sorted: T[], args: { first?: number; after?: string }, totalCount: number) {
  const page = readPage(args);
  const start = page.afterKey ? sorted.findIndex((row) => row.id > page.afterKey!) : 0;
  return toConnection(start < 0 ? [] : sorted.slice(start, start + page.limit + 1), page, totalCount);
}

/** A cohort as an analytics identity sees it: no residents, the total only. */
const countOnly = (totalCount: number) => ({
  edges: [],
  nodes: [],
  pageInfo: { hasNextPage: false, endCursor: null },
  totalCount,
});

/**
 * A resident's cohort: each department asked refuses them and audits it (lib/auth/resident.ts); the answer is the empty
 * page a cohort nobody matches gets.
 */
const refusedToResident = (asked: Promise<unknown>) =>
  asked.then(
    () => countOnly(0),
    () => countOnly(0),
  );

const ROLES = { places: PLACE_SECTIONS, residents: sectionName('population') };

interface CohortArgs {
  where: Filter;
  first?: number;
  after?: string;
}

/** The keys of the residents a filter finds: every section checked (and estimated) before any key is sought. */
async function residentsOf(where: Filter, ask: Ask): Promise<Keys> {
  refuseEmptyAnyOf(where);
  // filtering on a field is reading it
  await Promise.all(allSections(where).map(([name, { not: _not, ...w }]) => ask(name, w, { estimateOnly: true })));
  return evaluate(where, null, ask, ROLES);
}

/**
 * The cohort planner, served as a subgraph of its own (`cohort`) from the gateway's process: the hub operator's
 * component, reached through the graph, and the one place besides the gateway that may sign a department's identity
 * (it asks each department as the caller). It reads no database.
 */
export async function cohortPlanner(
  forwarder: IdentityForwarder,
  verifyingKey: ConstructorParameters<typeof ForwardedIdentityVerifier>[0],
  replays: ReplayStore,
  breakers: DepartmentBreakers,
): Promise<{ router: Router; stop(): Promise<void> }> {
  const sdl = readFileSync(plannerSdlPath(), 'utf8');
  const types = sectionTypes(sdl);
  const resolvers = {
    Query: {
      async cohort(_root: unknown, args: CohortArgs, ctx: PlannerContext) {
        readPage(args);
        if (isResident(ctx.identity)) return refusedToResident(residentsOf(args.where, asker(forwarder, types, ctx)));
        const keys = await residentsOf(args.where, asker(forwarder, types, ctx));
        // the statistics office gets the count alone, through the disclosure control (the same cell, the same figure)
        if (isAnalytics(ctx.identity))
          return countOnly(shownCount(ctx.identity, keys.size, cellKeyOf(recordKeySecret(), keys)));
        const sorted = [...keys].sort().map((id) => ({ id }));
        return pageOf(sorted, args, sorted.length);
      },
      async cohortHouseholds(_root: unknown, args: CohortArgs, ctx: PlannerContext) {
        readPage(args);
        if (isResident(ctx.identity)) return refusedToResident(residentsOf(args.where, asker(forwarder, types, ctx)));
        const keys = await residentsOf(args.where, asker(forwarder, types, ctx));
        const groups = keys.size ? await householdsOf(forwarder, ctx, keys) : new Map<string, string[]>();
        if (isAnalytics(ctx.identity))
          return countOnly(shownCount(ctx.identity, groups.size, cellKeyOf(recordKeySecret(), groups.keys())));
        const rows = [...groups].map(([id, members]) => ({
          id,
          household: { id },
          members: members.map((m) => ({ id: m })),
        }));
        return pageOf(rows, args, rows.length);
      },
    },
  };
  const apollo = new ApolloServer<PlannerContext>({
    // the process's onShutdown (lib/server/shutdown.ts) alone answers SIGINT/SIGTERM: Apollo's own handler would stop
    // first, and @apollo/server 5.5.1 never resolves a second stop() waiting for that one (each process then waited for
    // its forced exit)
    stopOnTerminationSignals: false,
    schema: checkEntityRepresentations(buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never })),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // no Apollo Studio here: federated traces would only add bytes to every answer
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      httpStatusPlugin({ overloadIs503: true }),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind === 'single')
                response.body.singleResult.extensions = {
                  ...response.body.singleResult.extensions,
                  plan: contextValue.plan,
                };
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const identities = new ForwardedIdentityVerifier(verifyingKey, PLANNER, forwarder.bindingKey(PLANNER), replays);
  const router = express.Router();
  router.use(
    '/graphql',
    jsonBody(PLANNER_MAX_BODY_BYTES, { keepRaw: true }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        identity: await identities.verify(req.header(IDENTITY_HEADER), rawBodyOf(req)),
        plan: [],
        breakers,
      }),
    }),
    bodyErrors(PLANNER_MAX_BODY_BYTES),
  );
  return { router, stop: () => apollo.stop() };
}

import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isResident } from '../../lib/auth/resident';
import { type Router } from 'express';
import { GraphQLError, Kind, parse, type InputObjectTypeDefinitionNode } from 'graphql';
import { type ForwardedIdentity, ForwardedIdentityVerifier, type IdentityForwarder } from '../../lib/auth/forwarded';
import { sendToDepartment } from '../ask-department';
import { hostedSubgraph } from '../hosted-subgraph';
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
import { DEPARTMENTS } from '../../lib/departments';
import { departmentUnavailable, ErrorCode } from '../../lib/errors';
import type { DepartmentBreakers } from '../breaker';
import { cellKeyOf, recordKeySecret } from '../../lib/stats/cell-key';
import { isAnalytics, shownCount } from '../../lib/stats/disclosure';
import type { KeptRow, KeySetStore } from './key-sets';
import { cohortConnection, ownerOf, readCohortPage } from './paging';
import { allSections, type Ask, estimatingOnce, evaluate, type Filter, type Keys, refuseEmptyAnyOf } from './plan';

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
  const answer = await sendToDepartment<T>(
    forwarder,
    ctx.breakers,
    ctx.identity,
    department,
    { query, variables },
    unavailable,
  );
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
  return estimatingOnce(sectionAsker(forwarder, types, ctx));
}

function sectionAsker(forwarder: IdentityForwarder, types: Map<string, string>, ctx: PlannerContext): Ask {
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

/**
 * One page of a cohort's rows in key order, after the cursor's row. The first page is searched and not kept: most
 * questions stop there. A later page with more after it keeps the whole answer (key-sets.ts), and the pages after it
 * read their rows from there, asking no department, while the set is kept and the same caller asks the same question.
 */
async function pageOfCohort<R extends { id: string }>(
  field: string,
  args: CohortArgs,
  ctx: PlannerContext,
  keySets: KeySetStore,
  search: () => Promise<KeptRow[]>,
  shape: (row: KeptRow) => R,
) {
  const page = readCohortPage(args);
  const owner = ownerOf(field, ctx.identity, args.where);
  if (page.kept) {
    // the cursor's own row, the page, and one more to tell whether a next page exists
    const slice = await keySets.read(page.kept.id, owner, page.kept.index, page.limit + 2);
    if (slice && slice.rows[0]?.id === page.afterKey)
      return cohortConnection(
        slice.rows.slice(1).map(shape),
        page.limit,
        slice.total,
        page.kept.index + 1,
        page.kept.id,
      );
  }
  const rows = await search();
  const start = page.afterKey ? rows.findIndex((row) => row.id > page.afterKey!) : 0;
  if (start < 0) return cohortConnection([], page.limit, rows.length, rows.length);
  const keptId = page.afterKey && rows.length > start + page.limit ? await keySets.keep(owner, rows) : undefined;
  return cohortConnection(rows.slice(start, start + page.limit + 1).map(shape), page.limit, rows.length, start, keptId);
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
  keySets: KeySetStore,
): Promise<{ router: Router; stop(): Promise<void> }> {
  const sdl = readFileSync(plannerSdlPath(), 'utf8');
  const types = sectionTypes(sdl);
  const resolvers = {
    Query: {
      async cohort(_root: unknown, args: CohortArgs, ctx: PlannerContext) {
        readCohortPage(args);
        const ask = asker(forwarder, types, ctx);
        if (isResident(ctx.identity)) return refusedToResident(residentsOf(args.where, ask));
        if (isAnalytics(ctx.identity)) {
          // the statistics office gets the count alone, through the disclosure control (the same cell, the same figure)
          const keys = await residentsOf(args.where, ask);
          return countOnly(shownCount(ctx.identity, keys.size, cellKeyOf(recordKeySecret(), keys)));
        }
        const search = async () => [...(await residentsOf(args.where, ask))].sort().map((id) => ({ id }));
        return pageOfCohort('cohort', args, ctx, keySets, search, ({ id }) => ({ id }));
      },
      async cohortHouseholds(_root: unknown, args: CohortArgs, ctx: PlannerContext) {
        readCohortPage(args);
        const ask = asker(forwarder, types, ctx);
        if (isResident(ctx.identity)) return refusedToResident(residentsOf(args.where, ask));
        const households = async () => {
          const keys = await residentsOf(args.where, ask);
          return keys.size ? await householdsOf(forwarder, ctx, keys) : new Map<string, string[]>();
        };
        if (isAnalytics(ctx.identity)) {
          const groups = await households();
          return countOnly(shownCount(ctx.identity, groups.size, cellKeyOf(recordKeySecret(), groups.keys())));
        }
        const search = async () => [...(await households())].map(([id, members]) => ({ id, members }));
        return pageOfCohort('cohortHouseholds', args, ctx, keySets, search, ({ id, members = [] }) => ({
          id,
          household: { id },
          members: members.map((m) => ({ id: m })),
        }));
      },
    },
  };
  return hostedSubgraph<PlannerContext>({
    recipient: PLANNER,
    sdl,
    resolvers,
    maxBodyBytes: PLANNER_MAX_BODY_BYTES,
    context: (identity) => ({ identity, plan: [], breakers }),
    plugins: [
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
    forwarder,
    verifyingKey,
    replays,
  });
}

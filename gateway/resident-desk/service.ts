import type { ForwardedIdentityVerifier, IdentityForwarder } from '../../lib/auth/forwarded';
import type { ReplayStore } from '../../lib/auth/replay-store';
import { RESIDENT_DESK } from '../../lib/auth/resident';
import { formatError } from '../../lib/errors';
import { sendToDepartment } from '../ask-department';
import type { DepartmentBreakers } from '../breaker';
import { hostedSubgraph } from '../hosted-subgraph';
import { accessReport } from './access-report';
import { corrections } from './corrections';
import { CORRECTIONS_SDL } from './sdl';
import type { DeskContext, DeskPart } from './part';

export { RESIDENT_DESK };

/** The desk's parts: one line each (who read my data; corrections). */
const parts = (forwarder: IdentityForwarder): DeskPart[] => [accessReport, corrections(forwarder)];
const PART_TYPE_DEFS = [accessReport.typeDefs, CORRECTIONS_SDL];

/** The parts' resolvers, type by type (each part adds its own fields to Query, Mutation, …). */
function mergedResolvers(forwarder: IdentityForwarder): DeskPart['resolvers'] {
  const merged: DeskPart['resolvers'] = {};
  for (const part of parts(forwarder))
    for (const [type, fields] of Object.entries(part.resolvers)) merged[type] = { ...merged[type], ...fields };
  return merged;
}

/**
 * The largest body the desk reads (only the gateway sends it anything): as the planner's, well over the largest request
 * the gateway itself takes (HUB_MAX_BODY_BYTES, 100 KiB), whose variables the desk's request carries on.
 */
const DESK_MAX_BODY_BYTES = 1024 * 1024;

/** The desk's subgraph SDL, as committed under schema/resident-desk.graphql (`npm run compose`). */
export function deskSdl(): string {
  const queries = PART_TYPE_DEFS.map((t) => t.match(/type Query \{([\s\S]*?)\n\}/)?.[1] ?? '').join('');
  const types = PART_TYPE_DEFS.map((t) => t.replace(/type Query \{[\s\S]*?\n\}/, '').trim()).join('\n\n');
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@shareable", "@listSize"])

scalar DateTimeISO

type Query {${queries}
}

"""Where a page sits in the whole list"""
type PageInfo @shareable {
  hasNextPage: Boolean!
  endCursor: String
}

${types}
`;
}

/**
 * The resident desk (居民服务台): the hub operator's subgraph for a resident's own requests that span the departments,
 * served from the gateway's process like the cohort planner. It reads no database: it asks each department as the
 * resident (their identity signed again for that department, with `via` naming the desk) through the gateway's breakers.
 */
export async function residentDesk(
  forwarder: IdentityForwarder,
  verifyingKey: ConstructorParameters<typeof ForwardedIdentityVerifier>[0],
  replays: ReplayStore,
  breakers: DepartmentBreakers,
): ReturnType<typeof hostedSubgraph> {
  return hostedSubgraph<DeskContext>({
    recipient: RESIDENT_DESK,
    sdl: deskSdl(),
    resolvers: mergedResolvers(forwarder),
    maxBodyBytes: DESK_MAX_BODY_BYTES,
    context: (identity) => ({
      identity,
      ask: (asking, department, operation, unavailable) =>
        sendToDepartment(forwarder, breakers, asking, department, operation, unavailable),
      errors: [],
    }),
    plugins: [
      {
        async requestDidStart() {
          return {
            // what a resolver could not get (a department down) goes with its answer, never a silent gap
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind !== 'single' || !contextValue.errors?.length) return;
              const result = response.body.singleResult;
              result.errors = [...(result.errors ?? []), ...contextValue.errors.map((e) => formatError(e.toJSON(), e))];
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

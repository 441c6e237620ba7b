import type { ApolloServerPlugin, BaseContext, GraphQLResponse } from '@apollo/server';
import { ErrorCode } from '../errors';

/**
 * When, after its request arrived, a NOT_FOUND answer leaves: at the next whole multiple of `floorMs` (never sooner
 * than `floorMs`). A plain floor stops hiding the difference once a loaded machine takes longer than the floor; on a
 * grid of instants the two branches part only when their work straddles a step, which a fraction of a millisecond does
 * in that fraction of `floorMs` of the requests.
 */
export function refusalLeavesAt(elapsedMs: number, floorMs: number): number {
  return Math.max(1, Math.ceil(elapsedMs / floorMs)) * floorMs;
}

/**
 * An answer that says NOT_FOUND — a record that does not exist, or one outside the caller's scope, answered alike —
 * leaves at `refusalLeavesAt` after `arrivedAt` (performance.now() when the request started). The two branches do
 * different work (a record that exists is loaded, placed, refused and its DENIED row written; a missing one is not), and
 * a caller timing many interleaved pairs can tell them apart by a fraction of a millisecond; on the grid both take the
 * same time. Called last, once everything else the answer waits for is done; only refusals and misses pay it.
 */
export async function holdRefusal(response: GraphQLResponse, arrivedAt: number, floorMs: number): Promise<void> {
  if (floorMs <= 0 || response.body.kind !== 'single') return;
  if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.NOT_FOUND)) return;
  const elapsed = performance.now() - arrivedAt;
  const wait = refusalLeavesAt(elapsed, floorMs) - elapsed;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/**
 * Holds the gateway's NOT_FOUND answers on the grid (`holdRefusal`), timed from when the gateway took the request: the
 * edge a caller times, so everything any department and the gateway do for the answer is behind the hold. Held at a
 * department instead (until 6 December), what came after its answer left — the department finishing the request, the
 * hop back, the gateway's work — was still timed by the caller. One hold: a refusal takes 40 ms, not 80.
 */
export function refusalFloorPlugin<Context extends BaseContext>(floorMs: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const arrivedAt = performance.now();
      return {
        async willSendResponse({ response }) {
          await holdRefusal(response, arrivedAt, floorMs);
        },
      };
    },
  };
}

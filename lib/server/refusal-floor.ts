import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '../errors';

/**
 * An answer that says NOT_FOUND — a record that does not exist, or one outside the caller's scope, answered alike — is
 * sent no sooner than `floorMs` after the request arrived. The two branches do different work (a record that exists is
 * loaded, placed and refused; a missing one is not), and a caller timing many interleaved pairs can tell them apart by
 * a fraction of a millisecond; below the floor both take the same time. Only refusals and misses pay it.
 */
export function refusalFloorPlugin<Context extends BaseContext>(floorMs: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response }) {
          if (floorMs <= 0 || response.body.kind !== 'single') return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === ErrorCode.NOT_FOUND)) return;
          const wait = floorMs - (performance.now() - started);
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        },
      };
    },
  };
}

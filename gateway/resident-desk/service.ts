import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express, { type Router } from 'express';
import { parse } from 'graphql';
import { ForwardedIdentityVerifier, IDENTITY_HEADER, type IdentityForwarder } from '../../lib/auth/forwarded';
import type { ReplayStore } from '../../lib/auth/replay-store';
import { formatError } from '../../lib/errors';
import { bodyErrors, jsonBody, rawBodyOf } from '../../lib/server/body';
import { httpStatusPlugin } from '../../lib/server/http-status';
import { correctionResolvers, type DeskContext } from './corrections';
import { RESIDENT_DESK, RESIDENT_DESK_SDL } from './sdl';

/** The largest body the desk reads (only the gateway sends it anything). */
const DESK_MAX_BODY_BYTES = 256 * 1024;

/**
 * The resident desk, served as a subgraph of its own (`resident-desk`) from the gateway's process, like the cohort
 * planner: a resident's one entry point across the departments, which asks each department as the resident. It reads
 * no database.
 */
export async function residentDesk(
  forwarder: IdentityForwarder,
  verifyingKey: ConstructorParameters<typeof ForwardedIdentityVerifier>[0],
  replays: ReplayStore,
): Promise<{ router: Router; stop(): Promise<void> }> {
  const corrections = correctionResolvers(forwarder);
  const apollo = new ApolloServer<DeskContext>({
    schema: buildSubgraphSchema({
      typeDefs: parse(RESIDENT_DESK_SDL),
      resolvers: corrections as never,
    }),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      httpStatusPlugin({ overloadIs503: true }),
      {
        async requestDidStart() {
          return {
            // a department that is down: its part is missing and the answer names it
            async willSendResponse({ contextValue, response }) {
              if (response.body.kind !== 'single' || !contextValue.partial.length) return;
              const result = response.body.singleResult;
              result.errors = [...(result.errors ?? []), ...contextValue.partial.map((e) => e.toJSON())];
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const identities = new ForwardedIdentityVerifier(
    verifyingKey,
    RESIDENT_DESK,
    forwarder.bindingKey(RESIDENT_DESK),
    replays,
  );
  const router = express.Router();
  router.use(
    '/graphql',
    jsonBody(DESK_MAX_BODY_BYTES, { keepRaw: true }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        identity: await identities.verify(req.header(IDENTITY_HEADER), rawBodyOf(req)),
        partial: [],
      }),
    }),
    bodyErrors(DESK_MAX_BODY_BYTES),
  );
  return { router, stop: () => apollo.stop() };
}

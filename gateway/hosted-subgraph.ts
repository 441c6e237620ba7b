import { type ApolloServerPlugin, ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express, { type Router } from 'express';
import { parse } from 'graphql';
import {
  type ForwardedIdentity,
  ForwardedIdentityVerifier,
  IDENTITY_HEADER,
  type IdentityForwarder,
} from '../lib/auth/forwarded';
import type { ReplayStore } from '../lib/auth/replay-store';
import { formatError } from '../lib/errors';
import { checkEntityRepresentations } from '../lib/graphql/schema';
import { bodyErrors, jsonBody, rawBodyOf } from '../lib/server/body';
import { httpStatusPlugin } from '../lib/server/http-status';

/**
 * A subgraph of the hub operator's own served from the gateway's process (the cohort planner, the resident desk): its
 * schema from SDL and resolvers, reached only by requests the gateway forwarded to `recipient` (verified like a
 * department's), under /graphql of the router it returns. It reads no database.
 */
export async function hostedSubgraph<Context extends BaseContext & { identity: ForwardedIdentity }>(options: {
  recipient: string;
  sdl: string;
  resolvers: unknown;
  maxBodyBytes: number;
  /** what each request's context holds besides the verified identity */
  context: (identity: ForwardedIdentity) => Context;
  plugins?: ApolloServerPlugin<Context>[];
  forwarder: IdentityForwarder;
  verifyingKey: ConstructorParameters<typeof ForwardedIdentityVerifier>[0];
  replays: ReplayStore;
}): Promise<{ router: Router; stop(): Promise<void> }> {
  const apollo = new ApolloServer<Context>({
    // the process's onShutdown (lib/server/shutdown.ts) alone answers SIGINT/SIGTERM: Apollo's own handler would stop
    // first, and @apollo/server 5.5.1 never resolves a second stop() waiting for that one (each process then waited for
    // its forced exit)
    stopOnTerminationSignals: false,
    schema: checkEntityRepresentations(
      buildSubgraphSchema({ typeDefs: parse(options.sdl), resolvers: options.resolvers as never }),
    ),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // no Apollo Studio here: federated traces would only add bytes to every answer
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      httpStatusPlugin({ overloadIs503: true }),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  const { recipient, forwarder, maxBodyBytes } = options;
  const identities = new ForwardedIdentityVerifier(
    options.verifyingKey,
    recipient,
    forwarder.bindingKey(recipient),
    options.replays,
  );
  const router = express.Router();
  router.use(
    '/graphql',
    jsonBody(maxBodyBytes, { keepRaw: true }),
    expressMiddleware(apollo, {
      context: async ({ req }) => options.context(await identities.verify(req.header(IDENTITY_HEADER), rawBodyOf(req))),
    }),
    bodyErrors(maxBodyBytes),
  );
  return { router, stop: () => apollo.stop() };
}

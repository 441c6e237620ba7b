import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { isDepartment, subgraphUrl } from '../lib/departments';
import { formatError } from '../lib/errors';
import { checkSubgraphs, subgraphNames } from './health';

export interface GatewayContext {
  requestId: string;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  supergraphSdl: string;
}

/** Forwards the request id so each department's work can be tied to the gateway's request. */
class DepartmentDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}

export async function startGateway(options: GatewayOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // the committed supergraph names default URLs; the environment decides where each department really is
    buildService: ({ name, url }) => new DepartmentDataSource({ url: isDepartment(name) ? subgraphUrl(name) : url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== 'production',
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const health = await checkSubgraphs(subgraphNames(options.supergraphSdl));
    res.status(health.status === 'ok' ? 200 : 503).json({ gateway: 'ok', ...health });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => ({ requestId: String(req.headers['x-request-id'] ?? randomUUID()) }) }),
  );

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(s)).on('error', reject);
  });
  return {
    url: `http://127.0.0.1:${options.port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

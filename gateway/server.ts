import type { RequestListener, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import proxyaddr from 'proxy-addr';
import { CallbackVerifier, publicHalf } from '../lib/auth/callback';
import { loadIdentityForwarder, loadSigningKey } from '../lib/auth/forwarded';
import { userTokenConfig } from '../lib/auth/user-token';
import { PLANNER } from '../lib/cohort/names';
import { settings, subgraphUrl } from '../lib/config/settings';
import { DEPARTMENTS, GATEWAY_PORT_ENV, isDepartment } from '../lib/departments';
import { formatError } from '../lib/errors';
import { registry } from '../lib/metrics';
import { log } from '../lib/observability/log';
import { contextOrLoggedFailure, requestTelemetryPlugin } from '../lib/server/telemetry-plugin';
import { bodyErrors, jsonBody } from '../lib/server/body';
import { httpStatusPlugin } from '../lib/server/http-status';
import { refusalFloorPlugin } from '../lib/server/refusal-floor';
import { requestIdOf, requestIds } from '../lib/observability/request-id';
import { readSizeDeclarations } from '../lib/graphql/list-size';
import { fieldNameAliasRule } from './aliases';
import type { GatewayContext } from './context';
import { cohortPlanner } from './cohort/service';
import { RESIDENT_DESK, residentDesk } from './resident-desk/service';
import { type CostModel, costLimitPlugin } from './cost';
import { departmentFetch, measuredFetch } from './department-fetch';
import { DepartmentDataSource, signingFetcher } from './forwarding';
import { DepartmentBreakers } from './breaker';
import { checkSubgraphs, probeSubgraph, subgraphNames } from './health';
import { listen } from '../lib/server/listen';
import { graphqlEndpoint, headerOf } from '../lib/server/graphql-endpoint';
import { mountPages } from '../pages/mount';
import { type CallerRequest, identify } from './identity';
import { armor, type OperationLimits, operationLimits, withoutSuggestions } from './limits';
import { publicFieldsPlugin, publicLookupsPerMinute } from './public-fields';
import { gatewayState } from './shared-state';
import { askBackPolicy } from './ask-back';
import { ScopeResolver } from './scope';
import { ResidentLookup } from './resident';
import {
  anonymousRegistrationPlugin,
  persistedQueries,
  type TrustedDocuments,
  trustedDocumentsPlugin,
} from './trusted-documents';

export interface GatewayOptions {
  port: number;
  host?: string;
  supergraphSdl: string;
  /** introspection, the landing page, suggestions and anonymous persisted queries: development only */
  development: boolean;
  limits?: OperationLimits;
  trustedDocuments?: TrustedDocuments;
}

export async function startGateway(options: GatewayOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const limits = options.limits ?? operationLimits();
  const tokens = userTokenConfig();
  const signingKey = await loadSigningKey();
  const forwarder = await loadIdentityForwarder();
  const scopes = new ScopeResolver(forwarder);
  const residents = new ResidentLookup(forwarder);
  const publicKey = await publicHalf(settings().HUB_GATEWAY_PRIVATE_KEY!);
  // what every gateway replica must share: capabilities used once, public lookups counted (gateway/shared-state.ts)
  const shared = await gatewayState(publicLookupsPerMinute());
  log.info(`replay ids, public lookups, write positions and kept cohorts are in ${shared.where}`);
  forwarder.writes = shared.writes;
  const callbacks = new CallbackVerifier(publicKey, shared.replays);
  const trusted = options.trustedDocuments ?? { clients: {}, documents: {} };
  const askBack = askBackPolicy(trusted.askBack, trusted.documents, 'the trusted documents');
  // a department that stops answering is not waited for by every request (gateway/breaker.ts)
  const probeTimeoutMs = settings().HUB_BREAKER_PROBE_TIMEOUT_MS;
  const breakers = new DepartmentBreakers(
    DEPARTMENTS,
    { failures: settings().HUB_BREAKER_FAILURES, probeMs: settings().HUB_BREAKER_PROBE_MS },
    async (name, kind) => (await probeSubgraph(name as never, kind, probeTimeoutMs)).failure,
  );
  // the cohort planner is the hub operator's own subgraph, served from this process (it signs for departments)
  const planner = await cohortPlanner(forwarder, publicKey, shared.replays, breakers, shared.keySets);
  // and so is the resident desk (a resident's own requests that span the departments)
  const desk = await residentDesk(forwarder, publicKey, shared.replays, breakers);
  const urlOf = (name: string, url: string | undefined) =>
    name === PLANNER || name === RESIDENT_DESK
      ? `http://127.0.0.1:${options.port}/subgraphs/${name}/graphql`
      : isDepartment(name)
        ? subgraphUrl(name)
        : url;
  const timedFetch = departmentFetch(limits.subgraphTimeoutMs, limits.requestTimeoutMs);

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // the committed supergraph names default URLs; the environment decides where each department really is
    buildService: ({ name, url }) =>
      new DepartmentDataSource({
        name,
        url: urlOf(name, url),
        fetcher: measuredFetch(
          name,
          signingFetcher(
            name,
            forwarder,
            signingKey,
            askBack,
            isDepartment(name) ? breakers.guard(name, timedFetch) : timedFetch,
          ),
        ) as never,
      }),
  });
  let costModel: CostModel | undefined;
  gateway.onSchemaLoadOrUpdate(
    ({ apiSchema, coreSupergraphSdl }) =>
      (costModel = { schema: apiSchema, sizes: readSizeDeclarations(coreSupergraphSdl) }),
  );

  const protection = armor(limits);

  const apollo = new ApolloServer<GatewayContext>({
    // the process's onShutdown (lib/server/shutdown.ts) alone answers SIGINT/SIGTERM: Apollo's own handler would stop
    // first, and @apollo/server 5.5.1 never resolves a second stop() waiting for that one (each process then waited for
    // its forced exit)
    stopOnTerminationSignals: false,
    gateway,
    formatError: options.development ? formatError : withoutSuggestions(formatError),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: options.development,
    persistedQueries: persistedQueries(trusted, options.development),
    validationRules: [...protection.validationRules, fieldNameAliasRule],
    plugins: [
      requestTelemetryPlugin<GatewayContext>((context) => context.requestId, 'info'),
      httpStatusPlugin({ overloadIs503: true }),
      ...protection.plugins,
      publicFieldsPlugin(options.development, shared.lookups),
      costLimitPlugin(() => costModel!, limits),
      trustedDocumentsPlugin(trusted),
      anonymousRegistrationPlugin(trusted, options.development),
      // Apollo's landing page loads from a CDN: development gets GraphiQL at /graphiql instead
      ApolloServerPluginLandingPageDisabled(),
      // a record outside the caller's scope and one nobody issued leave at the same time (docs/capabilities.md)
      refusalFloorPlugin<GatewayContext>(settings().HUB_REFUSAL_FLOOR_MS),
      {
        // the operation name goes into every department's audit rows; a mutation may ask the graph back
        async requestDidStart() {
          return {
            async didResolveOperation({ contextValue, operationName, operation }) {
              const identity = contextValue.identity;
              // with where the caller's newest writes are, for departments that read replicas (lib/db/replicas.ts)
              const writePositions = identity ? await forwarder.writes.of(identity.subject) : undefined;
              if (identity)
                contextValue.forwarded = {
                  ...identity,
                  operationName: operationName ?? null,
                  ...(writePositions ? { writePositions } : {}),
                };
              contextValue.operationType = operation?.operation;
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(requestIds());
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  // behind a load balancer, the client's address (what public lookups are limited by) is in X-Forwarded-For
  const trustProxy = settings().HUB_TRUST_PROXY;
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  app.get('/health', async (_req, res) => {
    const health = await checkSubgraphs(subgraphNames(options.supergraphSdl), breakers, probeTimeoutMs);
    res.status(health.status === 'ok' ? 200 : 503).json({ gateway: 'ok', ...health });
  });
  // readiness and liveness for an orchestrator: the gateway serves (a department that is down only empties its fields)
  let serving = true;
  app.get('/live', (_req, res) => void res.json({ gateway: 'ok' }));
  app.get(
    '/ready',
    (_req, res) => void res.status(serving ? 200 : 503).json({ gateway: serving ? 'ready' : 'stopping' }),
  );
  app.use(`/subgraphs/${PLANNER}`, planner.router);
  app.use(`/subgraphs/${RESIDENT_DESK}`, desk.router);
  mountPages(app, { development: options.development, graphqlUrl: `http://127.0.0.1:${options.port}/graphql` });
  const context = (req: object, caller: CallerRequest, clientIp: string | undefined) => {
    const requestId = requestIdOf(req);
    return contextOrLoggedFailure(requestId, async () => ({
      ...(await identify(caller, { tokens, scopes, residents, callbacks }, requestId)),
      clientIp,
    }));
  };
  app.use(
    '/graphql',
    jsonBody(limits.maxBodyBytes, { keepRaw: false }),
    expressMiddleware(apollo, { context: ({ req }) => context(req, req, req.ip) }),
  );
  app.use(bodyErrors(limits.maxBodyBytes));

  // clients' POSTs skip Express (lib/server/graphql-endpoint.ts); GET, pages, probes and odd requests do not. The
  // client's address is read as Express's req.ip reads it, with the same 'trust proxy' setting
  const proxies = app.get('trust proxy fn');
  const graphql = graphqlEndpoint(apollo, {
    maxBodyBytes: limits.maxBodyBytes,
    scoped: (_res, _body, run) => run(),
    context: (req, body) => context(req, { header: (name) => headerOf(req, name), body }, proxyaddr(req, proxies)),
  });
  const handler: RequestListener = (req, res) => (graphql.handles(req) ? graphql.serve(req, res) : app(req, res));
  const server: Server = await listen(handler, options.port, options.host ?? '127.0.0.1', GATEWAY_PORT_ENV);
  server.requestTimeout = limits.requestTimeoutMs;
  return {
    url: `http://127.0.0.1:${options.port}/graphql`,
    async stop() {
      serving = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await planner.stop();
      await desk.stop();
      breakers.stop();
      await shared.close();
    },
  };
}

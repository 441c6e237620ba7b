import 'reflect-metadata';
import type { RequestListener, Server, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { AuditCollector } from '../audit/collector';
import { AuditWriter } from '../db/audit-writer';
import { keepAuditPartitionsAhead } from '../audit/partitions';
import { CALLBACK_HEADER } from '../auth/callback';
import { PostgresReplayStore, sharedStatePool } from '../auth/replay-store';
import { anonymousOnlyPublicPlugin } from '../auth/public';
import {
  ForwardedIdentityVerifier,
  IDENTITY_HEADER,
  loadBindingKey,
  loadVerifyingKey,
  replayedIdentity,
} from '../auth/forwarded';
import type { FirstUse } from '../db/replay-table';
import type { RequestContext } from '../context';
import { settings, subgraphPort } from '../config/settings';
import { type Department, departmentInfo } from '../departments';
import { databaseOutageFormatter, withholdForOutage } from '../db/unavailable';
import { instrumentPool, patientOnceCommitted } from '../writes/unit-of-work';
import { needsRequestScope, requestScope } from '../db/request-state';
import { formatError, logInternalError } from '../errors';
import { reportToParent } from './ipc';
import { type CommunityCounting, keepFiguresCounted } from '../stats/community-cache';
import { registry, sqlStatements, watchPool } from '../metrics';
import { log, logUnhandledRejections } from '../observability/log';
import { contextOrLoggedFailure, requestTelemetryPlugin } from './telemetry-plugin';
import { requestIdOf, requestIds } from '../observability/request-id';
import { bodyErrors, jsonBody, rawBodyOf } from './body';
import { httpStatusPlugin } from './http-status';
import { refuseReplayed } from './replayed-answer';
import { SUBGRAPH_KEEP_ALIVE_MS } from './keep-alive';
import { missingMigrations } from '../db/schema-version';
import { ReplicaRouter } from '../db/replicas';
import { listen } from './listen';
import { graphqlEndpoint, headerOf } from './graphql-endpoint';
import { onShutdown } from './shutdown';
import { withDisclosureControl } from '../stats/disclosure';

export interface SubgraphOptions<Loaders> {
  name: Department;
  orm: MikroORM;
  schema: GraphQLSchema;
  createLoaders: (em: RequestContext['em']) => Loaders;
  port?: number;
  /** where reads go when the department has read replicas (lib/db/replicas.ts) */
  replicas?: ReplicaRouter;
  /** its region figures kept per community and day, counted for today before anyone asks (lib/stats/community-cache.ts) */
  keptFigures?: readonly CommunityCounting[];
}

/** The largest body a subgraph reads: the gateway's entity requests for a page of a roster stay far below it. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface RunningSubgraph {
  url: string;
  stop(): Promise<void>;
}

/** Counts every SQL statement the department's ORM sends (read by /metrics, the bench and the N+1 tests). */
export function countStatements(orm: MikroORM): void {
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => sqlStatements.inc());
}

/** Serves one department's subgraph: POST /graphql, GET /health, GET /metrics. */
export async function serveSubgraph<Loaders>(options: SubgraphOptions<Loaders>): Promise<RunningSubgraph> {
  const { name, orm, schema } = options;
  countStatements(orm);
  watchPool(() => orm.em.getConnection().getKnex().client.pool);
  instrumentPool(orm.em.getConnection().getKnex(), name, settings().HUB_MODE !== 'production');
  // a forwarded identity is used once across every replica of this department: the ids are kept in its own database
  const replays = new PostgresReplayStore(sharedStatePool(orm.config.get('clientUrl')!), name);
  const identities = new ForwardedIdentityVerifier(await loadVerifyingKey(), name, loadBindingKey(), replays);
  const auditLog = new AuditWriter(orm.em.getConnection().getKnex());
  // each request's forwarded identity until it is claimed as used: a read's with its audit rows, as its answer is about
  // to leave (one statement for both); anything else's before it runs. Kept by the request's audit collector: Apollo
  // hands the plugins a shallow copy of the context, not the object the context function made
  const unclaimed = new WeakMap<AuditCollector, FirstUse>();
  const claimNow = async (audit: AuditCollector) => {
    const use = unclaimed.get(audit);
    unclaimed.delete(audit);
    if (use && !(await replays.firstUse(use.id, use.expiresAtMs))) throw replayedIdentity();
  };
  const stopPartitioning = await keepAuditPartitionsAhead(
    orm.em.getConnection().getKnex(),
    settings().AUDIT_PARTITIONS_AHEAD_MONTHS,
    (error) => logInternalError(error),
  );
  const stopCounting = options.keptFigures?.length
    ? keepFiguresCounted(orm, options.keptFigures, (error) => logInternalError(error))
    : () => undefined;
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    // the process's onShutdown (lib/server/shutdown.ts) alone answers SIGINT/SIGTERM: Apollo's own handler would stop
    // first, and @apollo/server 5.5.1 never resolves a second stop() waiting for that one (each process then waited for
    // its forced exit)
    stopOnTerminationSignals: false,
    schema,
    // a database that does not answer is DEPARTMENT_UNAVAILABLE on the fields it was asked for, not an internal error
    formatError: databaseOutageFormatter(name, formatError),
    includeStacktraceInErrorResponses: false,
    introspection: settings().HUB_MODE === 'development',
    plugins: [
      requestTelemetryPlugin<RequestContext<Loaders>>((context) => context.requestId, 'debug'),
      httpStatusPlugin(),
      // no Apollo Studio here: federated traces would only add bytes to every response
      ApolloServerPluginInlineTraceDisabled(),
      // nor HTTP cache hints (every answer is personal and audited): the plugin would wrap every field's resolver
      ApolloServerPluginCacheControlDisabled(),
      // a tokenless caller's anonymous identity reaches the public root fields only
      anonymousOnlyPublicPlugin(),
      {
        // the request's personal reads and changes go into the department's audit log (one INSERT shared by the
        // requests of the moment); the answer waits for its commit, and if the rows cannot be written it is not sent
        // either (no read without a trace). A refusal and a miss leave the gateway at the same time (refusal-floor.ts)
        async requestDidStart() {
          return {
            async didResolveOperation({ operation, contextValue }) {
              if (operation?.operation === 'mutation') ReplicaRouter.readPrimary();
              // a change claims its identity before it runs (it must not be made twice); a read, with its audit rows
              if (operation?.operation !== 'query') await claimNow(contextValue.audit);
            },
            async willSendResponse({ contextValue, response }) {
              await options.replicas?.answered(response.http.headers);
              try {
                // once the request has committed a change, its answer waits for the pool rather than fail a saved write
                const rows = await contextValue.audit.take();
                const use = unclaimed.get(contextValue.audit);
                unclaimed.delete(contextValue.audit);
                const fresh = await patientOnceCommitted(() =>
                  use && !rows.length ? replays.firstUse(use.id, use.expiresAtMs) : auditLog.write(rows, use),
                );
                if (!fresh) return refuseReplayed(response);
              } catch (error) {
                // the database went away before the rows were written: withheld all the same, as an outage (503)
                if (withholdForOutage(name, response, error)) return;
                logInternalError(error, contextValue.requestId);
                throw error;
              }
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
  /** why the department cannot serve now: its database does not answer, or its schema is behind this build; or null */
  const notServing = async (): Promise<string | null> => {
    try {
      const missing = await missingMigrations(orm);
      return missing.length ? `schema behind: ${missing.length} migrations not applied` : null;
    } catch (_error) {
      return 'database unreachable';
    }
  };
  // health: the database answers and its schema is at the version this build expects (every migration recorded)
  app.get('/health', async (_req, res) => {
    const reason = await notServing();
    if (reason) res.status(503).json({ status: 'unavailable', subgraph: name, reason });
    // replicas out of rotation do not make it unready: their reads go to the primary
    else
      res.json({ status: 'ok', subgraph: name, ...(options.replicas ? { replicas: options.replicas.states() } : {}) });
  });
  // readiness: the same, and it is not stopping (an orchestrator sends it no requests meanwhile)
  let serving = true;
  app.get('/ready', async (_req, res) => {
    const ready = serving && !(await notServing());
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : serving ? 'unavailable' : 'stopping', subgraph: name });
  });
  // liveness: the process answers, whatever its database does (an orchestrator must not restart it for an outage)
  app.get('/live', (_req, res) => void res.json({ status: 'ok', subgraph: name }));
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  const context = async (
    req: object,
    header: (name: string) => string | undefined,
  ): Promise<RequestContext<Loaders>> => {
    const requestId = requestIdOf(req);
    return contextOrLoggedFailure(requestId, async () => {
      // nothing is answered without an identity the gateway signed: a forged or missing one is UNAUTHENTICATED
      // an analytics identity gets figures only: no record is in its scope (lib/stats/disclosure.ts)
      const verified = await identities.verifyUnclaimed(header(IDENTITY_HEADER), rawBodyOf(req));
      const identity = withDisclosureControl(verified.identity);
      // where the caller last wrote here, in any process of this department (lib/db/write-position.ts)
      ReplicaRouter.enter(identity.writePositions?.[name]);
      const em = orm.em.fork();
      const callback = header(CALLBACK_HEADER) ?? null;
      const context: RequestContext<Loaders> = {
        requestId,
        em,
        loaders: options.createLoaders(em),
        loadersFor: options.createLoaders,
        identity,
        callback,
        audit: new AuditCollector(identity),
        scopeDecisions: new WeakMap(),
      };
      unclaimed.set(context.audit, verified.use);
      return context;
    });
  };
  // a scope for the request, entered once the body is read, when it can commit a change or read replicas
  const scoped = (res: ServerResponse, body: unknown, run: () => void) =>
    requestScope(res, needsRequestScope(body, options.replicas !== undefined), run);
  app.use(
    '/graphql',
    // the raw body is what the gateway bound the forwarded identity to
    jsonBody(MAX_BODY_BYTES, { keepRaw: true }),
    (req, res, next) => scoped(res, req.body, next),
    expressMiddleware(apollo, { context: ({ req }) => context(req, (name) => req.header(name)) }),
  );
  app.use(bodyErrors(MAX_BODY_BYTES));

  // the gateway's POSTs skip Express (lib/server/graphql-endpoint.ts); probes, metrics and odd requests do not
  const graphql = graphqlEndpoint(apollo, {
    maxBodyBytes: MAX_BODY_BYTES,
    scoped: (res, body, run) => scoped(res, body, run),
    context: (req) => context(req, (name) => headerOf(req, name)),
  });
  const port = options.port ?? subgraphPort(name);
  const handler: RequestListener = (req, res) => (graphql.handles(req) ? graphql.serve(req, res) : app(req, res));
  const server: Server = await listen(handler, port, settings().HOST, departmentInfo(name).portEnv);
  server.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  server.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1000;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      serving = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      stopPartitioning();
      stopCounting();
      await apollo.stop();
      await replays.close();
      await options.replicas?.stop();
      await orm.close();
    },
  };
}

/** Entry point helper: start, print the URL, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraphProcess(start: () => Promise<RunningSubgraph>, name: string): Promise<void> {
  logUnhandledRejections();
  try {
    const running = await start();
    log.info(`${name} subgraph ready at ${running.url}`);
    onShutdown(() => running.stop());
    await reportToParent({ hub: 'ready', url: running.url });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`failed to start: ${reason}`);
    await reportToParent({ hub: 'failed', reason });
    process.exit(1);
  }
}

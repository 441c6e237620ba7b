import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isInternalError, logInternalError } from '../errors';
import { errorCodeLabel, graphqlErrors, operationLabel, requestDuration } from '../metrics';
import { log } from '../observability/log';

type Level = 'info' | 'debug';

/**
 * What every GraphQL process records of each request, for the cost of a few counters: its latency by operation (a
 * Prometheus histogram, whose count is the request rate), its errors by code, one JSON log line (at `level`) and, for
 * a fault on our side, an error line with the stack. Each carries the request id; an internal error's answer carries
 * it too (`extensions.requestId`), so "it has been logged for the operators" can be found in the log.
 */
export function requestTelemetryPlugin<Context extends BaseContext>(
  requestIdOf: (context: Context) => string,
  level: Level,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const requestId = requestIdOf(contextValue);
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) if (isInternalError(error)) logInternalError(error, requestId, error.path);
        },
        async willSendResponse({ response, operationName }) {
          const seconds = (performance.now() - started) / 1000;
          requestDuration.observe({ operation: operationLabel(operationName) }, seconds);
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          let codes: string[] | undefined;
          if (errors?.length) {
            codes = [];
            for (const error of errors) {
              const code = String(error.extensions?.code ?? 'NONE');
              codes.push(code);
              graphqlErrors.inc({ code: errorCodeLabel(code) });
              if (code === 'INTERNAL_SERVER_ERROR')
                (error as { extensions: Record<string, unknown> }).extensions = { ...error.extensions, requestId };
            }
          }
          if (log.isLevelEnabled(level))
            log[level](
              {
                requestId,
                operation: operationName ?? null,
                status: response.http.status ?? 200,
                ms: Math.round(seconds * 1000),
                errors: codes,
              },
              'graphql request',
            );
        },
      };
    },
  };
}

/**
 * Builds a request's context; a failure there (a bad token, a department's scope lookup failing) never reaches the
 * request plugins, so it is counted and, when it is our fault, logged with the request id here.
 */
export async function contextOrLoggedFailure<T>(requestId: string, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    const err = error as { message?: string; extensions?: Record<string, unknown> };
    graphqlErrors.inc({ code: errorCodeLabel(String(err?.extensions?.code ?? 'INTERNAL_SERVER_ERROR')) });
    if (isInternalError({ message: String(err?.message ?? ''), extensions: err?.extensions }))
      logInternalError(error, requestId);
    throw error;
  }
}

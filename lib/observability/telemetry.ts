import type { ServerResponse } from 'node:http';
import type { Context } from '@opentelemetry/api';
import type { tracing } from '@opentelemetry/sdk-node';
import { type Settings, settingsIfValid } from '../config/settings';
import { serviceName } from './log';

/**
 * OpenTelemetry traces, on when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: a span
 * for each HTTP request in and out (so the gateway's fetch of each subgraph, and the subgraph's answer, in the
 * client request's trace), the Apollo Gateway's own spans (plan, fetch, postprocessing), and a span per SQL statement,
 * exported over OTLP/HTTP. Every span of a request carries its id (`hub.request_id`). When the variable is not set,
 * none of the SDK is loaded: the instrumentation costs nothing.
 *
 * Each process entry imports this module before anything else, so the HTTP and pg modules are patched before use.
 */
export const REQUEST_ID_ATTRIBUTE = 'hub.request_id';

const requestIdByTrace = new Map<string, string>();
let activeSpanOf:
  | (() => { setAttribute(k: string, v: string): unknown; spanContext(): { traceId: string } } | undefined)
  | undefined;

/** Gives the request's trace its request id (a no-op when tracing is off). Called once per HTTP request. */
export function tagTrace(requestId: string, res: ServerResponse): void {
  if (!activeSpanOf) return;
  const span = activeSpanOf();
  if (!span) return;
  span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
  const { traceId } = span.spanContext();
  requestIdByTrace.set(traceId, requestId);
  res.once('close', () => requestIdByTrace.delete(traceId));
}

/** Puts the request id of a span's trace on the span as it starts (the Gateway's, the client's and the SQL spans). */
class RequestIdProcessor implements tracing.SpanProcessor {
  onStart(span: tracing.Span, _parent: Context): void {
    const id = requestIdByTrace.get(span.spanContext().traceId);
    if (id) span.setAttribute(REQUEST_ID_ATTRIBUTE, id);
  }
  onEnd(_span: tracing.ReadableSpan): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

function startTelemetry(given: Settings): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK, tracing: sdkTracing } =
    require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } =
    require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } =
    require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { trace } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // /live included: every gateway probes each department's every HUB_BREAKER_PROBE_MS (gateway/breaker.ts)
  const scrapes = new Set(['/metrics', '/health', '/ready', '/live']);
  const sdk = new NodeSDK({
    serviceName: given.OTEL_SERVICE_NAME ?? `hub-${serviceName}`,
    spanProcessors: [new RequestIdProcessor(), new sdkTracing.BatchSpanProcessor(new OTLPTraceExporter())],
    instrumentations: [
      // probes and scrapes are not requests anyone needs to trace
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => scrapes.has((req.url ?? '').split('?')[0]) }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  activeSpanOf = () => trace.getActiveSpan();
  const flush = () => void sdk.shutdown().catch(() => undefined);
  process.once('SIGTERM', flush);
  process.once('SIGINT', flush);
}

// with a bad setting the process's entry stops it and says why; tracing stays off until then
const given = settingsIfValid();
if (given?.OTEL_EXPORTER_OTLP_ENDPOINT || given?.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) startTelemetry(given);

import { createServer } from 'node:http';
import { freePorts } from './ports';

/** One span as an OTLP/HTTP JSON export carries it, with its process's service.name and its attributes flattened. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client */
  kind: number;
  attributes: Record<string, unknown>;
}

export interface OtlpReceiver {
  /** what OTEL_EXPORTER_OTLP_ENDPOINT is set to */
  endpoint: string;
  spans: ReceivedSpan[];
  stop(): Promise<void>;
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type KeyValue = { key: string; value: AnyValue };
const attributeValue = (v: AnyValue) =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue));
const flatten = (attributes: KeyValue[] = []) =>
  Object.fromEntries(attributes.map((a) => [a.key, attributeValue(a.value)]));

/** An OpenTelemetry collector's front door on 127.0.0.1: accepts OTLP/HTTP JSON trace exports and keeps every span. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const [port] = await freePorts(1);
  const spans: ReceivedSpan[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url === '/v1/traces' && String(req.headers['content-type']).startsWith('application/json')) {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans?: {
          resource?: { attributes?: KeyValue[] };
          scopeSpans?: { spans?: (Omit<ReceivedSpan, 'service' | 'attributes'> & { attributes?: KeyValue[] })[] }[];
        }[];
      };
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(flatten(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? [])
            spans.push({
              ...span,
              service,
              parentSpanId: span.parentSpanId || undefined,
              attributes: flatten(span.attributes),
            });
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

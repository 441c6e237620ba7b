import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { CALLBACK_HEADER } from '../lib/auth/callback';
import { subgraphFetchDuration } from '../lib/metrics';
import { SUBGRAPH_KEEP_ALIVE_MS } from '../lib/server/keep-alive';
import { DepartmentUnreachable, networkReason } from './department-down';

const IDLE_CONNECTION_MS = SUBGRAPH_KEEP_ALIVE_MS / 2;

/**
 * A department's answer, read whole: the part of fetch's Response that Apollo's data source, the breaker and the gateway
 * read (status, headers, the body as text or JSON). The body can be read any number of times.
 */
export class DepartmentAnswer {
  readonly headers: { get(name: string): string | null; has(name: string): boolean };

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    private readonly raw: IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    const get = (name: string) => {
      const value = raw[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    this.headers = { get, has: (name) => get(name) !== null };
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  clone(): DepartmentAnswer {
    return new DepartmentAnswer(this.url, this.status, this.statusText, this.raw, this.body);
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }
}

/**
 * How the gateway reaches the departments: one POST on Node's own HTTP client over kept-alive connections, the answer
 * read whole, with a time limit on each. Node's global fetch cost the gateway about twice the CPU per subgraph request
 * (WHATWG streams, an AbortSignal and a timer each), and node-fetch, which Apollo's data sources are written against,
 * a Request, Headers, a Response and a body stream per request; the data source reads only the status, two headers and
 * the JSON (docs/performance.md).
 *
 * A department that cannot be reached, or does not answer in time, fails its part of the plan with a
 * DepartmentUnreachable saying why (the data source turns it into DEPARTMENT_UNAVAILABLE on that department's fields).
 */
export function departmentFetch(timeoutMs: number, requestTimeoutMs = timeoutMs): typeof fetch {
  // a change that asks the graph back first waits for what it asks — departments that each have the time-out, one after
  // another for a visit's parts — then does its own work: it has the whole request's time, or its own answer would time
  // out while the departments it asked still answer (lib/graph/ask.ts gives its question a little less)
  const askingBackMs = Math.max(timeoutMs, requestTimeoutMs);
  // an idle connection is closed here before the subgraph closes it (SUBGRAPH_KEEP_ALIVE_MS), so a request is never
  // sent on a connection the other side is closing at that moment ("socket hang up")
  const agent = new Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  return ((input: string, init?: RequestInit) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const limit = headers[CALLBACK_HEADER] ? askingBackMs : timeoutMs;
    const body = Buffer.from(String(init?.body ?? ''), 'utf8');
    headers['content-length'] = String(body.length);
    return new Promise<DepartmentAnswer>((resolve, reject) => {
      const sent = request(input, { method: init?.method ?? 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve(
            new DepartmentAnswer(
              input,
              res.statusCode ?? 0,
              res.statusMessage ?? '',
              res.headers,
              Buffer.concat(chunks),
            ),
          );
        });
        res.on('error', fail);
      });
      const timer = setTimeout(() => sent.destroy(new DepartmentUnreachable(`no answer within ${limit} ms`)), limit);
      function fail(error: unknown) {
        clearTimeout(timer);
        if (error instanceof DepartmentUnreachable) return reject(error);
        const reason = networkReason(error);
        reject(reason ? new DepartmentUnreachable(reason) : error);
      }
      sent.on('error', fail);
      sent.end(body);
    });
  }) as unknown as typeof fetch;
}

/** Times each fetch from one subgraph (hub_subgraph_fetch_duration_seconds), by its HTTP status class or "failed". */
export function measuredFetch(subgraph: string, send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const end = subgraphFetchDuration.startTimer({ subgraph });
    try {
      const res = await send(input, init);
      end({ outcome: `${Math.floor(res.status / 100)}xx` });
      return res;
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
  };
}

import { Agent } from 'node:http';
import nodeFetch, { FetchError } from 'node-fetch';
import { CALLBACK_HEADER } from '../lib/auth/callback';
import { subgraphFetchDuration } from '../lib/metrics';
import { SUBGRAPH_KEEP_ALIVE_MS } from '../lib/server/keep-alive';
import { DepartmentUnreachable, networkReason } from './department-down';

const IDLE_CONNECTION_MS = SUBGRAPH_KEEP_ALIVE_MS / 2;

/**
 * How the gateway reaches the departments: node-fetch (what Apollo's own data sources are written against) over
 * kept-alive connections, with a time limit on each answer. Node's global fetch cost the gateway about twice the CPU
 * per subgraph request (WHATWG streams, an AbortSignal and a timer each); see docs/performance.md.
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
  return (async (input: string, init?: RequestInit) => {
    const limit = (init?.headers as Record<string, string> | undefined)?.[CALLBACK_HEADER] ? askingBackMs : timeoutMs;
    try {
      return await nodeFetch(input, {
        method: init?.method,
        headers: init?.headers as Record<string, string>,
        body: init?.body as string,
        agent,
        timeout: limit,
      });
    } catch (error) {
      if (error instanceof FetchError && error.type === 'request-timeout')
        throw new DepartmentUnreachable(`no answer within ${limit} ms`);
      const reason = error instanceof FetchError ? networkReason(error) : undefined;
      throw reason ? new DepartmentUnreachable(reason) : error;
    }
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

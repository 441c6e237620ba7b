import { Agent } from 'node:http';
import nodeFetch, { FetchError } from 'node-fetch';
import { SUBGRAPH_KEEP_ALIVE_MS } from '../lib/server/keep-alive';
import { DepartmentUnreachable } from './department-down';

const IDLE_CONNECTION_MS = SUBGRAPH_KEEP_ALIVE_MS / 2;

/** Words for an operator for the network errors that mean a department's server is not there. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'its server refuses connections',
  ECONNRESET: 'its server dropped the connection',
  ENOTFOUND: 'its server’s host name is unknown',
  EAI_AGAIN: 'its server’s host name is unknown',
  EHOSTUNREACH: 'its server cannot be reached',
  ENETUNREACH: 'its server cannot be reached',
  ETIMEDOUT: 'its server cannot be reached',
  EPIPE: 'its server dropped the connection',
};

/**
 * How the gateway reaches the departments: node-fetch (what Apollo's own data sources are written against) over
 * kept-alive connections, with a time limit on each answer. Node's global fetch cost the gateway about twice the CPU
 * per subgraph request (WHATWG streams, an AbortSignal and a timer each); see README "Performance".
 *
 * A department that cannot be reached, or does not answer in time, fails its part of the plan with a
 * DepartmentUnreachable saying why (the data source turns it into DEPARTMENT_UNAVAILABLE on that department's fields).
 */
export function departmentFetch(timeoutMs: number): typeof fetch {
  // an idle connection is closed here before the subgraph closes it (SUBGRAPH_KEEP_ALIVE_MS), so a request is never
  // sent on a connection the other side is closing at that moment ("socket hang up")
  const agent = new Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  return (async (input: string, init?: RequestInit) => {
    try {
      return await nodeFetch(input, { method: init?.method, headers: init?.headers as Record<string, string>, body: init?.body as string, agent, timeout: timeoutMs });
    } catch (error) {
      if (error instanceof FetchError && error.type === 'request-timeout') throw new DepartmentUnreachable(`no answer within ${timeoutMs} ms`);
      const code = (error as { code?: string }).code;
      if (error instanceof FetchError && code && REASONS[code]) throw new DepartmentUnreachable(REASONS[code]);
      if (error instanceof FetchError && /socket hang up/.test(error.message)) throw new DepartmentUnreachable('its server dropped the connection');
      throw error;
    }
  }) as unknown as typeof fetch;
}

import { type ForwardedIdentity, IDENTITY_HEADER, type IdentityForwarder } from '../lib/auth/forwarded';
import { subgraphUrl } from '../lib/config/settings';
import type { DepartmentBreakers } from './breaker';
import { DepartmentUnreachable, networkReason } from './department-down';

/** How long the gateway's own components (the cohort planner, the resident desk) wait for a department. */
const ASK_TIMEOUT_MS = 30_000;

export interface DepartmentReply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; field?: string } }[];
}

/**
 * Sends one internal operation to a department from the gateway's process, as `identity`, signed for that department
 * and body, through the gateway's breaker for it (gateway/breaker.ts). A department that cannot be reached (no
 * connection, no answer in time, a proxy's 502–504 instead of its answer) is `unavailable(reason)`.
 */
export async function sendToDepartment<T>(
  forwarder: IdentityForwarder,
  breakers: DepartmentBreakers,
  identity: ForwardedIdentity,
  department: string,
  operation: { query: string; variables: Record<string, unknown> },
  unavailable: (reason: string) => Error,
): Promise<DepartmentReply<T>> {
  const body = JSON.stringify(operation);
  const headers = {
    'content-type': 'application/json',
    [IDENTITY_HEADER]: await forwarder.header(identity, { recipient: department, body }),
  };
  // an outage is a DepartmentUnreachable inside the breaker, so that it counts there
  const send = () =>
    fetch(subgraphUrl(department as never), {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
    }).catch((error: unknown) => {
      const reason =
        networkReason(error) ??
        ((error as Error)?.name === 'TimeoutError' ? `no answer within ${ASK_TIMEOUT_MS} ms` : undefined);
      throw reason ? new DepartmentUnreachable(reason) : error;
    });
  const res = await breakers.send(department, send).catch((error: unknown) => {
    throw error instanceof DepartmentUnreachable ? unavailable(error.reason) : error;
  });
  await forwarder.writes.answered(department, identity.subject, res.headers);
  if (!res.headers.get('content-type')?.includes('json') && res.status >= 502 && res.status <= 504)
    throw unavailable(`its server answered ${res.status}`);
  return (await res.json()) as DepartmentReply<T>;
}

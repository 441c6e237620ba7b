import { type ForwardedIdentity, IDENTITY_HEADER, type IdentityForwarder } from '../lib/auth/forwarded';
import type { Identity } from '../lib/auth/identity';
import { NO_SCOPE } from '../lib/auth/scope';
import { subgraphUrl } from '../lib/config/settings';
import type { Department } from '../lib/departments';

export interface DepartmentAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * What the gateway asks a department before it can forward a caller's request (their data scope, who a resident is):
 * asked as that caller with an empty scope, so the department answers only what the question itself may know.
 */
export async function askAsCaller<T>(
  forwarder: IdentityForwarder,
  identity: Identity,
  ask: {
    department: Department;
    operationName: string;
    purpose: string;
    requestId: string;
    query: string;
    variables?: object;
    /** how long to wait for the answer (default 5000 ms; a write the caller asked for may need longer) */
    timeoutMs?: number;
  },
): Promise<DepartmentAnswer<T>> {
  const asking: ForwardedIdentity = {
    ...identity,
    resolvedScope: NO_SCOPE,
    purpose: ask.purpose,
    requestId: ask.requestId,
    operationName: ask.operationName,
  };
  const body = JSON.stringify({ query: ask.query, ...(ask.variables ? { variables: ask.variables } : {}) });
  const res = await fetch(subgraphUrl(ask.department), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: await forwarder.header(asking, { recipient: ask.department, body }),
    },
    body,
    signal: AbortSignal.timeout(ask.timeoutMs ?? 5000),
  });
  await forwarder.writes.answered(ask.department, identity.subject, res.headers);
  return (await res.json()) as DepartmentAnswer<T>;
}

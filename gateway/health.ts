import { subgraphUrl } from '../lib/config/settings';
import { type Department, isDepartment } from '../lib/departments';
import type { BreakerState, DepartmentBreakers } from './breaker';
import { networkReason } from './department-down';

export interface SubgraphHealth {
  name: string;
  status: 'ok' | 'unavailable';
  latencyMs?: number;
  /** the gateway's circuit breaker for it (gateway/breaker.ts): open while its fields fail at once */
  breaker?: BreakerState;
}

/** The subgraphs a supergraph routes to (its join__Graph names). */
export function subgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Asks one department's /health (it and its database answer) or /live (its process answers): the time it took, or
 * why it failed in the words of DEPARTMENT_UNAVAILABLE's reason.
 */
export async function probeSubgraph(
  name: Department,
  kind: 'health' | 'live',
  timeoutMs: number,
): Promise<{ failure?: string; latencyMs?: number }> {
  const started = Date.now();
  try {
    const res = await fetch(subgraphUrl(name).replace(/\/graphql$/, `/${kind}`), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => undefined)) as { reason?: unknown } | undefined;
    const latencyMs = Date.now() - started;
    if (res.ok) return { latencyMs };
    // a subgraph's /health says why (its database)
    const why = typeof body?.reason === 'string' ? `: ${body.reason}` : '';
    return { failure: `its ${kind} probe answered ${res.status}${why}`, latencyMs };
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return { failure: timedOut ? `no answer within ${timeoutMs} ms` : (networkReason(error) ?? 'its probe failed') };
  }
}

/** Asks each subgraph's /health; the hub is healthy when all of them answer. What it finds moves their breakers. */
export async function checkSubgraphs(
  names: string[],
  breakers?: DepartmentBreakers,
  timeoutMs = 2000,
): Promise<{ status: 'ok' | 'degraded'; subgraphs: SubgraphHealth[] }> {
  const subgraphs = await Promise.all(
    names.filter(isDepartment).map(async (name): Promise<SubgraphHealth> => {
      const { failure, latencyMs } = await probeSubgraph(name, 'health', timeoutMs);
      const health: SubgraphHealth = { name, status: failure ? 'unavailable' : 'ok', latencyMs };
      if (latencyMs === undefined) delete health.latencyMs;
      if (!breakers) return health;
      breakers.record(name, failure);
      return { ...health, breaker: breakers.state(name) };
    }),
  );
  return { status: subgraphs.every((s) => s.status === 'ok') ? 'ok' : 'degraded', subgraphs };
}

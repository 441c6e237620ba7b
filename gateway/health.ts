import { subgraphUrl } from '../lib/config/settings';
import { isDepartment } from '../lib/departments';

export interface SubgraphHealth {
  name: string;
  status: 'ok' | 'unavailable';
  latencyMs?: number;
}

/** The subgraphs a supergraph routes to (its join__Graph names). */
export function subgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]);
}

/** Asks each subgraph's /health; the hub is healthy when all of them answer. */
export async function checkSubgraphs(
  names: string[],
): Promise<{ status: 'ok' | 'degraded'; subgraphs: SubgraphHealth[] }> {
  const subgraphs = await Promise.all(
    names.filter(isDepartment).map(async (name): Promise<SubgraphHealth> => {
      const started = Date.now();
      try {
        const res = await fetch(subgraphUrl(name).replace(/\/graphql$/, '/health'), {
          signal: AbortSignal.timeout(2000),
        });
        return { name, status: res.ok ? 'ok' : 'unavailable', latencyMs: Date.now() - started };
      } catch {
        return { name, status: 'unavailable' };
      }
    }),
  );
  return { status: subgraphs.every((s) => s.status === 'ok') ? 'ok' : 'degraded', subgraphs };
}

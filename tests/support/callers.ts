import { readFileSync } from 'node:fs';
import type { Organization } from '../../lib/auth/identity';
import { mintUserToken } from '../../lib/auth/user-token';
import { type GraphQLResponse, graphql, hub } from './hub';
import { testWorld } from './world';

/** Someone asking through the gateway: who they are, where they may look, and why. */
export interface Caller {
  department: Organization;
  role: string;
  /** region ids; the district by default */
  scope?: string[];
  purpose?: string;
  subject?: string;
  /** a resident's own token (department RESIDENT): the register id it names */
  resident?: string;
}

const tokens = new Map<string, Promise<string>>();

export function tokenFor(caller: Caller, ttlSeconds = 3600): Promise<string> {
  const key = JSON.stringify([
    caller.department,
    caller.role,
    caller.scope,
    caller.subject,
    caller.resident,
    ttlSeconds,
  ]);
  if (!tokens.has(key)) {
    const { jwtSecret } = JSON.parse(readFileSync(hub().secretsFile, 'utf8')) as { jwtSecret: string };
    const subject = caller.subject ?? `test-${caller.department}-${caller.role}`.toLowerCase();
    tokens.set(
      key,
      mintUserToken(
        {
          subject,
          name: subject,
          department: caller.department,
          role: caller.role,
          scope: caller.scope ?? [districtId()],
          ...(caller.resident ? { resident: { id: caller.resident } } : {}),
        },
        jwtSecret,
        { ttlSeconds },
      ),
    );
  }
  return tokens.get(key)!;
}

export const districtId = () => testWorld().regions.find((r) => r.level === 'DISTRICT')!.id;

/** `as(gridLeader).graphql(query)` — the request carries the caller's token (and purpose, if any). */
export function as(caller: Caller) {
  const headers = async () => ({
    authorization: `Bearer ${await tokenFor(caller)}`,
    ...(caller.purpose ? { 'x-purpose': encodeURIComponent(caller.purpose) } : {}),
  });
  return {
    async graphql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
      return graphql<T>(query, variables, { headers: await headers() });
    },
    /** data of an operation that must succeed without any error */
    async data<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await graphql<T>(query, variables, { headers: await headers() });
      if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors, null, 2)}`);
      return res.data!;
    },
  };
}

export const gridLeader: Caller = { department: 'GRID', role: 'GRID_LEADER', purpose: '月度走访 2026-11' };
export const registrar: Caller = { department: 'POPULATION', role: 'REGISTRAR' };
export const officer: Caller = { department: 'PUBLIC_SECURITY', role: 'OFFICER' };
export const caseworker: Caller = { department: 'CIVIL_AFFAIRS', role: 'CASEWORKER' };
export const analyst: Caller = { department: 'ANALYTICS', role: 'ANALYST' };
export const gridWorkerOf = (regionId: string): Caller => ({
  department: 'GRID',
  role: 'GRID_WORKER',
  scope: [regionId],
  subject: `worker-of-${regionId}`,
});
export const auditorOf = (department: Organization): Caller => ({ department, role: 'AUDITOR' });

/** A resident as a Caller (for the helpers that take one, e.g. a write-load burst). */
export const callerOfResident = (residentId: string): Caller => ({
  department: 'RESIDENT' as Organization,
  role: 'RESIDENT',
  scope: [],
  subject: `resident-${residentId}`,
  resident: residentId,
});

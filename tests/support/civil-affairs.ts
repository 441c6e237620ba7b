import { readFileSync } from 'node:fs';
import type { ForwardedIdentity } from '../../lib/auth/forwarded';
import { IDENTITY_HEADER, IdentityForwarder } from '../../lib/auth/forwarded';
import { assistanceCases } from '../../subgraphs/civil-affairs/seed-cases';
import { as, type Caller, caseworker } from './callers';
import { type GraphQLResponse, FRESH_CONNECTION, hub } from './hub';
import { testWorld } from './world';

/**
 * Family households of at least two members where nobody has an assistance case in the seed, from the end of the
 * district (other test files use residents from its start), as [household id, member ids].
 */
export function householdsWithoutCases(): { householdId: string; members: string[] }[] {
  const world = testWorld();
  const withCases = new Set(
    assistanceCases(world).flatMap((c) => [
      c.householdId,
      world.residents.find((r) => r.id === c.residentId)!.householdId,
    ]),
  );
  const members = new Map<string, string[]>();
  for (const r of world.residents) members.set(r.householdId, [...(members.get(r.householdId) ?? []), r.id]);
  return world.households
    .filter((h) => h.type === 'FAMILY' && !withCases.has(h.id) && (members.get(h.id)?.length ?? 0) >= 2)
    .reverse()
    .map((h) => ({ householdId: h.id, members: members.get(h.id)! }));
}

/** Posts straight to a department's subgraph as `identity`, signed and bound the way the gateway does it. */
export async function askSubgraphAs(
  department: string,
  identity: ForwardedIdentity,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  const { gatewayPrivateKey } = JSON.parse(readFileSync(hub().secretsFile, 'utf8')) as { gatewayPrivateKey: string };
  const forwarder = await IdentityForwarder.fromPrivateJwk(gatewayPrivateKey);
  const body = JSON.stringify({ query, variables });
  const res = await fetch(hub().subgraphUrls[department], {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...FRESH_CONNECTION,
      [IDENTITY_HEADER]: await forwarder.header(identity, { recipient: department, body }),
    },
    body,
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** A district-wide reviewer (审核审批人): reviews (审核) and approves (审批) what a caseworker took in and investigated. */
export const reviewer: Caller = { department: 'CIVIL_AFFAIRS', role: 'REVIEWER' };

const TAKE_STEP =
  'mutation($id: ID!, $input: ChangeAssistanceCaseInput!) { changeAssistanceCase(id: $id, input: $input) { id status } }';

/** Takes an APPLIED case through 调查 (START_REVIEW, as `investigator`) and 审核 (VERIFY, as `verifier`): it waits for 审批. */
export async function readyForApproval(caseId: string, investigator: Caller = caseworker, verifier: Caller = reviewer) {
  await as(investigator).data(TAKE_STEP, { id: caseId, input: { action: 'START_REVIEW', reason: '入户调查' } });
  await as(verifier).data(TAKE_STEP, { id: caseId, input: { action: 'VERIFY', reason: '调查属实，同意上报' } });
}

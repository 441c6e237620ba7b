import { askGraph } from '../../../lib/graph/ask';
import { notVisible, requireId } from '../../../lib/errors';
import type { GridContext } from '../loaders';

/**
 * Registered in gateway/trusted-documents.json: grid asks population, as the caller, which of the residents a report
 * names exist and are the caller's to name (population answers only those inside the caller's scope).
 */
export const REPORTED_RESIDENTS = 'query ReportedResidents($ids: [ID!]!) { residentsByIds(ids: $ids) { id } }';

/** The residents a report names, each a well-formed key, each once. */
export const namedResidents = (ids: readonly string[] | null | undefined): string[] => [
  ...new Set((ids ?? []).map((id) => requireId(id, 'residentIds'))),
];

/**
 * Refuses a change that names a resident the caller may not see, or who does not exist, exactly like a missing record
 * (and audits the refusal): a reference in a write is checked against the caller's scope and against its owner before
 * anything is committed. `seen` are the keys population already answered for this request.
 */
export function refuseUnseenResidents(ctx: GridContext, named: readonly string[], seen: ReadonlySet<string>): void {
  const unseen = named.find((id) => !seen.has(id));
  if (!unseen) return;
  ctx.audit.note('WRITE', 'Resident', unseen, 'scope', 'DENIED');
  throw notVisible('Resident', unseen);
}

/** Asks population (before any transaction) which of `named` the caller may name, and refuses the rest. */
export async function checkNamedResidents(ctx: GridContext, named: readonly string[]): Promise<void> {
  if (!named.length) return;
  const { data } = await askGraph<{ residentsByIds: { id: string }[] }>(ctx, REPORTED_RESIDENTS, { ids: named });
  refuseUnseenResidents(ctx, named, new Set((data?.residentsByIds ?? []).map((r) => r.id.toLowerCase())));
}

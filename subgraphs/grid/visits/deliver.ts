import { CollectionOutcome, type CollectedPart } from '../../../lib/collection/outcome';
import { askGraphForParts, type GraphAnswer } from '../../../lib/graph/ask';
import { ErrorCode, notVisible } from '../../../lib/errors';
import { GraphQLError } from 'graphql';
import type { GridContext } from '../loaders';
import type { VisitCollectionInput } from '../resolvers/visit.inputs';

const PART_FIELDS = 'department part outcome reason worklistItemId recordId trackingCode';

/**
 * Registered in gateway/trusted-documents.json (askBack grid.recordVisit): the visit hands each owner its part, as the
 * collector, in one request through the gateway; each owner decides its part under its own collection rules, in its own
 * transaction, idempotent under the visit's key. Population's part always goes: it says where the household is (grid
 * records every visit at its building) and which residents the visit may name.
 */
export const DELIVER_VISIT = `mutation DeliverVisit($householdId: ID!, $key: String!, $visitedAt: DateTimeISO, $named: [ID!], $population: PopulationCollectionInput!, $withPublicSecurity: Boolean!, $publicSecurity: PublicSecurityCollectionInput!, $withCivilAffairs: Boolean!, $civilAffairs: CivilAffairsCollectionInput!) { population: collectAtHousehold(householdId: $householdId, idempotencyKey: $key, visitedAt: $visitedAt, collected: $population, namedResidentIds: $named) { visitId household { id building { id communityCode } members { id } } visibleResidentIds parts { ${PART_FIELDS} } } publicSecurity: collectRental(householdId: $householdId, idempotencyKey: $key, collected: $publicSecurity) @include(if: $withPublicSecurity) { parts { ${PART_FIELDS} } } civilAffairs: fileOnBehalf(householdId: $householdId, idempotencyKey: $key, collected: $civilAffairs) @include(if: $withCivilAffairs) { parts { ${PART_FIELDS} } } }`;

export interface VisitedHousehold {
  id: string;
  building: { id: string; communityCode: string };
  members: { id: string }[];
}

interface Answer {
  population: { household: VisitedHousehold; visibleResidentIds: string[]; parts: CollectedPart[] } | null;
  publicSecurity?: { parts: CollectedPart[] } | null;
  civilAffairs?: { parts: CollectedPart[] } | null;
}

/** The departments beside population a visit may carry parts for: the answer's alias and the department's name. */
const OTHER_OWNERS = [
  { alias: 'publicSecurity', department: 'PUBLIC_SECURITY' },
  { alias: 'civilAffairs', department: 'CIVIL_AFFAIRS' },
] as const;
type OtherOwner = (typeof OTHER_OWNERS)[number]['alias'];

export interface Delivery {
  household: VisitedHousehold;
  visibleResidentIds: Set<string>;
  /** every part answered now, in the visit's order; an owner that did not answer is one NOT_DELIVERED part */
  parts: CollectedPart[];
}

const UNREACHABLE = new Set<string>([ErrorCode.DEPARTMENT_UNAVAILABLE, ErrorCode.OVERLOADED]);

/** The owners beside population the visit carries something for. */
export function ownersWithParts(collected: VisitCollectionInput | null | undefined): OtherOwner[] {
  const ps = collected?.publicSecurity;
  return [
    ...((ps?.rental || ps?.tenants?.length ? ['publicSecurity'] : []) as OtherOwner[]),
    ...((collected?.civilAffairs?.applications?.length ? ['civilAffairs'] : []) as OtherOwner[]),
  ];
}

/**
 * Hands each owner its part (`owners`: which of the others to send to now — all on the first call, only those not
 * delivered on a retry). Population not answering refuses the visit (it cannot be placed: send it again); another owner
 * not answering is that owner's part NOT_DELIVERED; an owner refusing its whole part is one REFUSED part with its reason.
 */
export async function deliverVisit(
  ctx: GridContext,
  input: {
    householdId: string;
    idempotencyKey: string;
    visitedAt?: Date | null;
    collected?: VisitCollectionInput | null;
  },
  named: string[],
  owners: readonly OtherOwner[],
): Promise<Delivery> {
  const collected = input.collected;
  const answer: GraphAnswer<Answer> = await askGraphForParts<Answer>(ctx, DELIVER_VISIT, {
    householdId: input.householdId,
    key: input.idempotencyKey,
    ...(input.visitedAt ? { visitedAt: input.visitedAt.toISOString() } : {}),
    named,
    population: collected?.population ?? {},
    withPublicSecurity: owners.includes('publicSecurity'),
    publicSecurity: owners.includes('publicSecurity') ? collected?.publicSecurity : {},
    withCivilAffairs: owners.includes('civilAffairs'),
    civilAffairs: owners.includes('civilAffairs') ? collected?.civilAffairs : { applications: [] },
  });
  const errorAt = (alias: string) => answer.errors.find((e) => e.path?.[0] === alias);

  const population = answer.data?.population;
  if (!population?.household) {
    const error = errorAt('population');
    if (!error || error.extensions?.code === ErrorCode.NOT_FOUND) {
      ctx.audit.note('WRITE', 'Household', input.householdId, 'scope', 'DENIED');
      throw notVisible('Household', input.householdId);
    }
    throw new GraphQLError(`population could not take the visit: ${error.message}`, {
      extensions: { ...error.extensions, code: error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR },
    });
  }
  const parts = [...population.parts];
  for (const { alias, department } of OTHER_OWNERS) {
    if (!owners.includes(alias)) continue;
    const answered = answer.data?.[alias];
    if (answered) {
      parts.push(...answered.parts);
      continue;
    }
    const error = errorAt(alias);
    const unreachable = !error || UNREACHABLE.has(error.extensions?.code ?? '');
    parts.push({
      department,
      part: alias,
      outcome: unreachable ? CollectionOutcome.NOT_DELIVERED : CollectionOutcome.REFUSED,
      reason: unreachable
        ? `${department} did not answer (${error?.message ?? 'no answer'}): send the same visit again with the same idempotencyKey to deliver it`
        : (error?.message ?? null),
      worklistItemId: null,
      recordId: null,
    });
  }
  return {
    household: population.household,
    visibleResidentIds: new Set(population.visibleResidentIds.map((id) => id.toLowerCase())),
    parts,
  };
}

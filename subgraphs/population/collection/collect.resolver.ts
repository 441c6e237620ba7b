import { Arg, Ctx, Field, ID, Info, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { findInScope } from '../../../lib/auth/find-in-scope';
import { type FieldRule, Shared } from '../../../lib/auth/rules';
import { inScope } from '../../../lib/auth/scope';
import { PopulationCollectionInput } from '../../../lib/collection/inputs';
import { CollectedPart } from '../../../lib/collection/outcome';
import { visitIdFor } from '../../../lib/collection/visit-id';
import { formatInstant } from '../../../lib/calendar';
import { badInput, notVisible, requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { CreateOnce, IDEMPOTENCY_KEY_DESCRIPTION, readIdempotencyKey } from '../../../lib/writes/idempotency';
import { residentLocation } from '../access';
import { Household } from '../entities/household';
import type { PopulationContext } from '../loaders';
import { decideCollection } from './collect';
import { CollectionReceipt } from './collected-change';

/**
 * Only grid staff collect on visits, inside their scope, for a stated purpose (the visit): the roles that record visits
 * (grid's recordVisit hands population its part of every visit, and the desk records visits reported to it).
 */
const COLLECTORS: FieldRule = {
  sharing: 'CONDITIONAL',
  ownerRoles: [],
  grantedTo: ['GRID:GRID_WORKER', 'GRID:GRID_LEADER', 'GRID:DISPATCHER'],
  note: 'grid staff collect on the visit of a household in their scope (一次采集), for the visit’s stated purpose',
};

/** The most residents a visit names (a household's members and a few more). */
const MAX_NAMED = 50;

@ObjectType({ description: 'What population did with a visit’s collection for one household (人口信息采集结果)' })
export class HouseholdCollection {
  @Field(() => ID, { description: 'The visit (visitIdFor(collector, idempotencyKey)), named in every change it made' })
  visitId!: string;

  @Field(() => Household, { nullable: true })
  household!: Household;

  @ListSize(3)
  @Field(() => [ID], { description: 'Those of namedResidentIds the collector may see' })
  visibleResidentIds!: string[];

  @ListSize(4)
  @Field(() => [CollectedPart], { description: 'One part per item collected, in the order sent' })
  parts!: CollectedPart[];
}

@Resolver()
export class CollectionResolver {
  @Shared(COLLECTORS)
  // nullable: in a visit's one request (grid's DeliverVisit), an owner's failure leaves the other owners' answers
  @Mutation(() => HouseholdCollection, {
    nullable: true,
    description:
      'Population’s part of a visit (一次采集): each collected item decided under the collection rules (docs/collection-rules.md) — DIRECT facts applied with a history row naming the collector and the visit, PROPOSE items queued for the registry (待核实事项), the rest refused with a reason; confirmFacts moves the members’ verification to the visit. One transaction; a retry with the same key answers the same parts and applies nothing twice. Grid staff only, for a household in their scope',
  })
  async collectAtHousehold(
    @Arg('householdId', () => ID) householdId: string,
    @Arg('idempotencyKey', { description: IDEMPOTENCY_KEY_DESCRIPTION }) idempotencyKey: string,
    @Arg('visitedAt', () => Date, { nullable: true, description: 'When the visit was (default now)' })
    visitedAt: Date | undefined,
    @Arg('collected', () => PopulationCollectionInput) collected: PopulationCollectionInput,
    @Arg('namedResidentIds', () => [ID], { nullable: true, description: 'Residents the visit’s other parts name' })
    namedResidentIds: string[] | undefined,
    @Ctx() ctx: PopulationContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HouseholdCollection> {
    const id = requireId(householdId, 'householdId');
    const visitId = visitIdFor(ctx.identity.subject, readIdempotencyKey(idempotencyKey));
    if (visitedAt && visitedAt.getTime() > Date.now() + 60_000)
      throw badInput(`visitedAt ${formatInstant(visitedAt)} is in the future`, 'visitedAt');
    const named = [...new Set((namedResidentIds ?? []).map((r, i) => requireId(r, `namedResidentIds[${i}]`)))];
    if (named.length > MAX_NAMED)
      throw badInput(`namedResidentIds holds ${named.length} ids; name at most ${MAX_NAMED}`, 'namedResidentIds');
    const household = await findInScope(
      ctx,
      Household,
      id,
      { building: 'building', communityCode: 'building.communityCode' },
      ctx.loaders.household,
    );
    if (!household) {
      ctx.audit.note('WRITE', 'Household', id, 'scope', 'DENIED');
      throw notVisible('Household', id);
    }
    const content = { householdId: id, visitedAt: visitedAt ?? null, collected, namedResidentIds: named };
    const once = new CreateOnce(ctx, 'collectAtHousehold', idempotencyKey, content, (c, receipt) =>
      c.em.findOne(CollectionReceipt, { id: receipt }),
    );
    const receipt =
      (await once.earlier()) ??
      (await once.create(async (tx) => {
        const at = visitedAt ?? new Date();
        const inTx = await tx.em.findOneOrFail(Household, { id }, { populate: ['building'] });
        const parts = await decideCollection(tx, info.schema, { visitId, visitedAt: at, household: inTx, collected });
        const made = tx.em.create(CollectionReceipt, { id: visitId, householdId: id, parts, at: new Date() });
        await tx.em.flush();
        return made;
      }));
    const visible: string[] = [];
    for (const residentId of named) {
      const resident = await ctx.loaders.resident.load(residentId);
      if (resident && inScope(ctx.identity.resolvedScope, await residentLocation(resident, ctx)))
        visible.push(residentId);
    }
    return { visitId, household, visibleResidentIds: visible, parts: receipt.parts as CollectedPart[] };
  }
}

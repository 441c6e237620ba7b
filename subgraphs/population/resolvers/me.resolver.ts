import { Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { isResident, WITHHELD_NOTICE } from '../../../lib/auth/resident';
import { notVisible } from '../../../lib/errors';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';

/**
 * A resident's own view (我的信息, PIPL art. 44–45): their register entry, from which every department's fields on the
 * Resident entity (welfare, 户籍, permits, rentals, events) and on their Household (visits) are reached by entity
 * reference, shown to them whole. What the law withholds is answered alike for everyone (lib/auth/resident.ts).
 */
@ObjectType({ description: 'A resident’s own records across the departments (我的信息)' })
export class Me {
  @Field(() => ID, { description: 'The resident’s id on the register' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Their household (户) on the register; null without one' })
  householdId!: string | null;

  @Field(() => Resident, {
    nullable: true,
    description: 'Their register entry (人口信息), with every department’s fields on it',
  })
  resident!: Resident;

  @Field({
    description:
      'The one notice every resident gets: some public-security records are not disclosed by law (依法不予告知)',
  })
  notice!: string;
}

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, {
    description:
      'Your own records (我的信息), for a resident’s token only; the register entry the token names, unmasked for you',
  })
  async me(@Ctx() ctx: PopulationContext): Promise<Me> {
    const claim = isResident(ctx.identity) ? ctx.identity.resident : undefined;
    // named by register id, or (signing in by ID number) by the number's keyed hash, never the number (sign-in.ts)
    const resident = claim?.id
      ? await ctx.loaders.resident.load(claim.id)
      : claim?.idNumberHash
        ? await ctx.em.findOne(Resident, { idNumberHash: claim.idNumberHash })
        : null;
    if (!resident) throw notVisible('Resident', claim?.id ?? '');
    return { id: resident.id, householdId: resident.household?.id ?? null, resident, notice: WITHHELD_NOTICE };
  }
}

import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { findInScope } from '../../../lib/auth/find-in-scope';
import { requireId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { Building } from '../entities/building';
import { ResidentStatus } from '../entities/enums';
import { Household } from '../entities/household';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';

const HEAD = '02';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true })
  household(@Arg('id', () => ID) id: string, @Ctx() ctx: PopulationContext): Promise<Household | null> {
    return findInScope(
      ctx,
      Household,
      requireId(id),
      { building: 'building', communityCode: 'building.communityCode' },
      ctx.loaders.household,
    );
  }

  @FieldResolver(() => Building)
  async building(@Root() household: Household, @Ctx() ctx: PopulationContext): Promise<Building> {
    return (await ctx.loaders.building.load(household.building.id))!;
  }

  /** an urban household has 2.6 members on average */
  @ListSize(3)
  @FieldResolver(() => [Resident], { description: 'Current members (在册成员)' })
  async members(@Root() household: Household, @Ctx() ctx: PopulationContext): Promise<Resident[]> {
    const members = await ctx.loaders.membersOfHousehold.load(household.id);
    return members.filter((m) => m.status === ResidentStatus.ACTIVE);
  }

  @FieldResolver(() => Resident, {
    nullable: true,
    description: 'Head of household (户主): the member whose relation is 02',
  })
  async head(@Root() household: Household, @Ctx() ctx: PopulationContext): Promise<Resident | null> {
    const members = await this.members(household, ctx);
    return members.find((m) => m.relationCode === HEAD) ?? null;
  }
}

import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { HOUSEHOLD_LOCATION } from '../../../lib/auth/scope';
import { isId } from '../../../lib/errors';
import { ListSize } from '../../../lib/graphql/list-size';
import { AssistanceCase } from '../entities/assistance-case';
import { Household } from '../entities/household';
import type { CivilAffairsContext } from '../loaders';
import { keepActive } from './resident.resolver';

@Resolver(() => Household)
export class HouseholdAssistanceResolver {
  /** most households have no case, few more than one */
  @ListSize(1)
  @Directive(`@requires(fields: "${HOUSEHOLD_LOCATION}")`)
  // nullable: with civil affairs down, the household still comes back from population (DEPARTMENT_UNAVAILABLE here)
  @FieldResolver(() => [AssistanceCase], {
    nullable: true,
    description:
      'Assistance cases covering the household (救助家庭), e.g. its 低保 (every member is covered), newest first',
  })
  async assistance(
    @Root() household: Household,
    @Arg('active', () => Boolean, { nullable: true, description: 'true: only cases now paying (ACTIVE, 享受中)' })
    active: boolean | undefined,
    @Ctx() ctx: CivilAffairsContext,
  ): Promise<AssistanceCase[]> {
    if (!isId(household.id)) return [];
    return keepActive(await ctx.loaders.casesOfHousehold.load(household.id.toLowerCase()), active);
  }
}

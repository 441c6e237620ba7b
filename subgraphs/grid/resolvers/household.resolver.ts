import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { HOUSEHOLD_LOCATION } from '../../../lib/auth/scope';
import { ListSize } from '../../../lib/graphql/list-size';
import { Household } from '../entities/household';
import { Shared } from '../../../lib/auth/rules';
import { Visit, VISIT_RECORD } from '../entities/visit';
import { type GridContext, RECENT_VISITS } from '../loaders';

const WHERE = `@requires(fields: "${HOUSEHOLD_LOCATION}")`;

/** The fields grid adds to population's Household: its visits (走访记录). */
@Resolver(() => Household)
export class HouseholdResolver {
  @ListSize(RECENT_VISITS)
  @Directive(WHERE)
  @Shared(VISIT_RECORD)
  @FieldResolver(() => [Visit], {
    nullable: true,
    description: `The household's latest ${RECENT_VISITS} visits (走访记录), newest first; conditionally shared like the visits themselves`,
  })
  visits(@Root() household: Household, @Ctx() ctx: GridContext): Promise<Visit[]> {
    return ctx.loaders.recentVisitsOfHousehold.load(household.id);
  }

  @Directive(WHERE)
  @Shared(VISIT_RECORD)
  @FieldResolver(() => Visit, {
    nullable: true,
    description: 'The latest visit (最近走访); null if never visited; conditionally shared like the visits themselves',
  })
  async lastVisit(@Root() household: Household, @Ctx() ctx: GridContext): Promise<Visit | null> {
    return (await ctx.loaders.recentVisitsOfHousehold.load(household.id))[0] ?? null;
  }
}

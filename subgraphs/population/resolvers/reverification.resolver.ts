import { Arg, Args, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { findPageWhere } from '../../../lib/graphql/page-query';
import { scopeSql } from '../../../lib/auth/scope-sql';
import { requireId } from '../../../lib/errors';
import { PageArgs, readPage } from '../../../lib/graphql/paging';
import { LocalDate } from '../../../lib/graphql/scalars';
import { Region } from '../entities/region';
import { Resident } from '../entities/resident';
import type { PopulationContext } from '../loaders';
import { reverificationCutoff } from '../reverification';
import { ResidentConnection } from './resident.resolver';

const AS_OF = 'The day of the round (default today in the district; a later day plans ahead): who is due on that day';

/** Where the residents are: a community-code prefix (district, street, community) or buildings (grid, micro-grid, one building). */
interface Area {
  codePrefix: string | null;
  buildingIds: string[];
}

/** The active residents of an area, inside the caller's data scope, whose facts are due for re-verification on `day`. */
function dueIn(ctx: PopulationContext, area: Area, day: string | undefined, paging: PageArgs) {
  const scope = scopeSql(ctx.identity.resolvedScope, { building: 'b.id', communityCode: 'b.community_code' });
  const sql = `t.status = 'ACTIVE' and t.last_verified_at < ? and exists (
      select 1 from household h join building b on b.id = h.building_id
       where h.id = t.household_id and ((?::text is not null and b.community_code like ? || '%') or b.id = any(?::uuid[]))
         and ${scope.sql})`;
  const params = [reverificationCutoff(day), area.codePrefix, area.codePrefix, `{${area.buildingIds.join(',')}}`];
  return findPageWhere(ctx.em, Resident, 'resident', { sql, params: [...params, ...scope.params] }, readPage(paging));
}

/** The grid worker's round (每两个月更新一次): residents whose facts nobody confirmed within HUB_REVERIFY_DAYS days. */
@Resolver()
export class ReverificationResolver {
  @Query(() => ResidentConnection, {
    description:
      'Residents of a building due for re-verification (待核实): active, inside your data scope, whose facts nobody confirmed within the last HUB_REVERIFY_DAYS days (default 60, 每两个月更新一次), a page at a time (ordered by id)',
  })
  residentsDueForReverification(
    @Arg('buildingId', () => ID) buildingId: string,
    @Arg('asOf', () => LocalDate, { nullable: true, description: AS_OF }) asOf: string | undefined,
    @Args() paging: PageArgs,
    @Ctx() ctx: PopulationContext,
  ) {
    return dueIn(ctx, { codePrefix: null, buildingIds: [requireId(buildingId, 'buildingId')] }, asOf, paging);
  }
}

/** The same list for one of grid's regions, from where grid says its households are (as Region.householdCount). */
@Resolver(() => Region)
export class RegionReverificationResolver {
  @Directive('@requires(fields: "householdArea { codePrefix buildingIds }")')
  @FieldResolver(() => ResidentConnection, {
    description:
      'Residents of the region due for re-verification (待核实), as residentsDueForReverification answers for a building',
  })
  residentsDueForReverification(
    @Root() region: Region,
    @Arg('asOf', () => LocalDate, { nullable: true, description: AS_OF }) asOf: string | undefined,
    @Args() paging: PageArgs,
    @Ctx() ctx: PopulationContext,
  ) {
    const area = {
      codePrefix: region.householdArea?.codePrefix ?? null,
      buildingIds: region.householdArea?.buildingIds ?? [],
    };
    return dueIn(ctx, area, asOf, paging);
  }
}

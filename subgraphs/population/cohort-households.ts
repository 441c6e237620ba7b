import { Arg, Ctx, Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { decodeKeys, encodeKeys, keyRows, keyRowsParam } from '../../lib/cohort/keys';
import { boundQuery } from '../../lib/db/prepared';
import { HOUSEHOLDS_OF } from '../../lib/cohort/names';
import { scopeSql } from '../../lib/auth/scope-sql';
import { statisticsScope } from '../../lib/stats/disclosure';
import type { PopulationContext } from './loaders';

/** A cohort's residents with their households, packed and aligned (internal: the cohort planner asks). */
@Directive('@inaccessible')
@ObjectType({ description: 'A cohort’s residents and, at the same position, the household each lives in' })
export class CohortHouseholds {
  @Field({ description: 'The residents, packed (lib/cohort/keys.ts), those of one household together' })
  residents!: string;

  @Field({ description: 'The household of the resident at the same position, packed' })
  households!: string;
}

/**
 * The cohort grouped by household (a worker plans visits by household): population, the one department that knows
 * who lives where, says each resident's household — of the active residents inside the caller's scope only, as every
 * cohort answer — and audits the question.
 */
@Resolver()
export class CohortHouseholdsResolver {
  @Directive('@inaccessible')
  @Query(() => CohortHouseholds, {
    name: HOUSEHOLDS_OF,
    description: 'The households of a cohort’s residents (internal: the cohort planner asks it)',
  })
  async householdsOf(
    @Arg('residents', () => String) residents: string,
    @Ctx() ctx: PopulationContext,
  ): Promise<CohortHouseholds> {
    const scope = scopeSql(statisticsScope(ctx.identity), { building: 'b.id', communityCode: 'b.community_code' });
    const rows = await boundQuery<{ r: string; h: string }>(
      ctx.em,
      `select r.id as r, h.id as h from ${keyRows('c')} join resident r on r.id = c.id join household h on h.id = r.household_id
        join building b on b.id = h.building_id where r.status = 'ACTIVE' and ${scope.sql} order by h.id, r.id`,
      [keyRowsParam(decodeKeys(residents)), ...scope.params],
    );
    const households = new Set(rows.map((row) => row.h));
    for (const field of ['cohort.households', `cohort.households=${households.size}`])
      ctx.audit.note('READ', 'Household', undefined, field);
    return { residents: encodeKeys(rows.map((row) => row.r)), households: encodeKeys(rows.map((row) => row.h)) };
  }
}

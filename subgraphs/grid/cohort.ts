import { Field, ID, InputType } from 'type-graphql';
import { type CohortSection, CohortSectionInput } from '../../lib/cohort/match';
import { badInput, requireId } from '../../lib/errors';
import { EventCategory } from './events/time-limits';
import { visibleEvents } from './events/query';
import { OPEN_STATUSES } from './events/workflow';
import { inSubtree } from './entities/region';
import { VISIT_RECORD } from './entities/visit';
import { scopeSql } from '../../lib/auth/scope-sql';
import { statisticsScope } from '../../lib/stats/disclosure';

@InputType('GridCohort', {
  description:
    'Grid’s conditions of a cohort (网格): where residents live, by the region tree; all given conditions must hold',
})
export class GridCohort extends CohortSectionInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A region with all its descendants: a street, community, grid or micro-grid',
  })
  regionId?: string;

  @Field(() => ID, { nullable: true, description: 'One micro-grid (微网格)' })
  microGridId?: string;
}

/**
 * Grid knows places, not people: it answers with the buildings assigned to micro-grids that match, and population
 * turns them into the residents who live there.
 */
export const gridCohort: CohortSection<GridCohort> = {
  input: GridCohort,
  keyType: 'Building',
  query(where) {
    const clauses = ['true'];
    const params: unknown[] = [];
    if (where.regionId) {
      clauses.push(inSubtree('m', 'r'));
      params.push(requireId(where.regionId, 'where.grid.regionId'));
    }
    if (where.microGridId)
      clauses.push('m.id = ?'), params.push(requireId(where.microGridId, 'where.grid.microGridId'));
    const region = where.regionId ? 'join region r on r.id = ?' : '';
    return {
      sql: `select a.building_id as k from building_assignment a join region m on m.id = a.micro_grid_id ${region} where ${clauses.join(' and ')}`,
      params,
    };
  },
};

@InputType('GridActivityCohort', {
  description: 'Grid’s conditions on people (网格事务): residents named in events; all given conditions must hold',
})
export class GridActivityCohort extends CohortSectionInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: residents named in an event not yet closed or rejected (涉及未结事件), of those you may see',
  })
  inOpenEvents?: boolean;

  @Field(() => EventCategory, { nullable: true, description: 'with inOpenEvents: only events of this category' })
  openEventCategory?: EventCategory;
}

/**
 * Grid's second section, keyed by residents: the residents its events name. The events counted are those the caller
 * may see (events/query.ts visibleEvents), so the condition discloses nothing a list of events would not.
 */
export const gridActivityCohort: CohortSection<GridActivityCohort> = {
  name: 'gridActivity',
  input: GridActivityCohort,
  keyType: 'Resident',
  query(where, ctx) {
    if (where.inOpenEvents !== true)
      throw badInput(
        'gridActivity.inOpenEvents must be true (for the residents in no open event, add not: true)',
        'where.gridActivity.inOpenEvents',
      );
    const visible = visibleEvents(ctx);
    const clauses = ['e.status = any(?::text[])', ...visible.clauses];
    const params: unknown[] = [`{${OPEN_STATUSES.join(',')}}`, ...visible.params];
    if (where.openEventCategory) clauses.push('e.category = ?'), params.push(where.openEventCategory);
    return { sql: `select distinct unnest(e.resident_ids) as k from event e where ${clauses.join(' and ')}`, params };
  },
};

@InputType('GridVisitsCohort', {
  description:
    'Grid’s conditions on visits (走访): residents by their household’s visits; all given conditions must hold',
})
export class GridVisitsCohort extends CohortSectionInput {
  @Field(() => Date, {
    description:
      'Households visited at or after this time (走访过); with not: true, the households not visited since, never visited included (未走访). Visits are conditionally shared: the condition needs the same grant and purpose as Household.visits',
  })
  visitedSince!: Date;
}

/**
 * Grid's third section, keyed by households: a visit is a household's, so grid answers with the households visited
 * (of those in the caller's scope, where the visit was recorded) and population turns them into their residents.
 * "Not visited since" is this section with `not: true`: the residents in scope minus those of the households found.
 */
export const gridVisitsCohort: CohortSection<GridVisitsCohort> = {
  name: 'gridVisits',
  input: GridVisitsCohort,
  keyType: 'Household',
  rules: { visitedSince: VISIT_RECORD },
  query(where, ctx) {
    const scope = scopeSql(statisticsScope(ctx.identity), {
      building: 'v.building_id',
      communityCode: 'v.community_code',
    });
    return {
      sql: `select distinct v.household_id as k from visit v where v.visited_at >= ? and ${scope.sql}`,
      params: [where.visitedSince, ...scope.params],
    };
  },
};

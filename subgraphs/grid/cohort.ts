import { Field, ID, InputType } from 'type-graphql';
import { type CohortSection, CohortSectionInput } from '../../lib/cohort/match';
import { requireId } from '../../lib/errors';
import { inSubtree } from './entities/region';

@InputType('GridCohort', { description: 'Grid’s conditions of a cohort (网格): where residents live, by the region tree; all given conditions must hold' })
export class GridCohort extends CohortSectionInput {
  @Field(() => ID, { nullable: true, description: 'A region with all its descendants: a street, community, grid or micro-grid' })
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
    if (where.microGridId) clauses.push('m.id = ?'), params.push(requireId(where.microGridId, 'where.grid.microGridId'));
    const region = where.regionId ? 'join region r on r.id = ?' : '';
    return { sql: `select a.building_id as k from building_assignment a join region m on m.id = a.micro_grid_id ${region} where ${clauses.join(' and ')}`, params };
  },
};

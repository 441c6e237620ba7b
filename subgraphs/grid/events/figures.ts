import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import type { ResolvedScope } from '../../../lib/auth/scope';
import { scopeSql } from '../../../lib/db/scope';
import { DISPATCH_DEPARTMENTS } from './departments';
import { SUBTREE_IDS } from '../entities/region';

@ObjectType({ description: 'A department’s assessment figures for a region and period (统计、督办、考核)' })
export class DepartmentEventFigures {
  @Field({ description: 'Department code' })
  department!: string;

  @Field({ description: 'Department name' })
  departmentName!: string;

  @Field(() => Int, { description: 'Events dispatched to it in the period (受理数)' })
  received!: number;

  @Field(() => Int, { description: 'Of its events, closed in the period (结案数)' })
  closed!: number;

  @Field(() => Int, { description: 'Closed in the period with no step over its time limit (按时结案数)' })
  closedOnTime!: number;

  @Field(() => Int, { description: 'Its events whose current step is past its time limit now (超期数)' })
  overdue!: number;

  @Field(() => Int, { description: 'Events it returned to the dispatch desk in the period (退回数)' })
  returned!: number;
}

/**
 * The figures of every dispatch department over the events that happened in `regionId`'s subtree inside the caller's
 * scope, from the timeline (who had each event at each move), in ONE statement. Figures, not records: no event leaves.
 */
export async function eventFigures(em: EntityManager, scope: ResolvedScope, regionId: string, from: Date, to: Date): Promise<DepartmentEventFigures[]> {
  const place = scopeSql(scope, { building: 'e.building_id', communityCode: 'e.community_code' });
  const rows: { department: string; received: number; closed: number; closed_on_time: number; overdue: number; returned: number }[] = await em.execute(
    `with scoped as (
       select e.* from event e
        where e.region_id in (${SUBTREE_IDS})
          and ${place.sql}),
     moves as (select t.action, t.department, e.late_steps from event_transition t join scoped e on e.id = t.event_id where t.at >= ? and t.at < ? and t.department is not null)
     select d.department,
            (select count(*) from moves m where m.department = d.department and m.action = 'DISPATCH')::int as received,
            (select count(*) from moves m where m.department = d.department and m.action = 'CLOSE')::int as closed,
            (select count(*) from moves m where m.department = d.department and m.action = 'CLOSE' and m.late_steps = 0)::int as closed_on_time,
            (select count(*) from scoped e where e.department = d.department and e.step_deadline < now())::int as overdue,
            (select count(*) from moves m where m.department = d.department and m.action = 'RETURN')::int as returned
       from unnest(?::text[]) as d(department)`,
    [regionId, ...place.params, from, to, `{${DISPATCH_DEPARTMENTS.map((d) => d.code).join(',')}}`],
  );
  const byCode = new Map(rows.map((r) => [r.department, r]));
  return DISPATCH_DEPARTMENTS.map((d) => {
    const r = byCode.get(d.code)!;
    return { department: d.code, departmentName: d.name, received: r.received, closed: r.closed, closedOnTime: r.closed_on_time, overdue: r.overdue, returned: r.returned };
  });
}

import { Field, Float, Int, ObjectType } from 'type-graphql';
import { scopeSql } from '../../../lib/auth/scope-sql';
import { type Cells, keySecretFor, showRow, statisticsPeriod, statisticsScope } from '../../../lib/stats/disclosure';
import { keyedColumns, keyedCounts, recordKeyJoin, SECRET_CTE } from '../../../lib/stats/keyed-counts';
import type { GridContext } from '../loaders';
import { AssessmentGroup, assessmentFigures } from './assessment';
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

  @Field(() => Int, {
    description:
      'Of the events reported in the period and dispatched to it, those flagged for supervision (督办数), as assessmentFigures counts them',
  })
  supervised!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Satisfaction rate (满意率) of the events reported in the period and dispatched to it: satisfied and basically satisfied answers ÷ follow-ups (回访), as assessmentFigures counts them; null with no follow-up',
  })
  satisfactionRate!: number | null;
}

const MOVES: Record<string, string> = {
  received: "m.action = 'DISPATCH'",
  closed: "m.action = 'CLOSE'",
  closed_on_time: "m.action = 'CLOSE' and m.late_steps = 0",
  returned: "m.action = 'RETURN'",
};

/** the statement, over the caller's place condition (`?` parameters: the secret, the region, the place's, from, to, the departments) */
export const figuresSql = (place: string) =>
  `with ${SECRET_CTE},
     scoped as (
       select e.* from event e
        where e.region_id in (${SUBTREE_IDS})
          and ${place}),
     moves as (
       select t.action, t.department, e.late_steps, k.rk from event_transition t join scoped e on e.id = t.event_id ${recordKeyJoin({ bytes: 'uuid_send(t.event_id) || int8send(t.id)' })}
        where t.at >= ? and t.at < ? and t.department is not null),
     overdue as (
       select e.department, ${keyedCounts({ overdue: 'true' })} from scoped e ${recordKeyJoin('e.id')}
        where e.step_deadline < now() group by e.department),
     counted as (
       select m.department, ${keyedCounts(MOVES, 'm.rk')} from moves m group by m.department)
     select d.department, ${keyedColumns([...Object.keys(MOVES)], 'c')}, ${keyedColumns(['overdue'], 'o')}
       from unnest(?::text[]) as d(department) left join counted c on c.department = d.department left join overdue o on o.department = d.department`;

/**
 * The figures of every dispatch department over the events that happened in `regionId`'s subtree inside the caller's
 * statistics scope, from the timeline (who had each event at each move), in ONE statement. Figures, not records: no
 * event leaves. Each count carries its cell key (moves by the timeline entry, overdue events by the event) and is
 * shown through lib/stats/disclosure.ts; an analytics identity's period is whole days.
 */
export async function eventFigures(
  ctx: GridContext,
  regionId: string,
  asked: { from: Date; to: Date },
): Promise<DepartmentEventFigures[]> {
  const { from, to } = statisticsPeriod(ctx.identity, asked.from, asked.to);
  const place = scopeSql(statisticsScope(ctx.identity), {
    building: 'e.building_id',
    communityCode: 'e.community_code',
  });
  const rows: Cells[] = await ctx.em.execute(figuresSql(place.sql), [
    keySecretFor(ctx.identity),
    regionId,
    ...place.params,
    from,
    to,
    `{${DISPATCH_DEPARTMENTS.map((d) => d.code).join(',')}}`,
  ]);
  const byCode = new Map(rows.map((r) => [r.department, showRow(ctx.identity, r).cells]));
  const assessed = new Map(
    (await assessmentFigures(ctx, regionId, asked, AssessmentGroup.DEPARTMENT)).map((a) => [a.unit, a]),
  );
  return DISPATCH_DEPARTMENTS.map((d) => {
    const r = byCode.get(d.code)! as Record<string, number>;
    const a = assessed.get(d.code);
    return {
      department: d.code,
      departmentName: d.name,
      received: r.received,
      closed: r.closed,
      closedOnTime: r.closed_on_time,
      overdue: r.overdue,
      returned: r.returned,
      supervised: a?.supervised ?? 0,
      satisfactionRate: a?.satisfactionRate ?? null,
    };
  });
}

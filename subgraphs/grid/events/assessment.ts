import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { scopeSql } from '../../../lib/auth/scope-sql';
import { type Cells, keySecretFor, showRow, statisticsPeriod, statisticsScope } from '../../../lib/stats/disclosure';
import { keyedColumns, keyedCounts, recordKeyJoin, SECRET_CTE } from '../../../lib/stats/keyed-counts';
import { SUBTREE_IDS } from '../entities/region';
import type { GridContext } from '../loaders';
import { DISPATCH_DEPARTMENTS } from './departments';

export enum AssessmentGroup {
  GRID = 'GRID',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(AssessmentGroup, {
  name: 'AssessmentGroup',
  description: 'What assessment figures are counted per (考核对象)',
  valuesConfig: {
    GRID: { description: '网格: the grid the event happened in' },
    DEPARTMENT: { description: '责任部门: the department the event is (or was closed) with' },
  },
});

/** The definitions, once: the schema's descriptions and docs/grid.md say the same. */
const DEFINED = {
  received:
    'Events reported in the period and not rejected (受理数); per department, those dispatched to it (the department holding it now or closed with it)',
  responded:
    'Of those, taken in within the step’s time limit (按时响应数): per grid, registered (立案) before the REPORTED step’s limit; per department, signed for (签收) before the DISPATCHED step’s limit',
  closed: 'Of those, closed now (结案数)',
  closedOnTime:
    'Of those, closed with no step over its time limit (按时结案数): every move compared with its step’s deadline (events/time-limits.ts stepDeadline) when it was made',
  supervised: 'Of those, flagged for supervision at least once (督办数)',
  followedUp: 'Of those, followed up after closing (回访数); each event counts its latest answer',
  satisfied: 'Of those followed up, whose latest answer is SATISFIED or BASICALLY_SATISFIED (满意数)',
  responseRate: '响应率 = responded ÷ received; null when nothing was received',
  resolutionRate: '解决率 = closed ÷ received; null when nothing was received',
  onTimeClosureRate:
    '按时结案率 = closedOnTime ÷ received (never above resolutionRate); null when nothing was received',
  satisfactionRate: '满意率 = satisfied ÷ followedUp; null when no one was followed up',
} as const;

@ObjectType({
  description:
    'Assessment figures (考核) of a grid or a department over a period: the three rates of 接诉即办 (响应率, 解决率, 满意率) beside on-time closure and supervision',
})
export class AssessmentFigures {
  @Field(() => ID, { description: 'The grid’s id, or the department’s code' })
  unit!: string;

  @Field({ description: 'The grid’s or department’s name' })
  name!: string;

  @Field(() => Int, { description: DEFINED.received })
  received!: number;

  @Field(() => Int, { description: DEFINED.responded })
  responded!: number;

  @Field(() => Int, { description: DEFINED.closed })
  closed!: number;

  @Field(() => Int, { description: DEFINED.closedOnTime })
  closedOnTime!: number;

  @Field(() => Int, { description: DEFINED.supervised })
  supervised!: number;

  @Field(() => Int, { description: DEFINED.followedUp })
  followedUp!: number;

  @Field(() => Int, { description: DEFINED.satisfied })
  satisfied!: number;

  @Field(() => Float, { nullable: true, description: DEFINED.responseRate })
  responseRate!: number | null;

  @Field(() => Float, { nullable: true, description: DEFINED.resolutionRate })
  resolutionRate!: number | null;

  @Field(() => Float, { nullable: true, description: DEFINED.onTimeClosureRate })
  onTimeClosureRate!: number | null;

  @Field(() => Float, { nullable: true, description: DEFINED.satisfactionRate })
  satisfactionRate!: number | null;
}

const COUNTS: Record<string, string> = {
  received: 'true',
  responded: 'c.responded',
  closed: "c.status = 'CLOSED'",
  closed_on_time: "c.status = 'CLOSED' and c.late_steps = 0",
  supervised: 'c.supervised',
  followed_up: 'c.satisfaction is not null',
  satisfied: "c.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED')",
};

/** Per group: the unit an event counts for, the step whose timely ending is its response, and the list of units. */
const GROUPS: Record<AssessmentGroup, { unit: string; responded: string; units: string }> = {
  GRID: {
    unit: "case when r.level = 'GRID' then r.id else r.parent_id end::text",
    responded: "t.from_status = 'REPORTED' and t.action = 'REGISTER'",
    // the grids below the region, or the grid of a micro-grid asked about
    units: `select g.id::text as unit, g.name from region g
             where g.level = 'GRID' and (g.id in (${SUBTREE_IDS}) or g.id = (select parent_id from region where id = ? and level = 'MICRO_GRID'))`,
  },
  DEPARTMENT: {
    unit: 'e.department',
    responded: "t.from_status = 'DISPATCHED' and t.action = 'ACCEPT' and t.department = e.department",
    units: 'select d.unit, d.name from unnest(?::text[], ?::text[]) as d(unit, name)',
  },
};

/**
 * The statement (`?` parameters: the secret, the region, the place's, from, to, then the units'). The events reported
 * in the period in the region's subtree and the caller's statistics scope, each counted once for its unit, with its
 * record key; counts come back with their cell keys, to be shown through the disclosure control.
 */
export const assessmentSql = (group: AssessmentGroup, place: string) => {
  const g = GROUPS[group];
  return `with ${SECRET_CTE},
     cohort as (
       select e.id, ${g.unit} as unit, e.status, e.late_steps,
              exists (select 1 from event_transition t where t.event_id = e.id and ${g.responded} and not t.late) as responded,
              exists (select 1 from event_supervision v where v.event_id = e.id) as supervised,
              (select f.satisfaction from event_follow_up f where f.event_id = e.id order by f.at desc limit 1) as satisfaction
         from event e join region r on r.id = e.region_id
        where e.region_id in (${SUBTREE_IDS}) and ${place}
          and e.reported_at >= ? and e.reported_at < ? and e.status <> 'REJECTED'),
     counted as (
       select c.unit, ${keyedCounts(COUNTS)} from cohort c ${recordKeyJoin('c.id')} where c.unit is not null group by c.unit),
     units as (${g.units})
     select u.unit, u.name, ${keyedColumns(Object.keys(COUNTS), 'n')}
       from units u left join counted n on n.unit = u.unit
      order by u.name, u.unit`;
};

/** A PostgreSQL text[] literal, each element quoted (a name may hold a comma or a space). */
const textArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** part ÷ whole to four places, at most 1 (counts shown through the disclosure control are perturbed one by one) */
const rate = (part: number, whole: number) =>
  whole > 0 ? Math.min(1, Math.round((part / whole) * 10_000) / 10_000) : null;

/**
 * Assessment figures per grid or per department over the events reported in `asked` in `regionId`'s subtree, inside
 * the caller's statistics scope, in ONE statement. The counts are of events (records of places, not persons), but the
 * satisfaction counts are persons' answers: every count carries its cell key and is shown through
 * lib/stats/disclosure.ts like eventFigures' (an analytics identity sees perturbed small counts, whole days), and the
 * rates are computed from the counts as shown.
 */
export async function assessmentFigures(
  ctx: GridContext,
  regionId: string,
  asked: { from: Date; to: Date },
  group: AssessmentGroup,
): Promise<AssessmentFigures[]> {
  const { from, to } = statisticsPeriod(ctx.identity, asked.from, asked.to);
  const place = scopeSql(statisticsScope(ctx.identity), {
    building: 'e.building_id',
    communityCode: 'e.community_code',
  });
  const unitParams =
    group === AssessmentGroup.GRID
      ? [regionId, regionId]
      : [textArray(DISPATCH_DEPARTMENTS.map((d) => d.code)), textArray(DISPATCH_DEPARTMENTS.map((d) => d.name))];
  const rows: Cells[] = await ctx.em.execute(assessmentSql(group, place.sql), [
    keySecretFor(ctx.identity),
    regionId,
    ...place.params,
    from,
    to,
    ...unitParams,
  ]);
  return rows.map((row) => {
    const c = showRow(ctx.identity, row).cells as Record<string, number>;
    return {
      unit: String(row.unit),
      name: String(row.name),
      received: c.received,
      responded: c.responded,
      closed: c.closed,
      closedOnTime: c.closed_on_time,
      supervised: c.supervised,
      followedUp: c.followed_up,
      satisfied: c.satisfied,
      responseRate: rate(c.responded, c.received),
      resolutionRate: rate(c.closed, c.received),
      onTimeClosureRate: rate(c.closed_on_time, c.received),
      satisfactionRate: rate(c.satisfied, c.followed_up),
    };
  });
}

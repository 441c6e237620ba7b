import { defineFigures } from '../../lib/stats/figures';

/** Grid's own figures of a region (lib/stats/figures.ts): its tree and building assignment, not personal data. */
export const GRID_FIGURES = defineFigures({
  department: 'grid',
  path: ['grid'],
  type: 'GridFigures',
  description: 'Grid-management figures of a region (网格化管理统计)',
  figures: [
    {
      name: 'grids',
      zh: '网格数',
      description: 'Grids in the region',
      unit: 'records',
      disclosure: 'exact',
      dashboard: 'csv',
    },
    {
      name: 'buildings',
      zh: '入格楼栋',
      description: 'Buildings assigned to its micro-grids',
      unit: 'records',
      disclosure: 'exact',
      dashboard: 'csv',
    },
    { name: 'staff', zh: '网格力量', description: 'Staff serving in the region', unit: 'people', disclosure: 'exact' },
    {
      name: 'targetHouseholds',
      zh: '服务户数',
      description: 'Target households of its grids',
      unit: 'households',
      disclosure: 'exact',
      dashboard: 'csv',
    },
  ],
});

/**
 * Grid's work in a region as of the day (事件与走访), counted in region-work-figures.ts: open and overdue events over
 * `event` (`e`, `p.at` the end of the day), visited households in a fragment of the statement (a distinct count).
 */
export const GRID_WORK_FIGURES = defineFigures({
  department: 'grid',
  path: ['gridWork'],
  type: 'GridWorkFigures',
  description: 'Events and visits of a region as of the day (事件与走访统计)',
  figures: [
    {
      name: 'openEvents',
      zh: '未结事件',
      description: 'Events open at the end of the day: reported and neither closed nor rejected',
      unit: 'events',
      disclosure: 'count',
      sql: { over: 'event', where: 'true' },
      dashboard: 'card',
    },
    {
      name: 'overdueEvents',
      zh: '超期事件',
      description: 'Of the open events, those whose current step was past its time limit at the end of the day',
      unit: 'events',
      disclosure: 'count',
      sql: {
        over: 'event',
        where:
          '(select t.deadline from event_transition t where t.event_id = e.id and t.at <= p.at order by t.at desc, t.id desc limit 1) < p.at',
      },
      dashboard: 'card',
    },
    {
      name: 'visitedHouseholds',
      zh: '本月走访户数',
      description:
        'Households visited in the month of the day, up to its end; coverage divides them by population.householdsWithResidents',
      unit: 'households',
      disclosure: 'count',
      dashboard: 'csv',
    },
    {
      name: 'visitCoverage',
      zh: '走访覆盖率',
      description:
        'Visit coverage this month: households visited ÷ households where at least one active resident lives (population.householdsWithResidents), in per cent; households with no active resident are not counted',
      unit: 'percent',
      disclosure: 'count',
      ratio: ['visitedHouseholds', 'householdsWithResidents'],
      dashboard: 'card',
    },
  ],
});

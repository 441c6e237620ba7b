/**
 * Grid's loose checks (issue 21 item 3): a report's source follows the reporter's role, and the demo dispatches each
 * event only to a department that handles its category (one declaration: subgraphs/grid/events/departments.ts).
 */
import { eventRows } from '../subgraphs/grid/seed.events';
import { as, gridWorkerOf } from './support/callers';
import { dispatcher, gridSql, nthGrid, reportOf } from './support/grid';
import { testWorld } from './support/world';

const world = testWorld();

describe('the source of a report', () => {
  const { grid, buildings } = nthGrid(1);
  const worker = gridWorkerOf(grid.id);
  const REPORT = `mutation ($input: ReportEventInput!, $source: EventSource) { reportEvent(input: $input, source: $source) { source } }`;
  const eventsOf = (key: string) =>
    gridSql(`select count(*)::int as events from event where idempotency_key = $1`, [key]);

  it('is refused as HOTLINE or STREET_CALL from a grid worker, and nothing is written', async () => {
    for (const source of ['HOTLINE', 'STREET_CALL']) {
      const input = reportOf(buildings[0].id);
      const res = await as(worker).graphql(REPORT, { input, source });
      expect(res).toEqual({
        status: 200,
        data: null,
        errors: [
          {
            message: `a GRID_WORKER reports with source GRID_WORKER; ${source} calls are taken in by the dispatch desk (DISPATCHER)`,
            path: ['reportEvent'],
            extensions: { code: 'BAD_USER_INPUT', field: 'source', serviceName: 'grid' },
          },
        ],
      });
      expect(await eventsOf(input.idempotencyKey)).toEqual([{ events: 0 }]);
    }
  });

  it('is the grid worker’s own by default, and HOTLINE when the dispatch desk enters a 12345 call', async () => {
    const own = await as(worker).data(REPORT, { input: reportOf(buildings[0].id) });
    const call = await as(dispatcher).data(REPORT, { input: reportOf(buildings[0].id), source: 'HOTLINE' });
    expect([own, call]).toEqual([{ reportEvent: { source: 'GRID_WORKER' } }, { reportEvent: { source: 'HOTLINE' } }]);
  });
});

describe('the departments events are dispatched to', () => {
  it('handle the categories they are declared for, and the demo dispatched every event to one of them', async () => {
    const { eventDepartments } = await as(dispatcher).data('{ eventDepartments { code handles } }');
    const handles = new Map<string, string[]>(
      eventDepartments.map((d: { code: string; handles: string[] }) => [d.code, d.handles]),
    );
    expect(handles.get('STREET_OFFICE')).toContain('PUBLIC_OPINION');
    expect(handles.get('POPULATION')).toEqual([]);
    const seeded = eventRows(world, new Date()).events.map((e) => e.id);
    const dispatches: { category: string; department: string; title: string }[] = await gridSql(
      `select e.category, e.title, t.department from event e join event_transition t on t.event_id = e.id
        where t.action = 'DISPATCH' and e.id = any($1::uuid[])`,
      [seeded],
    );
    expect(dispatches.length).toBeGreaterThan(10);
    expect(dispatches.filter((d) => !handles.get(d.department)?.includes(d.category))).toEqual([]);
    // the complaint about a bus route (社情民意) goes to the street office, never to the population register
    expect(new Set(dispatches.filter((d) => d.title === '居民反映公交线路调整').map((d) => d.department))).toEqual(
      new Set(['STREET_OFFICE']),
    );
  });
});

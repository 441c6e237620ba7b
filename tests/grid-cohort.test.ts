/** Grid's people section of a cohort (gridActivity): residents named in open events, of the events the caller may see. */
import { OPEN_STATUSES } from '../subgraphs/grid/events/workflow';
import { eventRows } from '../subgraphs/grid/seed.events';
import { as, caseworker } from './support/callers';
import { dispatcher, nthGrid } from './support/grid';
import { testWorld } from './support/world';

const COHORT = `query ($grid: ID!) { cohort(where: { grid: { regionId: $grid }, gridActivity: { inOpenEvents: true } }, first: 100) { totalCount nodes { id } } }`;

describe('cohort: involved in open events', () => {
  const { grid } = nthGrid(0);
  const microGrids = new Set(
    testWorld()
      .regions.filter((r) => r.parentId === grid.id)
      .map((r) => r.id),
  );
  const open = eventRows(testWorld(), new Date()).events.filter(
    (e) => microGrids.has(e.regionId) && OPEN_STATUSES.includes(e.status),
  );
  const involved = (events: typeof open) => [...new Set(events.flatMap((e) => e.residentIds))].sort();

  it('finds the residents of a grid named in events not yet closed, with the total', async () => {
    const expected = involved(open);
    expect(expected.length).toBeGreaterThan(0);
    expect(await as(dispatcher).data(COHORT, { grid: grid.id })).toEqual({
      cohort: { totalCount: expected.length, nodes: expected.map((id) => ({ id })) },
    });
  });

  it('counts for a department only the events dispatched to it', async () => {
    const expected = involved(open.filter((e) => e.department === 'CIVIL_AFFAIRS'));
    expect(await as({ ...caseworker, purpose: '事件处置' }).data(COHORT, { grid: grid.id })).toEqual({
      cohort: { totalCount: expected.length, nodes: expected.map((id) => ({ id })) },
    });
  });

  it('refuses inOpenEvents: false with a hint', async () => {
    const res = await as(dispatcher).graphql(
      `{ cohort(where: { gridActivity: { inOpenEvents: false } }) { totalCount } }`,
    );
    expect(res.errors?.[0]).toEqual(
      expect.objectContaining({
        message: 'gridActivity.inOpenEvents must be true (for the residents in no open event, add not: true)',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    );
  });
});

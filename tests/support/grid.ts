import { randomUUID } from 'node:crypto';
import { as, type Caller } from './callers';
import type { GraphQLResponse } from './hub';
import { ownerSql } from './hub';
import { testWorld } from './world';

/** The dispatch desk of the whole district (派遣台). */
export const dispatcher: Caller = { department: 'GRID', role: 'DISPATCHER', subject: 'dispatcher-1' };
/** A grid leader whose scope is one grid's community, and a grid worker of one grid. */
export const gridLeaderOf = (regionId: string): Caller => ({
  department: 'GRID',
  role: 'GRID_LEADER',
  scope: [regionId],
  subject: `leader-of-${regionId}`,
  purpose: '月度走访 2026-12',
});

/** The nth general grid of the test district, its micro-grids, buildings and households. */
export function nthGrid(n: number) {
  const w = testWorld();
  const grid = w.regions.filter((r) => r.level === 'GRID' && r.gridType === 'GENERAL')[n];
  const microGrids = new Set(w.regions.filter((r) => r.parentId === grid.id).map((r) => r.id));
  const buildings = w.buildings.filter((b) => microGrids.has(b.microGridId)).sort((a, b) => a.id.localeCompare(b.id));
  const inGrid = new Set(buildings.map((b) => b.id));
  const households = w.households.filter((h) => inGrid.has(h.buildingId));
  const community = w.regions.find((r) => r.id === grid.parentId)!;
  return {
    grid,
    community,
    buildings,
    households,
    residentsOf: (householdId: string) => w.residents.filter((r) => r.householdId === householdId),
  };
}

export const EVENT_FIELDS =
  'id status version department handlingRegion { id } timeline { action fromStatus toStatus actorRole comment department late }';

/** A report's input for a building, under a fresh idempotency key. */
export const reportOf = (buildingId: string, extra: Record<string, unknown> = {}) => ({
  // unique across files: a jest worker runs many files in one process, each with its module state afresh
  idempotencyKey: `test-${randomUUID()}`,
  category: 'SAFETY_HAZARD',
  title: '楼道堆放杂物',
  description: '三单元楼道堆放纸箱',
  buildingId,
  ...extra,
});

/** `caller` reports an event and gets its answer. */
export function reportEvent(
  caller: Caller,
  input: Record<string, unknown>,
  fields = EVENT_FIELDS,
): Promise<GraphQLResponse> {
  return as(caller).graphql(`mutation ($input: ReportEventInput!) { reportEvent(input: $input) { ${fields} } }`, {
    input,
  });
}

/** `caller` moves `event` (at the version it was seen) by `action`. */
export function move(
  caller: Caller,
  event: { id: string; version: number },
  action: string,
  extra: { comment?: string; department?: string } = {},
): Promise<GraphQLResponse> {
  return as(caller).graphql(
    `mutation ($input: TransitionEventInput!) { transitionEvent(input: $input) { ${EVENT_FIELDS} } }`,
    {
      input: { id: event.id, version: event.version, action, ...extra },
    },
  );
}

/** Runs SQL on grid's database as its owner (to look under the hub, never to arrange a test). */
export const gridSql = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => ownerSql<T>('grid', sql, params);

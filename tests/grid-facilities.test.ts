/**
 * The facility register (采物, issue 22 item 4) through the gateway: registering a city component (城市部件) at a building
 * or at coordinates, a retried registration, bad input writing nothing, the scope, condition changes with their
 * history, the register's pages, Building.facilities, and events that name a facility.
 */
import { as, gridWorkerOf, registrar } from './support/callers';
import { gridSql, nthGrid, reportEvent, reportOf } from './support/grid';

const { grid, buildings } = nthGrid(3);
const other = nthGrid(2);
const worker = gridWorkerOf(grid.id);
const building = buildings.at(-1)!;
const run = `${process.pid}-${Date.now()}`;
let keys = 0;
const key = () => `facility-${run}-${++keys}`;

const FIELDS = `id name condition version longitude latitude recordedByName
  class { code name majorCode majorName } region { id } building { id }
  conditionHistory { fromCondition toCondition note actorName } events { id }`;
const REGISTER = `mutation ($input: RegisterFacilityInput!) { registerFacility(input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation ($id: ID!, $condition: FacilityCondition!, $note: String) {
  changeFacilityCondition(id: $id, condition: $condition, note: $note) { ${FIELDS} } }`;

const hydrant = (extra: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  classCode: '0117',
  name: `测试消防栓 ${run} ${keys}`,
  buildingId: building.id,
  ...extra,
});

const rowsNamed = async (name: string) =>
  (await gridSql('select count(*)::int as n from facility where name = $1', [name]))[0].n;

describe('the facility register (采物)', () => {
  it('lists the declared component classes of GB/T 30428.2', async () => {
    const { facilityClasses } = await as(worker).data('{ facilityClasses { code name majorCode majorName } }');
    expect(facilityClasses).toContainEqual({ code: '0117', name: '消防栓', majorCode: '01', majorName: '公用设施' });
    expect(facilityClasses.every((c: { code: string }) => /^\d{4}$/.test(c.code))).toBe(true);
  });

  it('registers a component at a building, with its first history entry', async () => {
    const input = hydrant({ note: '新装' });
    const { registerFacility } = await as(worker).data(REGISTER, { input });
    expect(registerFacility).toEqual({
      id: expect.any(String),
      name: input.name,
      condition: 'GOOD',
      version: 1,
      longitude: null,
      latitude: null,
      recordedByName: worker.subject,
      class: { code: '0117', name: '消防栓', majorCode: '01', majorName: '公用设施' },
      region: { id: building.microGridId },
      building: { id: building.id },
      conditionHistory: [{ fromCondition: null, toCondition: 'GOOD', note: '新装', actorName: worker.subject }],
      events: [],
    });
  });

  it('registers a component at coordinates in a micro-grid', async () => {
    const input = {
      idempotencyKey: key(),
      classCode: '0131',
      name: `测试路灯 ${run}`,
      regionId: building.microGridId,
      longitude: 116.4321,
      latitude: 39.9123,
      condition: 'DAMAGED',
    };
    const { registerFacility } = await as(worker).data(REGISTER, { input });
    expect({ ...registerFacility, id: undefined, conditionHistory: undefined }).toEqual({
      name: input.name,
      condition: 'DAMAGED',
      version: 1,
      longitude: 116.4321,
      latitude: 39.9123,
      recordedByName: worker.subject,
      class: { code: '0131', name: '路灯', majorCode: '01', majorName: '公用设施' },
      region: { id: building.microGridId },
      building: null,
      events: [],
    });
  });

  it('answers a retry with the same key with the same facility, and makes it once', async () => {
    const input = hydrant();
    const first = (await as(worker).data(REGISTER, { input })).registerFacility;
    const again = (await as(worker).data(REGISTER, { input })).registerFacility;
    expect(again).toEqual(first);
    expect(await rowsNamed(input.name)).toBe(1);
    const other = await as(worker).graphql(REGISTER, { input: { ...input, name: `${input.name} 另一个` } });
    expect(other.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it.each([
    ['both a building and coordinates', { longitude: 116.4, latitude: 39.9 }, 'buildingId'],
    ['neither a building nor coordinates', { buildingId: undefined, regionId: grid.id }, 'buildingId'],
    ['one coordinate only', { buildingId: undefined, regionId: grid.id, longitude: 116.4 }, 'longitude'],
    ['coordinates without a region', { buildingId: undefined, longitude: 116.4, latitude: 39.9 }, 'regionId'],
    ['a class the table does not have', { classCode: '9999' }, 'classCode'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_what, change, field) => {
    const input = hydrant(change);
    const res = await as(worker).graphql(REGISTER, { input });
    expect(res.errors?.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }))).toEqual([
      { code: 'BAD_USER_INPUT', field },
    ]);
    expect(await rowsNamed(input.name)).toBe(0);
    expect(
      await gridSql('select count(*)::int as n from idempotency_key where key = $1', [input.idempotencyKey]),
    ).toEqual([{ n: 0 }]);
  });

  it('refuses a registration outside the caller’s scope, and anyone but grid staff', async () => {
    const outside = hydrant({ buildingId: other.buildings[0].id });
    const res = await as(worker).graphql(REGISTER, { input: outside });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const byRegistrar = await as(registrar).graphql(REGISTER, { input: hydrant() });
    expect(byRegistrar.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await rowsNamed(outside.name)).toBe(0);
  });

  it('records a change of condition with its history, refuses a change to the same condition, and the other grid', async () => {
    const { registerFacility: made } = await as(worker).data(REGISTER, { input: hydrant() });
    const { changeFacilityCondition: changed } = await as(worker).data(CHANGE, {
      id: made.id,
      condition: 'DAMAGED',
      note: '阀门漏水',
    });
    expect({ condition: changed.condition, version: changed.version, history: changed.conditionHistory }).toEqual({
      condition: 'DAMAGED',
      version: 2,
      history: [
        { fromCondition: null, toCondition: 'GOOD', note: null, actorName: worker.subject },
        { fromCondition: 'GOOD', toCondition: 'DAMAGED', note: '阀门漏水', actorName: worker.subject },
      ],
    });
    const same = await as(worker).graphql(CHANGE, { id: made.id, condition: 'DAMAGED' });
    expect(same.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const stranger = await as(gridWorkerOf(other.grid.id)).graphql(CHANGE, { id: made.id, condition: 'MISSING' });
    expect(stranger.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(
      await gridSql(
        'select f.condition, f.version, (select count(*)::int from facility_condition_change c where c.facility_id = f.id) as entries from facility f where f.id = $1',
        [made.id],
      ),
    ).toEqual([{ condition: 'DAMAGED', version: 2, entries: 2 }]);
  });

  it('lists the register of a region a page at a time, by class and condition, and on the building', async () => {
    const mine = (await as(worker).data(REGISTER, { input: hydrant() })).registerFacility;
    const inGrid = `f.region_id in (select m.id from region m where m.path like (select path from region where id = $1) || '%')`;
    const registered = (where: string) =>
      gridSql(`select id from facility f where ${inGrid} and ${where} order by recorded_at desc, id desc`, [grid.id]);
    const hydrants = await registered("f.class_code = '0117'");
    // the seed put one at the grid's first building
    expect(hydrants.length).toBeGreaterThanOrEqual(2);
    const PAGE =
      'query ($r: ID!, $after: String) { facilities(regionId: $r, class: "0117", first: 1, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }';
    const first = (await as(worker).data(PAGE, { r: grid.id })).facilities;
    expect({ totalCount: first.totalCount, nodes: first.nodes, more: first.pageInfo.hasNextPage }).toEqual({
      totalCount: hydrants.length,
      nodes: [{ id: mine.id }],
      more: true,
    });
    const second = (await as(worker).data(PAGE, { r: grid.id, after: first.pageInfo.endCursor })).facilities;
    expect(second.nodes).toEqual([hydrants[1]]);
    const damaged = await as(worker).data(
      'query ($r: ID!) { facilities(regionId: $r, condition: DAMAGED, first: 100) { nodes { id } } }',
      { r: grid.id },
    );
    expect(damaged.facilities.nodes).toEqual(await registered("f.condition = 'DAMAGED'"));
    // another grid's worker sees none of this grid's register
    const outside = await as(gridWorkerOf(other.grid.id)).data(
      'query ($r: ID!) { facilities(regionId: $r) { totalCount } }',
      { r: grid.id },
    );
    expect(outside.facilities.totalCount).toBe(0);
    const { building: onBuilding } = await as(worker).data(
      'query ($id: ID!) { building(id: $id) { facilities { id } } }',
      { id: building.id },
    );
    expect(onBuilding.facilities).toEqual(
      await gridSql('select id from facility where building_id = $1 order by class_code, id', [building.id]),
    );
    expect(onBuilding.facilities).toContainEqual({ id: mine.id });
  });

  it('places an event naming a facility where the facility stands, and lists it on the facility', async () => {
    const { registerFacility: made } = await as(worker).data(REGISTER, { input: hydrant() });
    const reported = await reportEvent(
      worker,
      reportOf(building.id, { buildingId: undefined, facilityId: made.id }),
      'id building { id } region { id } facility { id name }',
    );
    expect(reported.errors).toBeUndefined();
    expect(reported.data.reportEvent).toEqual({
      id: expect.any(String),
      building: { id: building.id },
      region: { id: building.microGridId },
      facility: { id: made.id, name: made.name },
    });
    const { facility } = await as(worker).data('query ($id: ID!) { facility(id: $id) { events { id } } }', {
      id: made.id,
    });
    expect(facility.events).toEqual([{ id: reported.data.reportEvent.id }]);
  });

  it('refuses an event in another grid than its facility, and a facility outside the scope', async () => {
    const { registerFacility: made } = await as(worker).data(REGISTER, { input: hydrant() });
    const otherWorker = gridWorkerOf(other.grid.id);
    const report = reportOf(other.buildings[0].id, { facilityId: made.id });
    const wrongGrid = await reportEvent(
      worker,
      reportOf(building.id, { facilityId: made.id, buildingId: undefined, regionId: other.grid.id }),
    );
    expect(wrongGrid.errors?.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'facilityId' },
    ]);
    const unseen = await reportEvent(otherWorker, report);
    expect(unseen.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await gridSql('select count(*)::int as n from event where facility_id = $1', [made.id])).toEqual([{ n: 0 }]);
  });
});

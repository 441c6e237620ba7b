/**
 * The public contact card found by address (issue 21 item 9): a resident types their address, without a token, and
 * gets their grid's people by name and role (网格长, 网格员, 楼栋长) with office lines; the grid police officers are
 * public security's, through `grid { policeOfficers }`. Rate-limited and audited like the progress lookup.
 */
import { STAFF_ROLE_TERMS } from '../subgraphs/grid/entities/enums';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { startExtraGateway } from './support/gateway';
import { gridSql } from './support/grid';
import { graphql, ownerSql } from './support/hub';
import { testWorld } from './support/world';

const world = testWorld();
const { staff, links } = staffRows(world);
const parentOf = new Map(world.regions.map((r) => [r.id, r.parentId]));
const nameOf = new Map(world.regions.map((r) => [r.id, r.name]));
const building = world.buildings[world.buildings.length - 1];
const grid = parentOf.get(building.microGridId)!;
const community = parentOf.get(grid)!;

/** How a resident might type it: without the city and district, full-width digits, a space before the building. */
const typed = (address: string) =>
  address
    .replace('北京市朝阳区', '')
    .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
    .replace('号院', '号院　 ');

const PEOPLE_ORDER = ['GRID_LEADER', 'FULL_TIME_WORKER', 'PART_TIME_WORKER', 'BUILDING_LEADER'];
/** Grid's people on the card of `regions` (community, grid, and a building's micro-grid): every one but the police. */
const peopleOf = (regions: string[]) =>
  staff
    .filter(
      (s) => PEOPLE_ORDER.includes(s.role) && links.some((l) => l.staffId === s.id && regions.includes(l.regionId)),
    )
    .sort((a, b) => PEOPLE_ORDER.indexOf(a.role) - PEOPLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'zh'))
    .map((s) => ({ role: s.role, roleName: STAFF_ROLE_TERMS[s.role], name: s.name, officePhone: s.officePhone }));

const CARD = `query CardByAddress($address: String!) {
  gridContactCard(address: $address) { gridName communityName people { role roleName name officePhone } grid { id } } }`;

describe('gridContactCard(address:), without a token', () => {
  it('finds the grid of a building by the address as a resident types it, with its people one row each, by name and Chinese role', async () => {
    const answer = await graphql(CARD, { address: typed(building.address) });
    expect(answer).toEqual({
      status: 200,
      data: {
        gridContactCard: {
          gridName: nameOf.get(grid),
          communityName: nameOf.get(community),
          people: peopleOf([community, grid, building.microGridId]),
          grid: { id: grid },
        },
      },
    });
    expect(answer.data.gridContactCard.people.map((p: any) => p.roleName)).toEqual(
      expect.arrayContaining(['网格长', '专职网格员', '楼栋长']),
    );
  });

  it('answers a compound’s address (several buildings, one grid) with the grid’s card, without a building leader', async () => {
    const compound = building.address.replace(/\d+号楼$/, '');
    const answer = await graphql(CARD, { address: compound });
    expect(answer.data.gridContactCard.people).toEqual(peopleOf([community, grid]));
  });

  it('asks for more of an address that matches buildings in several grids, naming some of them', async () => {
    const answer = await graphql(CARD, { address: ' 北京市 朝阳区 ' });
    const grids = world.regions.filter((r) => r.level === 'GRID' && world.regions.some((m) => m.parentId === r.id));
    expect(answer).toEqual({
      status: 200,
      data: { gridContactCard: null },
      errors: [
        expect.objectContaining({
          message: expect.stringMatching(
            /^"北京市朝阳区" matches buildings in \d+ grids, e\.g\. .+: give more of the address/,
          ),
          extensions: {
            code: 'BAD_USER_INPUT',
            field: 'address',
            serviceName: 'grid',
            candidates: expect.arrayContaining([
              { address: expect.stringMatching(/^北京市朝阳区/), gridName: nameOf.get(grid) },
            ]),
          },
        }),
      ],
    });
    expect(answer.errors![0].extensions!.candidates).toHaveLength(grids.length);
  });

  it('answers an address no building has exactly like an unknown grid id (NOT_FOUND), and audits hits and misses alike', async () => {
    const miss = await graphql(
      `query CardByAddressMiss($address: String!) { gridContactCard(address: $address) { gridName } }`,
      { address: '不存在路９９号' },
    );
    const unknownGrid = await graphql(`query ($id: ID!) { gridContactCard(gridId: $id) { gridName } }`, {
      id: '00000000-0000-4000-8000-000000000000',
    });
    const shape = (a: typeof miss) => ({
      status: a.status,
      data: a.data,
      codes: a.errors?.map((e) => e.extensions?.code),
    });
    expect(shape(miss)).toEqual({ status: 200, data: { gridContactCard: null }, codes: ['NOT_FOUND'] });
    expect(shape(unknownGrid)).toEqual(shape(miss));
    const audited = await gridSql(
      `select operation, outcome, record_ids, fields from audit_log
        where actor = 'anonymous' and operation in ('CardByAddressMiss', 'CardByAddress') and record_type = 'Region'
        order by id`,
    );
    expect(audited).toEqual(
      expect.arrayContaining([
        { operation: 'CardByAddressMiss', outcome: 'DENIED', record_ids: [], fields: ['gridContactCard'] },
        { operation: 'CardByAddress', outcome: 'ALLOWED', record_ids: [grid], fields: ['gridContactCard'] },
      ]),
    );
    expect(audited.filter((r) => r.operation === 'CardByAddressMiss')).toHaveLength(1);
  });

  it('refuses two ways of asking at once, and an empty address', async () => {
    const both = await graphql(`query ($id: ID!) { gridContactCard(address: "建设路", gridId: $id) { gridName } }`, {
      id: grid,
    });
    const empty = await graphql(`{ gridContactCard(address: "　 ") { gridName } }`);
    expect([both, empty].map((a) => a.errors?.map((e) => [e.extensions?.code, e.extensions?.field]))).toEqual([
      [['BAD_USER_INPUT', 'address']],
      [['BAD_USER_INPUT', 'address']],
    ]);
  });

  it('is rate-limited per client address with the progress lookup: then RATE_LIMITED', async () => {
    const gateway = await startExtraGateway({ HUB_PUBLIC_LOOKUPS_PER_MINUTE: '2', GATEWAY_DATABASE_URL: '' });
    try {
      const answers = [];
      for (const address of [typed(building.address), '不存在路９９号', typed(building.address)])
        answers.push(await graphql(CARD, { address }, { url: gateway.url }));
      expect(
        answers.map((a) => [a.status, a.data?.gridContactCard?.gridName ?? a.errors?.[0].extensions?.code]),
      ).toEqual([
        [200, nameOf.get(grid)],
        [200, 'NOT_FOUND'],
        [429, 'RATE_LIMITED'],
      ]);
    } finally {
      gateway.stop();
    }
  });

  // public security's part of the card, fetched by the gateway as a public entity (lib/auth/public.ts)
  it('shows the grid police officers from public security: name, police station, station phone', async () => {
    const answer = await graphql(
      `query ($address: String!) { gridContactCard(address: $address) { grid { policeOfficers { roleName name policeStation stationPhone } } } }`,
      { address: typed(building.address) },
    );
    // what public security holds for the grid now, as it orders it; the card shows nothing else of it
    const police = await ownerSql<{ name: string; policeStation: string; stationPhone: string }>(
      'public-security',
      `select name, police_station as "policeStation", station_phone as "stationPhone" from grid_police_assignment
          where region_id = $1 and until is null order by since desc, id`,
      [grid],
    );
    expect(police.length).toBeGreaterThan(0);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.gridContactCard.grid).toEqual({
      policeOfficers: police.map((p) => ({ roleName: '网格民警', ...p })),
    });
  });
});

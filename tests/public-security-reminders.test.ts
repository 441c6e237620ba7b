/**
 * The grid police's reminder lists (网格警待办), through the gateway with a token scoped to one grid: permits expiring soon
 * and rentals needing attention, with each resident's population facts beside public security's own.
 */
import { addDays, startOfDay } from '../lib/calendar';
import { gridPoliceOf as gridPoliceRows, organizationsOf } from '../runner/synthetic/world';
import { as, gridWorkerOf, officer } from './support/callers';
import {
  buildingsIn,
  busiestPermitGrid,
  codes,
  gridPoliceOf,
  permitsExpiringWithin,
  publicSecurityData,
  rentalsNeedingAttention,
  today,
} from './support/public-security';
import { testWorld } from './support/world';

const world = testWorld();
const residents = new Map(world.residents.map((r) => [r.id, r]));
const households = new Map(world.households.map((h) => [h.id, h]));
const buildings = new Map(world.buildings.map((b) => [b.id, b]));
const organizations = new Map(organizationsOf(world).map((o) => [o.id, o]));
const grids = world.regions.filter((r) => r.level === 'GRID');
const grid = busiestPermitGrid();
const police = gridPoliceOf(grid.id);

/** What population holds about a resident, as the reminder list shows it beside the permit. */
const populationFacts = (id: string) => {
  const r = residents.get(id)!;
  const household = households.get(r.householdId)!;
  return {
    id,
    name: r.name,
    idNumber: r.idNumber,
    phone: r.phone,
    residenceStatus: r.residenceStatus,
    household: { room: household.room, building: { address: buildings.get(household.buildingId)!.address } },
  };
};
const RESIDENT = 'id name idNumber phone residenceStatus household { room building { address } }';

describe('permits expiring soon (居住证到期提醒)', () => {
  const PERMITS = `query($days: Int!, $after: String) { expiringResidencePermits(withinDays: $days, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { number expiresOn daysToExpiry reason employer employerOrganization { id name } resident { ${RESIDENT} registration { type hukouDivisionCode } } } } }`;

  it('lists the grid’s permits expiring within 30 days, each with the holder’s population facts, and nothing from other grids', async () => {
    const expected = permitsExpiringWithin(buildingsIn(grid.id), 30);
    expect(expected.length).toBeGreaterThan(0);
    const { expiringResidencePermits } = await as(police).data(PERMITS, { days: 30 });
    expect(expiringResidencePermits).toEqual({
      totalCount: expected.length,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      nodes: expected.map((p) => ({
        number: p.number,
        expiresOn: p.expiresOn,
        daysToExpiry: Math.round((Date.parse(p.expiresOn) - Date.parse(today())) / 86_400_000),
        reason: p.reason,
        employer: p.employer,
        employerOrganization: p.employerOrganizationId
          ? { id: p.employerOrganizationId, name: organizations.get(p.employerOrganizationId)!.name }
          : null,
        resident: {
          ...populationFacts(p.residentId),
          registration: { type: 'NON_LOCAL', hukouDivisionCode: residents.get(p.residentId)!.idNumber.slice(0, 6) },
        },
      })),
    });
  });

  it('pages with the same rows whatever the page size, and counts the district for a district-wide officer', async () => {
    const expected = world.buildings.map((b) => b.id);
    const all = permitsExpiringWithin(new Set(expected), 7);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await as(officer).data(
          `query($after: String) { expiringResidencePermits(withinDays: 7, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { number } } }`,
          { after },
        )
      ).expiringResidencePermits;
      expect(page.totalCount).toBe(all.length);
      seen.push(...page.nodes.map((n: { number: string }) => n.number));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.map((p) => p.number));
  });

  it('refuses a day count out of range and a division code that is not one, saying what to send', async () => {
    const res = await as(police).graphql('{ expiringResidencePermits(withinDays: 400) { totalCount } }');
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'withinDays must be between 0 and 366; got 400',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'withinDays' }),
      }),
    ]);
    const bad = await as(police).graphql(
      '{ expiringResidencePermits(withinDays: 30, divisionCode: "1101") { totalCount } }',
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toContain('6 (district), 9 (street) or 12 (community) digits');
  });
});

describe('rentals needing attention (出租房屋待办)', () => {
  const RENTALS = `{ rentalsNeedingAttention(first: 100) { totalCount nodes { room riskLevel registeredOn nextInspectionDue inspectionOverdue unregisteredTenants
    building { address } landlord { id name phone } tenants(current: true) { movedInOn registeredOn resident { ${RESIDENT} } } } } }`;

  it('lists the grid’s rentals with an unregistered tenant or an overdue inspection, tenants with their population facts', async () => {
    const { tenancies, inspections } = publicSecurityData();
    const expected = rentalsNeedingAttention(buildingsIn(grid.id));
    expect(expected.length).toBeGreaterThan(0);
    const { rentalsNeedingAttention: answer } = await as(police).data(RENTALS);
    expect(answer).toEqual({
      totalCount: expected.length,
      nodes: expected.map((r) => {
        const last =
          inspections
            .filter((i) => i.rentalId === r.id)
            .map((i) => i.inspectedOn)
            .sort()
            .at(-1) ??
          r.registeredOn ??
          '1900-01-01';
        const due = addDays(last, { LOW: 180, MEDIUM: 90, HIGH: 30 }[r.riskLevel]);
        const landlord = residents.get(r.landlordId)!;
        const mine = tenancies
          .filter((t) => t.rentalId === r.id && !t.movedOutOn)
          .sort((a, b) => (a.movedInOn + a.id < b.movedInOn + b.id ? -1 : 1));
        return {
          room: r.room,
          riskLevel: r.riskLevel,
          registeredOn: r.registeredOn,
          nextInspectionDue: due,
          inspectionOverdue: due < today(),
          unregisteredTenants: mine.filter((t) => !t.registeredOn).length,
          building: { address: buildings.get(r.buildingId)!.address },
          landlord: { id: landlord.id, name: landlord.name, phone: landlord.phone },
          tenants: mine.map((t) => ({
            movedInOn: t.movedInOn,
            registeredOn: t.registeredOn,
            resident: populationFacts(t.residentId),
          })),
        };
      }),
    });
  });

  it('has every tenant living in the rental’s building on population’s register (the seed agrees across departments)', () => {
    const { rentals, tenancies } = publicSecurityData();
    const buildingOfRental = new Map(rentals.map((r) => [r.id, r.buildingId]));
    expect(tenancies.length).toBeGreaterThan(0);
    for (const t of tenancies)
      expect(households.get(residents.get(t.residentId)!.householdId)!.buildingId).toBe(
        buildingOfRental.get(t.rentalId),
      );
    for (const r of rentals) expect(residents.get(r.landlordId)!.residenceStatus).toBe('REGISTERED');
  });

  it('shows a building’s rentals under population’s Building, and a grid worker of another grid only that grid’s', async () => {
    const rental = rentalsNeedingAttention(buildingsIn(grid.id))[0];
    const query = `query($id: ID!) { building(id: $id) { address rentals { room } } }`;
    const mine = await as(police).data(query, { id: rental.buildingId });
    expect(mine.building.rentals).toEqual(expect.arrayContaining([{ room: rental.room }]));
    const otherGrid = grids.find((g) => g.id !== grid.id)!;
    const theirs = await as(gridWorkerOf(otherGrid.id)).data(`{ rentalsNeedingAttention { totalCount } }`);
    expect(theirs.rentalsNeedingAttention.totalCount).toBe(rentalsNeedingAttention(buildingsIn(otherGrid.id)).length);
  });
});

describe('grid police (网格警)', () => {
  it('names the officer of each grid, the same person grid lists in its workforce', async () => {
    const officerRow = gridPoliceRows(world).find((p) => p.gridId === grid.id)!;
    const { region } = await as(police).data(
      `query($id: ID!) { region(id: $id) { name police { badgeNumber policeStation since staff { id name role } } } }`,
      { id: grid.id },
    );
    expect(region).toEqual({
      name: grid.name,
      police: {
        badgeNumber: officerRow.badgeNumber,
        policeStation: officerRow.policeStation,
        since: officerRow.since,
        staff: { id: officerRow.id, name: officerRow.name, role: 'GRID_POLICE' },
      },
    });
    const { region: withStaff } = await as(police).data(`query($id: ID!) { region(id: $id) { staff { id role } } }`, {
      id: grid.id,
    });
    expect(withStaff.staff).toEqual(expect.arrayContaining([{ id: officerRow.id, role: 'GRID_POLICE' }]));
  });
});

describe('incidents (警情)', () => {
  it('counts incidents per community and type over a period, and lists a building’s incidents without their details outside public security', async () => {
    const { incidents } = publicSecurityData();
    const from = startOfDay(addDays(world.asOf, -90));
    const to = startOfDay(world.asOf);
    const counts = new Map<string, number>();
    for (const i of incidents)
      if (i.occurredAt >= from && i.occurredAt < to)
        counts.set(`${i.communityCode}|${i.type}`, (counts.get(`${i.communityCode}|${i.type}`) ?? 0) + 1);
    const expected = [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, count]) => ({ communityCode: key.split('|')[0], type: key.split('|')[1], count }));
    const { incidentCounts } = await as(officer).data(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { incidentCounts(from: $from, to: $to) { communityCode type count } }`,
      { from, to },
    );
    expect(incidentCounts).toEqual(expected);

    const inBuilding = incidents.find((i) => i.buildingId)!;
    const res = await as(gridWorkerOf(grids.find((g) => buildingsIn(g.id).has(inBuilding.buildingId!))!.id)).graphql(
      `query($id: ID!) { building(id: $id) { incidents { type summary } } }`,
      { id: inBuilding.buildingId },
    );
    expect(res.data.building.incidents).toEqual(expect.arrayContaining([{ type: inBuilding.type, summary: null }]));
    expect(codes(res)).toContain('FORBIDDEN');
  });
});

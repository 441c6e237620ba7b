/**
 * Public security's cohort conditions (条件查询) through the gateway: permits expiring before a day, tenants and
 * landlords, involvement in incidents over a period (public security only); and the reminder lists' SQL statements stay
 * flat as the page grows.
 */
import { startOfDay } from '../lib/calendar';
import { as, gridLeader, officer } from './support/callers';
import { sqlStatementsDuring } from './support/hub';
import { addDays } from '../subgraphs/public-security/seed.dates';
import {
  buildingsIn,
  busiestPermitGrid,
  codes,
  gridPoliceOf,
  publicSecurityData,
  today,
} from './support/public-security';
import { onRegister, testWorld } from './support/world';

const world = testWorld();
const residents = new Map(world.residents.map((r) => [r.id, r]));
const households = new Map(world.households.map((h) => [h.id, h]));
const grid = busiestPermitGrid();
const police = gridPoliceOf(grid.id);
const inGrid = buildingsIn(grid.id);
const livesInGrid = (id: string) => inGrid.has(households.get(residents.get(id)!.householdId)!.buildingId);
/** the cohort is of the active register: residents who died or moved out are not in it */
const onTheRegister = (id: string) => onRegister(residents.get(id)!);
const COHORT = `query($where: CohortFilter!) { cohort(where: $where, first: 100) { totalCount nodes { id name age residenceStatus residencePermit { expiresOn } } } }`;
const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

describe('cohort conditions of public security', () => {
  it('finds the grid’s residents whose permit expires within a month, with their population facts beside it', async () => {
    const before = addDays(today(), 30);
    const { permits } = publicSecurityData();
    const expected = permits
      .filter((p) => p.expiresOn < before && livesInGrid(p.residentId))
      .sort((a, b) => (a.residentId < b.residentId ? -1 : 1));
    expect(expected.length).toBeGreaterThan(0);
    const { cohort } = await as(police).data(COHORT, {
      where: { grid: { regionId: grid.id }, publicSecurity: { residencePermitExpiresBefore: before } },
    });
    expect(cohort.totalCount).toBe(expected.length);
    expect(cohort.nodes.map((n: { id: string }) => n.id)).toEqual(expected.slice(0, 100).map((p) => p.residentId));
    const holder = cohort.nodes[0];
    expect(holder).toMatchObject({
      name: residents.get(holder.id)!.name,
      residenceStatus: 'FLOATING',
      residencePermit: { expiresOn: expected[0].expiresOn },
    });
  });

  it('finds current tenants and landlords', async () => {
    const { rentals, tenancies } = publicSecurityData();
    const tenantsNow = sorted(
      tenancies.filter((t) => !t.movedOutOn && livesInGrid(t.residentId)).map((t) => t.residentId),
    );
    const landlords = sorted(
      rentals.filter((r) => livesInGrid(r.landlordId) && onTheRegister(r.landlordId)).map((r) => r.landlordId),
    );
    const count = async (rental: string) =>
      (
        await as(police).data(`query($where: CohortFilter!) { cohort(where: $where) { totalCount } }`, {
          where: { grid: { regionId: grid.id }, publicSecurity: { rental } },
        })
      ).cohort.totalCount;
    // other tests may end a tenancy or add one in another grid; this grid is the reminder lists', which none changes
    expect(await count('TENANT')).toBe(tenantsNow.length);
    expect(await count('LANDLORD')).toBe(landlords.length);
  });

  it('finds residents involved in an incident over a period for public security, and refuses the condition to anyone else', async () => {
    const { incidents, parties } = publicSecurityData();
    const from = startOfDay(addDays(world.asOf, -60));
    const to = startOfDay(world.asOf);
    const inPeriod = new Set(incidents.filter((i) => i.occurredAt >= from && i.occurredAt < to).map((i) => i.id));
    const expected = sorted(
      parties.filter((p) => inPeriod.has(p.incidentId) && onTheRegister(p.residentId)).map((p) => p.residentId),
    );
    const where = { publicSecurity: { incident: { from, to } } };
    const { cohort } = await as(officer).data(`query($where: CohortFilter!) { cohort(where: $where) { totalCount } }`, {
      where,
    });
    expect(cohort.totalCount).toBe(expected.length);
    const refused = await as(gridLeader).graphql(
      `query($where: CohortFilter!) { cohort(where: $where) { totalCount } }`,
      { where },
    );
    expect(refused.data).toBeNull();
    expect(codes(refused)).toEqual(['FORBIDDEN']);
  });
});

describe('the reminder lists', () => {
  it.each([
    ['expiringResidencePermits(withinDays: 366', 'nodes { number resident { name household { room } } }'],
    [
      'rentalsNeedingAttention(',
      'nodes { room landlord { name } tenants { resident { name } } inspections { result } nextInspectionDue }',
    ],
  ])('send as many SQL statements for 50 rows as for 5: %s…)', async (field, selection) => {
    const statements = async (first: number) =>
      sqlStatementsDuring(() =>
        as(officer).data(`{ ${field}${field.endsWith('(') ? '' : ', '}first: ${first}) { ${selection} } }`),
      );
    const total = (
      await as(officer).data(`{ list: ${field}${field.endsWith('(') ? '' : ', '}first: 1) { totalCount } }`)
    ).list.totalCount;
    expect(total).toBeGreaterThanOrEqual(50);
    const small = await statements(5);
    const large = await statements(50);
    expect(large).toEqual(small);
  });
});

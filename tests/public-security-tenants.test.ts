import { randomUUID } from 'node:crypto';
/**
 * The tenant rules (租客登记): a tenant lives in the rental's building on population's register (asked through the graph
 * as the officer), is not its landlord and not already a current tenant; dates are not in the future and a tenancy ends
 * after it began. A refused change writes nothing.
 */
import { addDays } from '../lib/calendar';
import { as, type Caller, gridLeader } from './support/callers';
import {
  buildingsIn,
  busiestPermitGrid,
  codes,
  gridPoliceOf,
  publicSecurityData,
  today,
} from './support/public-security';
import { testWorld } from './support/world';

const world = testWorld();
const { rentals, tenancies } = publicSecurityData();
const households = new Map(world.households.map((h) => [h.id, h]));
const buildingOf = (residentId: string) =>
  households.get(world.residents.find((r) => r.id === residentId)!.householdId)!.buildingId;
// a rental outside the grid the reminder lists are tested on, in a building where registered residents live too
const busiest = buildingsIn(busiestPermitGrid().id);
const rental = rentals.find(
  (r) =>
    !busiest.has(r.buildingId) &&
    world.residents.some(
      (x) => x.residenceStatus === 'REGISTERED' && x.id !== r.landlordId && buildingOf(x.id) === r.buildingId,
    ),
)!;
const grid = world.regions.find((g) => g.level === 'GRID' && buildingsIn(g.id).has(rental.buildingId))!;
const police = gridPoliceOf(grid.id);
const neighbour = world.residents.find(
  (x) => x.residenceStatus === 'REGISTERED' && x.id !== rental.landlordId && buildingOf(x.id) === rental.buildingId,
)!;
const tenant = tenancies.find((t) => t.rentalId === rental.id)!;
const elsewhere = world.residents.find(
  (x) => buildingsIn(grid.id).has(buildingOf(x.id)) && buildingOf(x.id) !== rental.buildingId,
)!;

const REGISTER = `mutation($input: RegisterTenancyInput!) { registerTenancy(input: $input) { id tenants { id movedInOn movedOutOn registeredOn resident { id name } } } }`;
const TENANTS = `query($id: ID!) { rental(id: $id) { tenants { id movedOutOn resident { id } } } }`;
const register = (caller: Caller, residentId: string, movedInOn = '2026-11-15') =>
  as(caller).graphql(REGISTER, { input: { idempotencyKey: randomUUID(), rentalId: rental.id, residentId, movedInOn } });
const tenantsNow = async () => (await as(police).data(TENANTS, { id: rental.id })).rental.tenants;

describe('registering a tenant', () => {
  it('refuses a resident who lives in another building, the landlord, a future move-in, and writes nothing', async () => {
    const before = await tenantsNow();
    const other = await register(police, elsewhere.id);
    expect(other.errors).toEqual([
      expect.objectContaining({
        message: `resident ${elsewhere.id} does not live in the rental’s building on population’s register; move them into a household there first`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'residentId' }),
      }),
    ]);
    const landlord = await register(police, rental.landlordId);
    expect(landlord.errors).toEqual([
      expect.objectContaining({
        message: 'the landlord cannot be a tenant of their own rental',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    const future = await register(police, neighbour.id, '2999-01-01');
    expect(future.errors).toEqual([
      expect.objectContaining({
        message: 'movedInOn 2999-01-01 is in the future',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'movedInOn' }),
      }),
    ]);
    expect(await tenantsNow()).toEqual(before);
  });

  it('refuses a current tenant a second tenancy of the same rental (CONFLICT)', async () => {
    const again = await register(police, tenant.residentId);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toBe(`resident ${tenant.residentId} is already a current tenant of this rental`);
  });

  it('is refused to roles outside public security, and answered as missing outside the officer’s scope', async () => {
    expect(codes(await register(gridLeader, neighbour.id))).toEqual(['FORBIDDEN']);
    const otherGrid = world.regions.find((g) => g.level === 'GRID' && g.id !== grid.id)!;
    const res = await register(gridPoliceOf(otherGrid.id), neighbour.id);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: `RentalHousing ${rental.id} does not exist or is outside your data scope`,
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });

  it('registers a resident of the building, who then shows as a current tenant with their population facts', async () => {
    const { registerTenancy } = await as(police).data(REGISTER, {
      input: { idempotencyKey: randomUUID(), rentalId: rental.id, residentId: neighbour.id, movedInOn: '2026-11-15' },
    });
    expect(registerTenancy.tenants).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          movedInOn: '2026-11-15',
          movedOutOn: null,
          registeredOn: today(),
          resident: { id: neighbour.id, name: neighbour.name },
        },
      ]),
    );
    const { resident } = await as(police).data(`query($id: ID!) { resident(id: $id) { rentals { id } } }`, {
      id: neighbour.id,
    });
    expect(resident.rentals).toEqual(expect.arrayContaining([{ id: rental.id }]));
  });
});

describe('ending a tenancy', () => {
  const END = `mutation($id: ID!, $on: LocalDate!) { endTenancy(tenancyId: $id, movedOutOn: $on) { tenants { id movedOutOn } } }`;

  it('refuses a move-out before the move-in, ends it once, and refuses to end it again', async () => {
    const early = await as(police).graphql(END, { id: tenant.id, on: '2000-01-01' });
    expect(early.errors).toEqual([
      expect.objectContaining({
        message: `movedOutOn 2000-01-01 is before the tenant moved in (${tenant.movedInOn})`,
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    const { endTenancy } = await as(police).data(END, { id: tenant.id, on: today() });
    expect(endTenancy.tenants).toEqual(expect.arrayContaining([{ id: tenant.id, movedOutOn: today() }]));
    const twice = await as(police).graphql(END, { id: tenant.id, on: today() });
    expect(twice.errors).toEqual([
      expect.objectContaining({
        message: `the tenancy ended on ${today()} already`,
        extensions: expect.objectContaining({ code: 'CONFLICT' }),
      }),
    ]);
  });
});

describe('recording a safety inspection', () => {
  const INSPECT = `mutation($input: RentalInspectionInput!) { recordRentalInspection(input: $input) { riskLevel nextInspectionDue inspectionOverdue inspections { inspectedOn result hazards } } }`;

  it('wants the hazards described unless it passed, and moves the next due date on by the risk level’s interval', async () => {
    const failed = await as(police).graphql(INSPECT, {
      input: { idempotencyKey: randomUUID(), rentalId: rental.id, inspectedOn: today(), result: 'FAILED' },
    });
    expect(failed.errors).toEqual([
      expect.objectContaining({
        message: 'hazards must describe what was found when the result is FAILED',
        extensions: expect.objectContaining({ field: 'hazards' }),
      }),
    ]);
    const { recordRentalInspection } = await as(police).data(INSPECT, {
      input: {
        idempotencyKey: randomUUID(),
        rentalId: rental.id,
        inspectedOn: today(),
        result: 'HAZARDS_FOUND',
        hazards: '电动车楼道充电',
      },
    });
    const days = { LOW: 180, MEDIUM: 90, HIGH: 30 }[rental.riskLevel];
    expect(recordRentalInspection).toMatchObject({
      nextInspectionDue: addDays(today(), days),
      inspectionOverdue: false,
      inspections: expect.arrayContaining([
        { inspectedOn: today(), result: 'HAZARDS_FOUND', hazards: '电动车楼道充电' },
      ]),
    });
    expect(recordRentalInspection.inspections[0].inspectedOn).toBe(today());
  });
});

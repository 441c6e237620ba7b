import { randomUUID } from 'node:crypto';
/**
 * 一次采集, public security's side (issue 22): grid staff propose the let rooms and tenants they find on a visit
 * (collectRental), each part queued for the police or refused with its reason, once per key; the police's worklist
 * (待核实事项) in their scope with a time limit and counts per grid; verifying registers the rental and its tenants as
 * registerRental / registerTenancy do, rejecting gives the collector the reason; a decided item cannot be decided again.
 */
import { formatInstant, workingDaysFrom } from '../lib/calendar';
import { visitIdFor } from '../lib/collection/visit-id';
import { as, type Caller, officer } from './support/callers';
import { ownerSql } from './support/hub';
import {
  buildingsIn,
  busiestPermitGrid,
  codes,
  gridPoliceOf,
  publicSecurityData,
  today,
} from './support/public-security';
import { onRegister, testWorld, whereLives } from './support/world';

const world = testWorld();
const { rentals, tenancies } = publicSecurityData();
const busiest = busiestPermitGrid();
const grids = world.regions.filter((r) => r.level === 'GRID' && r.id !== busiest.id);
const livesIn = (buildingId: string) =>
  world.residents.filter((r) => onRegister(r) && whereLives(r).building.id === buildingId);
// a grid (not the one the reminder lists are tested on) with a building of at least four residents on the register
const [grid, building] = grids
  .slice(2)
  .flatMap((g) => [...buildingsIn(g.id)].map((b) => [g, b] as const))
  .find(([, b]) => livesIn(b).length >= 4)!;
const [landlord, tenantA, tenantB, tenantC] = livesIn(building);
const household = whereLives(landlord).household;
const otherGrid = grids.find((g) => g.id !== grid.id)!;
const foreignRental = rentals.find((r) => !buildingsIn(grid.id).has(r.buildingId))!;
// a registered rental of the grid, and a resident of its building who is not living there
const seedRental = rentals.find((r) => buildingsIn(grid.id).has(r.buildingId) && r.buildingId !== building)!;
const notYetTenant = world.residents.find(
  (r) =>
    onRegister(r) &&
    whereLives(r).building.id === seedRental.buildingId &&
    r.id !== seedRental.landlordId &&
    !tenancies.some((t) => t.rentalId === seedRental.id && t.residentId === r.id),
)!;

const worker: Caller = {
  department: 'GRID',
  role: 'GRID_WORKER',
  scope: [grid.id],
  subject: `collect-worker-${process.pid}`,
  purpose: '月度走访',
};
const otherWorker: Caller = { ...worker, subject: `collect-other-${process.pid}` };
const police = { ...gridPoliceOf(grid.id), subject: `collect-police-${process.pid}` };
const farPolice = gridPoliceOf(otherGrid.id);
const station: Caller = { ...officer, subject: `collect-officer-${process.pid}` };
const psSql = <T = any>(sql: string, params: unknown[] = []) => ownerSql<T>('public-security', sql, params);

const COLLECT = `mutation($household: ID!, $key: String!, $collected: PublicSecurityCollectionInput!) {
  collectRental(householdId: $household, idempotencyKey: $key, collected: $collected) {
    visitId parts { department part outcome reason worklistItemId recordId } } }`;
const ITEM = `id visitId collectedBy householdId room landlordId note status overdue dueAt collectedAt reason riskLevel regionIds
  tenants { part residentId movedInOn }`;
const READ = `query($id: ID!) { collectedRental(id: $id) { ${ITEM} } }`;
const VERIFY = `mutation($id: ID!, $risk: RiskLevel, $key: String, $reviewed: ReviewedCollectionInput!) {
  verifyCollectedRental(id: $id, riskLevel: $risk, idempotencyKey: $key, reviewed: $reviewed) {
    status decidedBy riskLevel history { action actor reason }
    rental { id room riskLevel registeredOn landlord { id } building { id }
      tenants { resident { id } movedInOn registeredOn } history { action actor reason } } } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectCollectedRental(id: $id, reason: $reason) { status reason decidedBy } }`;
const LIST = `query($filter: CollectedRentalFilter, $first: Int) { collectedRentals(filter: $filter, first: $first) { totalCount nodes { id } } }`;
const COUNTS = `{ collectedRentalCounts { regionId pending overdue } }`;

const collect = (caller: Caller, key: string, collected: unknown, householdId = household.id) =>
  as(caller).graphql(COLLECT, { household: householdId, key, collected });
const countsOf = async (caller: Caller) =>
  (await as(caller).data(COUNTS)).collectedRentalCounts.find((c: { regionId: string }) => c.regionId === grid.id) ?? {
    regionId: grid.id,
    pending: 0,
    overdue: 0,
  };
const rowsOfVisit = async (visitId: string) =>
  (await psSql('select count(*)::int as n from collected_rental where visit_id = $1', [visitId]))[0].n;
const pending = (part: string, worklistItemId: string) => ({
  department: 'PUBLIC_SECURITY',
  part,
  outcome: 'PENDING_VERIFICATION',
  reason: null,
  worklistItemId,
  recordId: null,
});
const refused = (part: string, reason: string) => ({
  department: 'PUBLIC_SECURITY',
  part,
  outcome: 'REFUSED',
  reason,
  worklistItemId: null,
  recordId: null,
});

describe('collecting a let room found on a visit (collectRental)', () => {
  const key = randomUUID();
  const room = `采集${process.pid}室`;
  const collected = {
    rental: { room: ` ${room} `, landlordId: landlord.id, note: '二房东转租' },
    tenants: [
      { residentId: tenantA.id, movedInOn: '2026-10-01' },
      { residentId: tenantB.id, movedInOn: '2999-01-01' },
      { residentId: landlord.id, movedInOn: '2026-10-01' },
    ],
  };
  let itemId: string;

  it('queues the rental and the valid tenants as one worklist item, refuses the rest with reasons, once per key', async () => {
    const before = await countsOf(police);
    const res = await collect(worker, key, collected);
    itemId = res.data?.collectRental.parts[0].worklistItemId;
    const visitId = visitIdFor(worker.subject!, key);
    expect(res).toEqual({
      status: 200,
      data: {
        collectRental: {
          visitId,
          parts: [
            pending('rental', itemId),
            pending('tenants[0]', itemId),
            refused('tenants[1]', 'movedInOn 2999-01-01 is in the future'),
            refused('tenants[2]', 'the landlord cannot be a tenant of their own rental'),
          ],
        },
      },
    });
    // a retry answers the same parts and queues nothing twice; the same key with other content is CONFLICT
    expect(await collect(worker, key, collected)).toEqual(res);
    expect(await rowsOfVisit(visitId)).toBe(1);
    expect(codes(await collect(worker, key, { ...collected, tenants: [] }))).toEqual(['CONFLICT']);
    expect(await countsOf(police)).toEqual({ ...before, pending: before.pending + 1 });
  });

  it('is the police’s to read in their scope, with a time limit of working days; the collector reads their own', async () => {
    const { collectedRental } = await as(police).data(READ, { id: itemId });
    expect(collectedRental).toEqual({
      id: itemId,
      visitId: visitIdFor(worker.subject!, key),
      collectedBy: worker.subject,
      householdId: household.id,
      room,
      landlordId: landlord.id,
      note: '二房东转租',
      status: 'PENDING',
      overdue: false,
      dueAt: formatInstant(workingDaysFrom(new Date(collectedRental.collectedAt), 3)),
      collectedAt: expect.any(String),
      reason: null,
      riskLevel: null,
      regionIds: [grid.id],
      tenants: [{ part: 'tenants[0]', residentId: tenantA.id, movedInOn: '2026-10-01' }],
    });
    expect((await as(worker).data(READ, { id: itemId })).collectedRental).toEqual(collectedRental);
    const list = await as(police).data(LIST, { filter: { regionId: grid.id, status: 'PENDING', overdue: false } });
    expect(list.collectedRentals.nodes).toEqual(expect.arrayContaining([{ id: itemId }]));
    expect(list.collectedRentals.totalCount).toBeGreaterThanOrEqual(1);
    // another grid's police and another worker are answered as if nothing was collected
    expect(codes(await as(farPolice).graphql(READ, { id: itemId }))).toEqual(['NOT_FOUND']);
    expect(codes(await as(otherWorker).graphql(READ, { id: itemId }))).toEqual(['NOT_FOUND']);
    const far = await as(farPolice).data(LIST, { filter: { regionId: grid.id } });
    expect(far.collectedRentals).toEqual({ totalCount: 0, nodes: [] });
    // grid staff do not read the police's worklist
    expect(codes(await as(worker).graphql(LIST, {}))).toEqual(['FORBIDDEN']);
  });

  it('verifies: registers the rental and its tenant, with history naming the collector, the visit and the officer', async () => {
    const before = await countsOf(police);
    const reviewed = { householdId: household.id, residentIds: [landlord.id, tenantA.id] };
    // what the officer verifies must be what the item holds
    const wrong = await as(station).graphql(VERIFY, {
      id: itemId,
      risk: 'MEDIUM',
      reviewed: { ...reviewed, residentIds: [landlord.id] },
    });
    expect(codes(wrong)).toEqual(['CONFLICT']);
    expect(codes(await as(station).graphql(VERIFY, { id: itemId, reviewed }))).toEqual(['BAD_USER_INPUT']);

    const verifyKey = randomUUID();
    const res = await as(station).data(VERIFY, { id: itemId, risk: 'MEDIUM', key: verifyKey, reviewed });
    const provenance = `collected by ${worker.subject} on visit ${visitIdFor(worker.subject!, key)} (一次采集)`;
    expect(res.verifyCollectedRental).toEqual({
      status: 'APPLIED',
      decidedBy: station.subject,
      riskLevel: 'MEDIUM',
      history: [{ action: 'COLLECTION_VERIFIED', actor: station.subject, reason: provenance }],
      rental: {
        id: expect.any(String),
        room,
        riskLevel: 'MEDIUM',
        registeredOn: today(),
        landlord: { id: landlord.id },
        building: { id: building },
        tenants: [{ resident: { id: tenantA.id }, movedInOn: '2026-10-01', registeredOn: today() }],
        history: [
          { action: 'RENTAL_REGISTERED', actor: station.subject, reason: provenance },
          { action: 'TENANCY_REGISTERED', actor: station.subject, reason: `tenant ${tenantA.id}; ${provenance}` },
        ],
      },
    });
    // a retry with the key answers the same; without one, verifying what is decided is INVALID_TRANSITION
    expect(
      (await as(station).data(VERIFY, { id: itemId, risk: 'MEDIUM', key: verifyKey, reviewed })).verifyCollectedRental,
    ).toEqual(res.verifyCollectedRental);
    expect(codes(await as(station).graphql(VERIFY, { id: itemId, risk: 'MEDIUM', reviewed }))).toEqual([
      'INVALID_TRANSITION',
    ]);
    expect(codes(await as(station).graphql(REJECT, { id: itemId, reason: '重复' }))).toEqual(['INVALID_TRANSITION']);
    // visible through the graph as any registered rental, in the grid police's building
    const { building: seen } = await as(police).data(
      `query($id: ID!) { building(id: $id) { rentals { room landlord { id } tenants { resident { id } } } } }`,
      { id: building },
    );
    expect(seen.rentals).toEqual(
      expect.arrayContaining([{ room, landlord: { id: landlord.id }, tenants: [{ resident: { id: tenantA.id } }] }]),
    );
    expect(await countsOf(police)).toEqual({ ...before, pending: before.pending - 1 });
  });

  it('queues tenants for the rental it registered, and verifying them registers the tenancies', async () => {
    const { rentalId } = (
      await psSql('select rental_id as "rentalId" from collected_rental where id = $1', [itemId])
    )[0];
    const res = await collect(worker, randomUUID(), {
      rentalId,
      tenants: [
        { residentId: tenantA.id, movedInOn: '2026-10-01' },
        { residentId: tenantC.id, movedInOn: '2026-11-20' },
      ],
    });
    const id = res.data?.collectRental.parts[1].worklistItemId;
    expect(res.data?.collectRental.parts).toEqual([
      refused('tenants[0]', `resident ${tenantA.id} is already a current tenant of this rental`),
      pending('tenants[1]', id),
    ]);
    const { verifyCollectedRental } = await as(police).data(VERIFY, {
      id,
      reviewed: { householdId: household.id, residentIds: [tenantC.id] },
    });
    expect(verifyCollectedRental.status).toBe('APPLIED');
    expect(verifyCollectedRental.rental.id).toBe(rentalId);
    expect(verifyCollectedRental.rental.tenants).toEqual([
      { resident: { id: tenantA.id }, movedInOn: '2026-10-01', registeredOn: today() },
      { resident: { id: tenantC.id }, movedInOn: '2026-11-20', registeredOn: today() },
    ]);
  });
});

describe('rejecting what was collected', () => {
  it('gives the collector the reason; the rental’s tenants stay as they were', async () => {
    const res = await collect(worker, randomUUID(), {
      rentalId: seedRental.id,
      tenants: [{ residentId: notYetTenant.id, movedInOn: '2026-09-01' }],
    });
    const [part] = res.data!.collectRental.parts;
    expect(part).toEqual(pending('tenants[0]', part.worklistItemId));
    expect(codes(await as(police).graphql(REJECT, { id: part.worklistItemId, reason: '  ' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      (await as(police).data(REJECT, { id: part.worklistItemId, reason: '经核实该人员未在此居住' }))
        .rejectCollectedRental,
    ).toEqual({
      status: 'REJECTED',
      reason: '经核实该人员未在此居住',
      decidedBy: police.subject,
    });
    const { collectedRental } = await as(worker).data(READ, { id: part.worklistItemId });
    expect(collectedRental).toEqual(
      expect.objectContaining({ status: 'REJECTED', reason: '经核实该人员未在此居住', overdue: false }),
    );
    const verify = await as(police).graphql(VERIFY, {
      id: part.worklistItemId,
      reviewed: { householdId: household.id, residentIds: [notYetTenant.id] },
    });
    expect(codes(verify)).toEqual(['INVALID_TRANSITION']);
    const tenants = await psSql('select resident_id from rental_tenancy where rental_id = $1 and resident_id = $2', [
      seedRental.id,
      notYetTenant.id,
    ]);
    expect(tenants).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses each part that cannot be queued, and queues nothing for them', async () => {
    const key = randomUUID();
    const res = await collect(worker, key, {
      rental: { room: '101', landlordId: landlord.id },
      rentalId: foreignRental.id,
      tenants: [{ residentId: tenantB.id, movedInOn: '2026-10-01' }],
    });
    const outside = `rental ${foreignRental.id} does not exist or is outside your data scope`;
    expect(res.data?.collectRental.parts).toEqual([
      refused('rental', 'send either a found rental or the rentalId of a registered one: the tenants go to rentalId'),
      refused('tenants[0]', outside),
    ]);
    const unnamed = await collect(worker, randomUUID(), {
      rental: { room: '  ', landlordId: 'nobody' },
      tenants: [{ residentId: tenantB.id, movedInOn: '2026-10-01' }],
    });
    expect(unnamed.data?.collectRental.parts).toEqual([
      refused('rental', 'room must not be empty'),
      refused('tenants[0]', 'the rental it was sent with was refused'),
    ]);
    const none = await collect(worker, randomUUID(), {
      tenants: [{ residentId: tenantB.id, movedInOn: '2026-10-01' }],
    });
    expect(none.data?.collectRental.parts).toEqual([
      refused('tenants[0]', 'name the rental: send the let room found, or the rentalId of a registered one'),
    ]);
    expect(await rowsOfVisit(visitIdFor(worker.subject!, key))).toBe(0);
    // a found rental sent with a registered one: the found one is refused, the tenants go to the registered one
    const both = await collect(worker, randomUUID(), {
      rental: { room: '101', landlordId: landlord.id },
      rentalId: seedRental.id,
      tenants: [{ residentId: notYetTenant.id, movedInOn: '2026-10-01' }],
    });
    const [, queued] = both.data!.collectRental.parts;
    expect(both.data!.collectRental.parts).toEqual([
      refused('rental', 'send either a found rental or the rentalId of a registered one: the tenants go to rentalId'),
      pending('tenants[0]', queued.worklistItemId),
    ]);
    await as(police).data(REJECT, { id: queued.worklistItemId, reason: '测试：只核实租客' });
  });

  it('is grid staff’s: the police and other departments may not collect', async () => {
    expect(codes(await collect(station, randomUUID(), { tenants: [] }))).toEqual(['FORBIDDEN']);
    expect(codes(await collect({ ...worker, purpose: undefined }, randomUUID(), { tenants: [] }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await collect(worker, randomUUID(), { tenants: [] }, 'not-an-id'))).toEqual(['BAD_USER_INPUT']);
  });
});

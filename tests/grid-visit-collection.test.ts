import { randomUUID } from 'node:crypto';
/**
 * One visit, many departments (一次采集、多方共享, issue 22 item 2): a grid worker's visit carries what they collected for
 * population, public security and civil affairs; grid hands each owner its part through the gateway, each owner decides
 * it under its own rules in its own transaction, and the visit answers per part. The residents the visit is about are
 * the test's own, registered into a household of the grid and taken off the register at the end.
 */
import { visitIdFor } from '../lib/collection/visit-id';
import { idNumberFor, registerOwnResident } from './support/residents';
import { addDays, today } from '../lib/calendar';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { visitRows } from '../subgraphs/grid/seed.visits';
import { monthOf } from '../subgraphs/grid/visits/month';
import { as, type Caller, caseworker, gridWorkerOf, registrar } from './support/callers';
import { nthGrid } from './support/grid';
import { ownerSql } from './support/hub';
import { gridPoliceOf } from './support/public-security';
import { onRegister, testWorld } from './support/world';

const world = testWorld();
const { grid, households, residentsOf } = nthGrid(3);
const { staff, links } = staffRows(world);
const staffId = workerOfGrid(staff, links).get(grid.id)!;
// a household the seed visited this month already: the month's coverage another file computes does not move
const visitedThisMonth = new Set(
  [...visitRows(world, workerOfGrid(staff, links), new Date())]
    .filter((v) => v.visitedAt >= monthOf(new Date()).from)
    .map((v) => v.householdId),
);
const household = households.find((h) => visitedThisMonth.has(h.id) && residentsOf(h.id).some(onRegister))!;
const worker: Caller = {
  ...gridWorkerOf(grid.id),
  subject: `visit-collector-${process.pid}`,
  purpose: '入户走访 2026-12',
};
const police = { ...gridPoliceOf(grid.id), subject: `visit-police-${process.pid}` };

const RECORD = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) {
  id household { id } parts { department part outcome reason worklistItemId recordId trackingCode } } }`;
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id } }';
const sql = ownerSql;

const mine: string[] = [];
/** A resident of the test's own, registered into the household. */
async function newMember(i: number, birthDate: string): Promise<string> {
  const id = await registerOwnResident(household.id, {
    name: `走访采集${i}`,
    birthDate,
    gender: i % 2 ? 'MALE' : 'FEMALE',
    collectedBy: 'visit-collection-test',
  });
  mine.push(id);
  return id;
}

const part = (department: string, name: string, outcome: string, extra: Record<string, unknown> = {}) => ({
  department,
  part: name,
  outcome,
  reason: null,
  worklistItemId: null,
  recordId: null,
  trackingCode: null,
  ...extra,
});

describe('one visit, many departments (一次采集、多方共享)', () => {
  let landlord: string;
  let elder: string;
  const key = randomUUID();
  const visitId = visitIdFor(worker.subject!, key);
  const room = `走访${process.pid}室`;
  const arrivalIdNumber = idNumberFor('1992-03-04', 'FEMALE');
  let input: Record<string, unknown>;
  let first: any;

  beforeAll(async () => {
    landlord = await newMember(1, '1975-05-06');
    elder = await newMember(2, '1940-02-03');
    input = {
      idempotencyKey: key,
      householdId: household.id,
      staffId,
      kind: 'ROUTINE',
      findings: '入户核实，新增租户一名，老人申请高龄津贴',
      collected: {
        population: {
          facts: [
            { residentId: landlord, field: 'phone', value: '13911112222' },
            { residentId: landlord, field: 'politicalStatus', value: 'MASSES' },
          ],
          arrivals: [{ name: '新来住户', idNumber: arrivalIdNumber, movedInOn: addDays(today(), -3) }],
          confirmFacts: true,
        },
        publicSecurity: {
          rental: { room, landlordId: landlord, note: '次卧出租' },
          tenants: [{ residentId: elder, movedInOn: addDays(today(), -10) }],
        },
        civilAffairs: {
          applications: [{ residentId: elder, kind: 'ELDERLY_ALLOWANCE', consent: { method: 'SIGNED_FORM' } }],
        },
      },
    };
  });
  afterAll(async () => {
    for (const id of mine)
      await as(registrar).graphql(MOVE_OUT, { id, input: { movedOutOn: today(), deceased: true } });
  });

  it('hands each owner its part, and answers per part what the owner did', async () => {
    first = await as(worker).data(RECORD, { input });
    const of = (name: string) => first.recordVisit.parts.find((p: { part: string }) => p.part === name);
    expect(first.recordVisit).toEqual({
      id: visitId,
      household: { id: household.id },
      parts: [
        part('POPULATION', 'facts[0] phone', 'APPLIED', { recordId: landlord }),
        part('POPULATION', 'facts[1] politicalStatus', 'REFUSED', { reason: expect.any(String) }),
        part('POPULATION', 'arrivals[0]', 'PENDING_VERIFICATION', { worklistItemId: expect.any(String) }),
        part('POPULATION', 'confirmFacts', 'APPLIED', { recordId: household.id }),
        part('PUBLIC_SECURITY', 'rental', 'PENDING_VERIFICATION', { worklistItemId: expect.any(String) }),
        part('PUBLIC_SECURITY', 'tenants[0]', 'PENDING_VERIFICATION', { worklistItemId: of('rental').worklistItemId }),
        part('CIVIL_AFFAIRS', 'applications[0]', 'APPLIED', {
          recordId: expect.any(String),
          trackingCode: expect.any(String),
        }),
      ],
    });
  });

  it('is seen by each owner through its own records: the fact applied, the items queued, the application filed', async () => {
    const [arrival, rental, application] = ['arrivals[0]', 'rental', 'applications[0]'].map((name) =>
      first.recordVisit.parts.find((p: { part: string }) => p.part === name),
    );
    // population: the phone with its history row naming the collector and the visit; the arrival in the registry's worklist
    expect(
      await sql(
        'population',
        `select r.phone, c.collected_by as "collectedBy", c.visit_id as "visitId" from resident r
          join resident_change c on c.resident_id = r.id and c.field = 'phone' where r.id = $1`,
        [landlord],
      ),
    ).toEqual([{ phone: '13911112222', collectedBy: worker.subject, visitId }]);
    const { collectedChange } = await as(registrar).data(
      'query($id: ID!) { collectedChange(id: $id) { status arrival { name idNumber } } }',
      { id: arrival.worklistItemId },
    );
    expect(collectedChange).toEqual({ status: 'PENDING', arrival: { name: '新来住户', idNumber: expect.any(String) } });
    // public security: the let room and its tenant in the police's worklist
    const { collectedRental } = await as(police).data(
      'query($id: ID!) { collectedRental(id: $id) { status visitId room landlordId tenants { residentId } } }',
      { id: rental.worklistItemId },
    );
    expect(collectedRental).toEqual({
      status: 'PENDING',
      visitId,
      room,
      landlordId: landlord,
      tenants: [{ residentId: elder }],
    });
    // civil affairs: the 高龄津贴 application, filed on the elder's behalf with the visit named, decided as ever
    expect(
      await sql(
        'civil-affairs',
        `select a.kind, a.status, f.visit_id as "visitId", f.filed_by as "filedBy" from service_application a
          join on_behalf_filing f on f.record_id = a.id where a.id = $1`,
        [application.recordId],
      ),
    ).toEqual([{ kind: 'ELDERLY_ALLOWANCE', status: 'SUBMITTED', visitId, filedBy: worker.subject }]);
    const { resident } = await as(caseworker).data(
      'query($id: ID!) { resident(id: $id) { serviceApplications { id kind } } }',
      { id: elder },
    );
    expect(resident.serviceApplications).toEqual([{ id: application.recordId, kind: 'ELDERLY_ALLOWANCE' }]);
  });

  it('sent again with the same key answers the same visit and applies nothing twice; other content is CONFLICT', async () => {
    expect(await as(worker).data(RECORD, { input })).toEqual(first);
    const counts = async () => ({
      visits: (await sql('grid', 'select count(*)::int as n from visit where id = $1', [visitId]))[0].n,
      phoneChanges: (
        await sql(
          'population',
          `select count(*)::int as n from resident_change where visit_id = $1 and field = 'phone'`,
          [visitId],
        )
      )[0].n,
      proposed: (
        await sql('population', 'select count(*)::int as n from collected_change where visit_id = $1', [visitId])
      )[0].n,
      rentals: (
        await sql('public-security', 'select count(*)::int as n from collected_rental where visit_id = $1', [visitId])
      )[0].n,
      applications: (
        await sql('civil-affairs', 'select count(*)::int as n from on_behalf_filing where visit_id = $1', [visitId])
      )[0].n,
    });
    const once = { visits: 1, phoneChanges: 1, proposed: 1, rentals: 1, applications: 1 };
    expect(await counts()).toEqual(once);
    const other = await as(worker).graphql(RECORD, { input: { ...input, findings: '另一次走访' } });
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(await counts()).toEqual(once);
  });

  it('refuses a visit that states no purpose before any department is asked', async () => {
    const res = await as({ ...worker, purpose: undefined }).graphql(RECORD, {
      input: { ...input, idempotencyKey: randomUUID() },
    });
    expect(res.errors).toEqual([
      {
        message:
          'a visit collects residents’ data for the departments that own it: state its purpose in the X-Purpose header (e.g. "入户走访 2026-12")',
        path: ['recordVisit'],
        extensions: { code: 'FORBIDDEN', serviceName: 'grid' },
      },
    ]);
  });
});

import { randomUUID } from 'node:crypto';
/**
 * One visit, many departments, with one owner down (issue 22 item 2): civil affairs' subgraph is frozen (SIGSTOP) in a
 * hub of the test's own; a visit carrying a fact for population and an application for civil affairs is recorded with
 * population's part applied and civil affairs' NOT_DELIVERED; once civil affairs answers again, the same visit sent again
 * with the same key delivers that part alone and applies nothing twice.
 */
import { departuresOf, generateWorld } from '../runner/synthetic/world';
import { workerOfGrid } from '../subgraphs/grid/seed';
import { staffRows } from '../subgraphs/grid/seed.staff';
import { sqlAt } from './support/hub';
import { type PrivateHub, privateDir, startPrivateHub } from './support/private-hub';

const RESIDENTS = 300;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const leader = { department: 'GRID' as const, role: 'GRID_LEADER', purpose: '入户走访 2026-12' };
const caseworker = { department: 'CIVIL_AFFAIRS' as const, role: 'CASEWORKER' };
const RECORD = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) {
  id parts { department part outcome reason recordId } } }`;
const UNDELIVERED = '{ myUndeliveredVisits { id } }';

/** A household on the register with two members, its grid and a worker of that grid. */
function visitedHousehold() {
  const gone = departuresOf(world);
  const members = (householdId: string) =>
    world.residents.filter((r) => r.householdId === householdId && !gone.has(r.id));
  const household = world.households.find((h) => members(h.id).length >= 2)!;
  const [first, second] = members(household.id);
  const building = world.buildings.find((b) => b.id === household.buildingId)!;
  const gridId = world.regions.find((r) => r.id === building.microGridId)!.parentId!;
  const { staff, links } = staffRows(world);
  return { household, first, second, staffId: workerOfGrid(staff, links).get(gridId)! };
}

describe('a visit while one of its owners is down', () => {
  const dir = privateDir('hub-visit-down-');
  let hub: PrivateHub;
  const { household, first, second, staffId } = visitedHousehold();
  let kind = 'CERTIFICATE_OF_RESIDENCE';
  const input = () => ({
    idempotencyKey: randomUUID(),
    householdId: household.id,
    staffId,
    kind: 'ROUTINE',
    findings: '入户走访，代办居住证明',
    collected: {
      population: { facts: [{ residentId: first.id, field: 'phone', value: '13722223333' }] },
      civilAffairs: {
        applications: [
          {
            residentId: second.id,
            kind,
            consent: { method: 'VERBAL_WITNESSED', witness: '楼栋长 李强' },
          },
        ],
      },
    },
  });
  const civilAffairsSql = (text: string, params: unknown[]) => sqlAt(hub.info.ownerUrls['civil-affairs'], text, params);
  const filings = async () =>
    (await civilAffairsSql('select count(*)::int as n from on_behalf_filing where resident_id = $1', [second.id]))[0].n;

  beforeAll(async () => {
    hub = await startPrivateHub({
      dir,
      residents: RESIDENTS,
      districtId: district.id,
      env: { HUB_SUBGRAPH_TIMEOUT_MS: '1500' },
    });
    // a kind the member has no open application of (one open already would be refused, not delivered)
    const open = new Set(
      (
        await civilAffairsSql(
          `select kind from service_application where resident_id = $1 and status not in ('COMPLETED', 'REJECTED')`,
          [second.id],
        )
      ).map((r) => r.kind),
    );
    kind = ['CERTIFICATE_OF_RESIDENCE', 'FUNERAL_SUBSIDY', 'EDUCATION_AID'].find((k) => !open.has(k))!;
  }, 180_000);
  afterAll(async () => {
    if (hub?.info.pids['civil-affairs']) process.kill(hub.info.pids['civil-affairs'], 'SIGCONT');
    await hub?.stop();
  });

  let sent: ReturnType<typeof input>;

  it('records the visit with population’s part applied and civil affairs’ part not delivered', async () => {
    sent = input();
    expect(await filings()).toBe(0);
    process.kill(hub.info.pids['civil-affairs'], 'SIGSTOP');
    // down, and known to be: the gateway's breaker for it is open, so its part fails at once (a department that hangs
    // before the breaker notices makes the visit time out whole — nothing recorded at grid, send it again)
    await hub.untilDepartment('civil-affairs', 'unavailable');
    const res = await hub.ask(leader, RECORD, { input: sent });
    expect(res).toEqual({
      status: 200,
      data: {
        recordVisit: {
          id: expect.any(String),
          parts: [
            { department: 'POPULATION', part: 'facts[0] phone', outcome: 'APPLIED', reason: null, recordId: first.id },
            {
              department: 'CIVIL_AFFAIRS',
              part: 'civilAffairs',
              outcome: 'NOT_DELIVERED',
              reason: expect.stringMatching(
                /^CIVIL_AFFAIRS did not answer \(.+\): send the same visit again with the same idempotencyKey to deliver it$/,
              ),
              recordId: null,
            },
          ],
        },
      },
    });
    expect((await hub.ask(leader, UNDELIVERED)).data).toEqual({
      myUndeliveredVisits: [{ id: res.data.recordVisit.id }],
    });
  });

  it('sent again once civil affairs answers, delivers that part alone and applies nothing twice', async () => {
    process.kill(hub.info.pids['civil-affairs'], 'SIGCONT');
    await hub.untilDepartment('civil-affairs', 'ok');
    const res = await hub.ask(leader, RECORD, { input: sent });
    expect(res.data.recordVisit.parts).toEqual([
      { department: 'POPULATION', part: 'facts[0] phone', outcome: 'APPLIED', reason: null, recordId: first.id },
      {
        department: 'CIVIL_AFFAIRS',
        part: 'applications[0]',
        outcome: 'APPLIED',
        reason: null,
        recordId: expect.any(String),
      },
    ]);
    expect(await filings()).toBe(1);
    expect((await hub.ask(leader, UNDELIVERED)).data).toEqual({ myUndeliveredVisits: [] });
    // a third send changes nothing
    expect((await hub.ask(leader, RECORD, { input: sent })).data).toEqual(res.data);
    expect(await filings()).toBe(1);
    const { data } = await hub.ask(
      caseworker,
      'query($id: ID!) { resident(id: $id) { serviceApplications { kind } } }',
      {
        id: second.id,
      },
    );
    expect(data.resident.serviceApplications.filter((a: { kind: string }) => a.kind === kind)).toHaveLength(1);
  });
});

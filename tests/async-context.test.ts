import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../lib/codes/id-number';
import { as, gridLeader, registrar } from './support/callers';
import { FRESH_CONNECTION, type GraphQLResponse, hub } from './support/hub';
import { takeOffTheRegister } from './support/residents';
import { testWorld } from './support/world';

/**
 * No AsyncLocalStorage stays on in a department (lib/db/scoped-storage.ts): while one is on, every promise of the
 * process pays a hook. A read needs none here (no department of the test hub reads replicas); a change turns on its
 * request's scope, the unit of work's and MikroORM's transaction storage, and all three are off again once it is
 * answered. Read off each department's /metrics (hub_async_context_storages_on).
 */
const RESIDENT_360 = `query($id: ID!) {
  resident(id: $id) { id name household { building { address grid { name } } } registration { type } assistance { program status } }
}`;
const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`;

/** One series of a department's /metrics. */
async function metric(department: string, series: string): Promise<number> {
  const url = hub().subgraphUrls[department as keyof ReturnType<typeof hub>['subgraphUrls']];
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: FRESH_CONNECTION })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`${department} exports no ${series}`);
  return Number(line.slice(series.length + 1));
}
const storagesOn = (department: string) => metric(department, 'hub_async_context_storages_on');

/** Request scopes each department opened while `action` ran. */
async function scopesOpenedDuring(action: () => Promise<unknown>): Promise<Record<string, number>> {
  const departments = Object.keys(hub().subgraphUrls);
  const before = await Promise.all(departments.map((d) => metric(d, 'hub_request_scopes_total')));
  await action();
  const after = await Promise.all(departments.map((d) => metric(d, 'hub_request_scopes_total')));
  return Object.fromEntries(departments.map((d, i) => [d, after[i] - before[i]]));
}

/** Each department's count, read until it is 0 or two seconds have passed (a response closes just after it is sent). */
async function settledStoragesOn(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const department of Object.keys(hub().subgraphUrls)) {
    const until = Date.now() + 2000;
    counts[department] = await storagesOn(department);
    while (counts[department] > 0 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      counts[department] = await storagesOn(department);
    }
  }
  return counts;
}

const everyDepartmentOff = { population: 0, 'civil-affairs': 0, 'public-security': 0, grid: 0 };

describe('AsyncLocalStorage in the departments', () => {
  const registered: string[] = [];
  // the registered resident has no household: left on the register, they would be in every later file's lists
  afterAll(() => takeOffTheRegister(registered));

  it('is never turned on by a Resident 360 read through the gateway from all four', async () => {
    const resident = testWorld().residents.find((r) => r.householdId)!;
    const opened = await scopesOpenedDuring(async () => {
      const answer = await as(gridLeader).graphql(RESIDENT_360, { id: resident.id });
      expect(answer.errors).toBeUndefined();
      expect(answer.data.resident.id).toBe(resident.id);
    });
    expect(opened).toEqual(everyDepartmentOff);
    expect(await settledStoragesOn()).toEqual(everyDepartmentOff);
  });

  it('is on for a change (a transaction) and off again once it is answered', async () => {
    let answer!: GraphQLResponse;
    const opened = await scopesOpenedDuring(async () => {
      answer = await as(registrar).graphql(REGISTER, {
        input: {
          name: '异步上下文',
          idNumber: makeIdNumber('110105', '1987-03-14', 600 + Math.floor(Math.random() * 300), 'MALE'),
          gender: 'MALE',
          birthDate: '1987-03-14',
          ethnicityCode: '01',
          residenceStatus: 'REGISTERED',
          collectedBy: 'async-context-test',
          movedInOn: '2026-01-01',
          idempotencyKey: randomUUID(),
        },
      });
    });
    expect(opened).toEqual({ ...everyDepartmentOff, population: 1 });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.registerResident.id).toEqual(expect.any(String));
    registered.push(answer.data.registerResident.id);
    expect(await settledStoragesOn()).toEqual(everyDepartmentOff);
  });
});

/**
 * Signing in by ID number (issue 23): a resident token from the identity service names the person by their ID number
 * (claim id_number); the gateway sends population only its keyed hash, which population keeps beside the number on
 * every write of it. A hub of its own, logging at debug (a line per subgraph request), so the test reads every log line
 * the hub wrote and finds the numbers in none of them, nor in any department's audit log.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEPARTMENTS } from '../lib/departments';
import { mintUserToken } from '../lib/auth/user-token';
import { generateWorld } from '../runner/synthetic/world';
import { type GraphQLResponse, graphql, sqlAt } from './support/hub';
import { type PrivateHub, privateDir, startPrivateHub } from './support/private-hub';
import { idNumberFor } from './support/residents';

const RESIDENTS = 200;
const world = generateWorld({ residents: RESIDENTS });
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const registrar = { department: 'POPULATION' as const, role: 'REGISTRAR', purpose: '户籍登记 2026-12' };
const leader = { department: 'GRID' as const, role: 'GRID_LEADER', purpose: '入户采集 2026-12' };
const REGISTER = 'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }';
const COLLECT = `mutation($h: ID!, $key: String!, $c: PopulationCollectionInput!) {
  collectAtHousehold(householdId: $h, idempotencyKey: $key, collected: $c) { parts { outcome worklistItemId } } }`;
const VERIFY = 'mutation($id: ID!) { verifyCollectedChange(id: $id) { status } }';
const ME = '{ me { id householdId } }';

describe('a resident signs in by ID number', () => {
  const dir = privateDir('hub-sign-in-');
  let hub: PrivateHub;
  const seeded = world.residents[7];
  const household = world.households.find((h) => h.id === seeded.householdId)!;
  const numbers = {
    registered: idNumberFor('1971-03-04', 'FEMALE'),
    corrected: idNumberFor('1971-03-05', 'FEMALE'),
    other: idNumberFor('1980-06-07', 'MALE'),
    unknown: idNumberFor('1990-01-02', 'MALE'),
  };

  /** `me` as a resident whose token names them by ID number only (claim id_number), as the identity service does */
  const asNumber = async (idNumber: string): Promise<GraphQLResponse> => {
    const { jwtSecret } = JSON.parse(readFileSync(hub.info.secretsFile, 'utf8')) as { jwtSecret: string };
    const identity = {
      subject: `oidc-${randomUUID()}`,
      name: '居民',
      department: 'RESIDENT' as const,
      role: 'RESIDENT',
    };
    const token = await mintUserToken({ ...identity, scope: [] }, jwtSecret, { idNumber });
    return graphql(ME, {}, { url: hub.info.gatewayUrl, headers: { authorization: `Bearer ${token}` } });
  };
  const ok = async (res: Promise<GraphQLResponse> | GraphQLResponse) => {
    const { data, errors } = await res;
    if (errors) throw new Error(JSON.stringify(errors));
    return data;
  };
  const register = async (idNumber: string, birthDate: string, gender: string): Promise<string> =>
    (
      await ok(
        hub.ask(registrar, REGISTER, {
          input: {
            idempotencyKey: randomUUID(),
            name: '登录测试',
            idNumber,
            gender,
            birthDate,
            ethnicityCode: '01',
            residenceStatus: 'REGISTERED',
            householdId: household.id,
            collectedBy: 'sign-in-test',
            movedInOn: '2026-10-01',
          },
        }),
      )
    ).registerResident.id;

  beforeAll(async () => {
    hub = await startPrivateHub({
      dir,
      residents: RESIDENTS,
      districtId: district.id,
      env: { LOG_LEVEL: 'debug', HUB_QUIET: '0' },
    });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('finds a seeded resident by the number on the register: `me` is that person', async () => {
    expect(await ok(asNumber(seeded.idNumber.toLowerCase()))).toEqual({
      me: { id: seeded.id, householdId: seeded.householdId },
    });
  });

  it('refuses a number no one on the register has, saying so', async () => {
    const res = await asNumber(numbers.unknown);
    expect({
      data: res.data,
      errors: res.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })),
    }).toEqual({
      data: undefined,
      errors: [
        {
          message:
            'no one on the register has the ID number your token names: ask the registry (户籍窗口) to check your entry, then sign in again',
          code: 'UNAUTHENTICATED',
        },
      ],
    });
  });

  it('refuses a claim that is not an ID number', async () => {
    const res = await asNumber('12345');
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['UNAUTHENTICATED', "the token's id_number must be an ID number of 18 characters (17 digits and a digit or X)"],
    ]);
  });

  it('finds a newly registered resident, and after an accepted ID-number correction the new number only', async () => {
    const other = await register(numbers.other, '1980-06-07', 'MALE');
    const corrected = await register(numbers.registered, '1971-03-04', 'FEMALE');
    expect(await ok(asNumber(numbers.other))).toEqual({ me: { id: other, householdId: household.id } });

    // a grid leader collects the corrected number on a visit (PROPOSE), the registrar verifies it
    const collected = await ok(
      hub.ask(leader, COLLECT, {
        h: household.id,
        key: randomUUID(),
        c: { facts: [{ residentId: corrected, field: 'idNumber', value: numbers.corrected }] },
      }),
    );
    const [part] = collected.collectAtHousehold.parts;
    expect(part).toEqual({ outcome: 'PENDING_VERIFICATION', worklistItemId: expect.any(String) });
    expect(await ok(hub.ask(registrar, VERIFY, { id: part.worklistItemId }))).toEqual({
      verifyCollectedChange: { status: 'APPLIED' },
    });

    expect(await ok(asNumber(numbers.corrected))).toEqual({ me: { id: corrected, householdId: household.id } });
    expect((await asNumber(numbers.registered)).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('writes no ID number a resident signed in by into any log line or audit row', async () => {
    const used = [seeded.idNumber, ...Object.values(numbers)];
    const lines = hub.output().split('\n');
    // the hub logged at debug: a line per subgraph request, the resident's sign-ins among them
    expect(lines.filter((l) => l.includes('"ResidentSignIn"')).length).toBeGreaterThan(0);
    expect(lines.filter((l) => used.some((n) => l.toUpperCase().includes(n)))).toEqual([]);
    const found: Record<string, number> = {};
    for (const department of DEPARTMENTS) {
      const [{ rows, named }] = await sqlAt<{ rows: number; named: number }>(
        hub.info.ownerUrls[department],
        `select count(*)::int as rows, count(*) filter (where upper(a::text) like any($1))::int as named from audit_log a`,
        [used.map((n) => `%${n}%`)],
      );
      expect(rows).toBeGreaterThan(department === 'population' ? 0 : -1);
      found[department] = named;
    }
    expect(found).toEqual(Object.fromEntries(DEPARTMENTS.map((d) => [d, 0])));
  });
});

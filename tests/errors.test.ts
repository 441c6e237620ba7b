import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../lib/codes/id-number';
import { as, registrar } from './support/callers';
import type { GraphQLResponse } from './support/hub';

const { data, graphql } = as(registrar);

const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id name idNumber gender birthDate } }`;
const COUNT = `query($f: ResidentFilter) { residents(first: 1, filter: $f) { totalCount } }`;

const newcomer = (overrides: Record<string, unknown> = {}) => ({
  name: '测试人',
  idNumber: makeIdNumber('110105', '1988-03-14', 901, 'MALE'),
  gender: 'MALE',
  birthDate: '1988-03-14',
  ethnicityCode: '01',
  residenceStatus: 'REGISTERED',
  collectedBy: 'test-suite',
  // moved in before it was registered (补登), so a move-out dated in January follows the move-in
  movedInOn: '2026-01-01',
  ...overrides,
});

async function activeResidents(): Promise<number> {
  return (await data(COUNT)).residents.totalCount;
}

function expectOnlyError(res: GraphQLResponse, code: string, message: RegExp) {
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
  expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.js:\d+/);
}

describe('bad input through the gateway', () => {
  it('refuses an ID number with a wrong check character and writes nothing', async () => {
    const before = await activeResidents();
    const bad = newcomer({
      idNumber: newcomer().idNumber.slice(0, 17) + (newcomer().idNumber.endsWith('1') ? '2' : '1'),
    });
    const res = await graphql(REGISTER, { input: { ...bad, idempotencyKey: randomUUID() } });
    expectOnlyError(res, 'BAD_USER_INPUT', /idNumber .*check character/);
    expect(res.errors![0].extensions).toMatchObject({ field: 'idNumber' });
    expect(await activeResidents()).toBe(before);
  });

  it('refuses a birth date or gender that disagrees with the ID number', async () => {
    expectOnlyError(
      await graphql(REGISTER, { input: newcomer({ birthDate: '1988-03-15', idempotencyKey: randomUUID() }) }),
      'BAD_USER_INPUT',
      /birthDate 1988-03-15 does not agree .* 1988-03-14/,
    );
    expectOnlyError(
      await graphql(REGISTER, { input: newcomer({ gender: 'FEMALE', idempotencyKey: randomUUID() }) }),
      'BAD_USER_INPUT',
      /gender FEMALE does not agree/,
    );
  });

  it('refuses an unknown enum value', async () => {
    const res = await graphql(REGISTER, {
      input: newcomer({ residenceStatus: 'TOURIST', idempotencyKey: randomUUID() }),
    });
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringContaining('TOURIST'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses out-of-range page sizes and foreign cursors', async () => {
    // refused by the gateway before any department is asked
    expectOnlyError(
      await graphql('{ residents(first: 100000) { totalCount } }'),
      'BAD_USER_INPUT',
      /first must be at most 100; got 100000/,
    );
    expectOnlyError(
      await graphql('{ residents(first: 0) { totalCount } }'),
      'BAD_USER_INPUT',
      /first must be between 1 and 100/,
    );
    expectOnlyError(
      await graphql('{ residents(after: "bm9wZQ") { totalCount } }'),
      'BAD_USER_INPUT',
      /after is not a cursor/,
    );
  });

  it('refuses an id that is not a hub key instead of failing in the database', async () => {
    expectOnlyError(
      await graphql(`{ resident(id: "1; drop table resident") { id } }`),
      'BAD_USER_INPUT',
      /id must be an id issued by the hub/,
    );
  });

  it('registers a valid resident once, and a second registration of the same ID number is a CONFLICT that writes nothing', async () => {
    const before = await activeResidents();
    const input = newcomer();
    const created = await data(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } });
    // a registrar sees the ID number whole
    expect(created.registerResident).toEqual({
      id: expect.any(String),
      name: '测试人',
      idNumber: input.idNumber,
      gender: 'MALE',
      birthDate: '1988-03-14',
    });
    expect(await activeResidents()).toBe(before + 1);

    expectOnlyError(
      await graphql(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } }),
      'CONFLICT',
      /already on the register/,
    );
    expect(await activeResidents()).toBe(before + 1);

    const moved = await data(
      `mutation($id: ID!) { moveOutResident(id: $id, input: { movedOutOn: "2026-01-02" }) { status leftOn } }`,
      { id: created.registerResident.id },
    );
    expect(moved.moveOutResident).toEqual({ status: 'MOVED_OUT', leftOn: '2026-01-02' });
    expect(await activeResidents()).toBe(before);
  });

  it('updates a resident and refuses a bad phone number without changing anything', async () => {
    const { residents } = await data('{ residents(first: 1) { nodes { id name phone } } }');
    const [someone] = residents.nodes;
    expectOnlyError(
      await graphql(`mutation($id: ID!) { updateResident(id: $id, input: { name: "改名", phone: "12345" }) { id } }`, {
        id: someone.id,
      }),
      'BAD_USER_INPUT',
      /phone "12345"/,
    );
    expect((await data(`query($id: ID!) { resident(id: $id) { name phone } }`, { id: someone.id })).resident).toEqual({
      name: someone.name,
      phone: someone.phone,
    });
  });
});

import { randomUUID } from 'node:crypto';
/**
 * The register's change history (变更记录): every change to a resident — registration, a move between households, a
 * status change, each fact — is kept append-only with who, when, from and to, written in the mutation's own
 * transaction, readable by the registrar; "when did this person move in" and a household's membership over time.
 */
import { Client } from 'pg';
import { makeIdNumber } from '../lib/codes/id-number';
import { moveInDates } from '../runner/synthetic/world';
import { as, type Caller, gridLeader, registrar } from './support/callers';
import { hub } from './support/hub';
import { codes, publicSecurityData, today } from './support/public-security';
import { testWorld } from './support/world';

const world = testWorld();
const clerk: Caller = { department: 'POPULATION', role: 'CLERK' };
const historian: Caller = { ...registrar, subject: `history-registrar-${Date.now()}` };
const [first, second] = world.households.filter((h) => h.buildingId === world.buildings[3].id);
const HISTORY = `query($id: ID!) { resident(id: $id) { movedInOn history { kind field fromValue toValue effectiveOn changedBy requestId at } } }`;
const MEMBERSHIP = `query($id: ID!) { household(id: $id) { membership { resident { id } from until } } }`;
const history = async (id: string) => (await as(historian).data(HISTORY, { id })).resident;
/** The registrar registers a resident with these facts; answers the new id. */
const register = async (facts: Record<string, unknown>): Promise<string> =>
  (
    await as(historian).data(`mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }`, {
      input: { ethnicityCode: '01', collectedBy: 'test', idempotencyKey: randomUUID(), ...facts },
    })
  ).registerResident.id;

describe('a resident’s change history', () => {
  let id: string;

  it('starts with the registration into a household, made by the registrar', async () => {
    id = await register({
      name: '历史测试',
      idNumber: makeIdNumber('110105', '1990-05-06', 977, 'FEMALE'),
      gender: 'FEMALE',
      birthDate: '1990-05-06',
      residenceStatus: 'FLOATING',
      householdId: first.id,
    });
    expect(await history(id)).toEqual({
      movedInOn: today(),
      history: [
        {
          kind: 'REGISTERED',
          field: null,
          fromValue: null,
          toValue: first.id,
          effectiveOn: null,
          changedBy: historian.subject,
          requestId: expect.any(String),
          at: expect.any(String),
        },
      ],
    });
  });

  it('keeps a move to another household, each changed fact and the verification, from and to, and nothing for a refused change', async () => {
    const refused = await as(historian).graphql(
      `mutation($id: ID!) { updateResident(id: $id, input: { phone: "12345" }) { id } }`,
      { id },
    );
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect((await history(id)).history).toHaveLength(1);

    await as(historian).data(
      `mutation($id: ID!, $h: ID!) { updateResident(id: $id, input: { householdId: $h, phone: "13900001111", education: BACHELOR }) { id } }`,
      { id, h: second.id },
    );
    const { movedInOn, history: rows } = await history(id);
    expect(movedInOn).toBe(today());
    expect(
      rows.map(({ kind, field, fromValue, toValue }: Record<string, unknown>) => ({ kind, field, fromValue, toValue })),
    ).toEqual([
      { kind: 'REGISTERED', field: null, fromValue: null, toValue: first.id },
      { kind: 'MOVED', field: 'household', fromValue: first.id, toValue: second.id },
      { kind: 'FACT', field: 'phone', fromValue: null, toValue: '13900001111' },
      { kind: 'FACT', field: 'education', fromValue: null, toValue: 'BACHELOR' },
      { kind: 'VERIFIED', field: 'lastVerifiedAt', fromValue: expect.any(String), toValue: expect.any(String) },
    ]);
  });

  it('refuses a move-out dated before the move-in, and writes nothing', async () => {
    const dayBefore = new Date(Date.parse(`${today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const before = await history(id);
    const refused = await as(historian).graphql(
      `mutation($id: ID!) { moveOutResident(id: $id, input: { movedOutOn: "${dayBefore}" }) { status } }`,
      { id },
    );
    expect({
      codes: codes(refused),
      field: refused.errors?.[0]?.extensions?.field,
      message: refused.errors?.[0]?.message,
    }).toEqual({
      codes: ['BAD_USER_INPUT'],
      field: 'movedOutOn',
      message: `movedOutOn ${dayBefore} is before the day the resident moved in (${today()}); give a day on or after it`,
    });
    expect(await history(id)).toEqual(before);
  });

  it('keeps the move out with the day it took effect, and shows each household’s membership over time', async () => {
    await as(historian).data(
      `mutation($id: ID!) { moveOutResident(id: $id, input: { movedOutOn: "${today()}" }) { status } }`,
      { id },
    );
    const { history: rows } = await history(id);
    expect(rows.at(-1)).toMatchObject({
      kind: 'STATUS',
      field: 'status',
      fromValue: 'ACTIVE',
      toValue: 'MOVED_OUT',
      effectiveOn: today(),
    });
    const before = (await as(historian).data(MEMBERSHIP, { id: first.id })).household.membership;
    const after = (await as(historian).data(MEMBERSHIP, { id: second.id })).household.membership;
    expect(before).toEqual(expect.arrayContaining([{ resident: { id }, from: today(), until: today() }]));
    expect(after).toEqual(expect.arrayContaining([{ resident: { id }, from: today(), until: today() }]));
  });

  it('keeps the day a late registration (补登) gives as the move-in, and holds the move-out to it', async () => {
    const late = await register({
      name: '补登测试',
      idNumber: makeIdNumber('110105', '1985-02-03', 978, 'MALE'),
      gender: 'MALE',
      birthDate: '1985-02-03',
      residenceStatus: 'REGISTERED',
      householdId: second.id,
      movedInOn: '2026-11-01',
    });
    const MOVE_OUT = `mutation($id: ID!, $on: LocalDate!) { moveOutResident(id: $id, input: { movedOutOn: $on }) { status leftOn } }`;
    const early = await as(historian).graphql(MOVE_OUT, { id: late, on: '2026-10-31' });
    const moved = await as(historian).data(MOVE_OUT, { id: late, on: '2026-11-02' });
    const { household } = await as(historian).data(MEMBERSHIP, { id: second.id });
    expect({
      early: early.errors?.map((e) => e.extensions?.field),
      moved,
      membership: household.membership.filter((m: { resident: { id: string } }) => m.resident.id === late),
    }).toEqual({
      early: ['movedOutOn'],
      moved: { moveOutResident: { status: 'MOVED_OUT', leftOn: '2026-11-02' } },
      membership: [{ resident: { id: late }, from: '2026-11-01', until: '2026-11-02' }],
    });
  });

  it('is readable by the registrar only', async () => {
    for (const caller of [clerk, gridLeader]) {
      const res = await as(caller).graphql(
        `query($id: ID!) { resident(id: $id) { name history { kind } } household(id: "${first.id}") { membership { from } } }`,
        { id },
      );
      expect(res.data).toMatchObject({ resident: { history: null }, household: { membership: null } });
      expect(codes(res)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
  });

  it('cannot be changed or deleted, even by the role population connects as', async () => {
    const client = new Client({ connectionString: hub().databaseUrls.population });
    await client.connect();
    try {
      await expect(
        client.query(`update resident_change set to_value = 'forged' where resident_id = $1`, [id]),
      ).rejects.toThrow('resident_change is append-only: UPDATE is not allowed');
      await expect(client.query(`delete from resident_change where resident_id = $1`, [id])).rejects.toThrow(
        'resident_change is append-only: DELETE is not allowed',
      );
      await expect(client.query(`truncate resident_change`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });
});

describe('the seeded district', () => {
  it('answers when each member of a household moved in, agreeing with public security’s tenancies and permits', async () => {
    const index = world.households.indexOf(first);
    const members = world.residents.filter((r) => r.householdId === first.id);
    const movedIn = (birthDate: string) =>
      birthDate > moveInDates(world)[index] ? birthDate : moveInDates(world)[index];
    const { household } = await as(historian).data(MEMBERSHIP, { id: first.id });
    expect(household.membership.filter((m: { until: string | null }) => m.until === null)).toEqual(
      members.map((m) => ({ resident: { id: m.id }, from: movedIn(m.birthDate), until: null })),
    );
    expect((await history(members[0].id)).movedInOn).toBe(movedIn(members[0].birthDate));
    const { tenancies, permits } = publicSecurityData();
    const tenancy = tenancies[0];
    const tenantMovedIn = (await history(tenancy.residentId)).movedInOn;
    expect(tenantMovedIn).toBe(tenancy.movedInOn);
    // every permit was first issued after the six months' residence it needs, so the latest issue is later still
    const householdOf = new Map(world.residents.map((r) => [r.id, r.householdId]));
    const dayOfHousehold = new Map(world.households.map((h, i) => [h.id, moveInDates(world)[i]]));
    const early = permits.filter(
      (p) =>
        Date.parse(p.issuedOn) - Date.parse(dayOfHousehold.get(householdOf.get(p.residentId)!)!) < 183 * 86_400_000,
    );
    expect(permits.length).toBeGreaterThan(0);
    expect(early).toEqual([]);
  });
});

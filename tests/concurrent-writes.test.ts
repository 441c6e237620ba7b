import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '../lib/codes/id-number';
import { as, registrar } from './support/callers';
import type { GraphQLResponse } from './support/hub';

/**
 * Writes that race: the same ID number registered twenty times at once, and clerks changing one resident at the same
 * moment. The database decides (a unique ID number, the resident's version in every UPDATE); no answer hides a lost
 * write.
 */
const { data, graphql } = as(registrar);
const clerk = as({ department: 'POPULATION', role: 'CLERK', subject: 'concurrent-clerk' });

const REGISTER = `mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id idNumber version } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateResidentInput!, $expectedVersion: Int) {
  updateResident(id: $id, input: $input, expectedVersion: $expectedVersion) { version }
}`;
const READ = `query($id: ID!) { resident(id: $id) { version education maritalStatus employmentStatus politicalStatus phone } }`;
const ACTIVE_WITH_NUMBER = `query($f: ResidentFilter) { residents(first: 1, filter: $f) { totalCount } }`;

const newcomer = {
  name: '并发测试',
  idNumber: makeIdNumber('110105', '1990-07-21', 517, 'FEMALE'),
  gender: 'FEMALE',
  birthDate: '1990-07-21',
  ethnicityCode: '01',
  residenceStatus: 'REGISTERED',
  collectedBy: 'concurrent-writes-test',
  // moved in before it was registered (补登), so a move-out dated in January follows the move-in
  movedInOn: '2026-01-01',
};

const codesOf = (answers: GraphQLResponse[]) =>
  answers.map((a) => (a.errors?.length ? a.errors.map((e) => e.extensions?.code).join() : 'OK'));
const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((t, c) => {
    t[c] = (t[c] ?? 0) + 1;
    return t;
  }, {});

describe('concurrent writes', () => {
  let residentId: string;

  it('twenty registrations of one ID number at once: exactly one succeeds, the other nineteen are CONFLICT', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => graphql(REGISTER, { input: { ...newcomer, idempotencyKey: randomUUID() } })),
    );
    expect(tally(codesOf(answers))).toEqual({ OK: 1, CONFLICT: 19 });
    const winner = answers.find((a) => !a.errors)!;
    residentId = winner.data.registerResident.id;
    expect(winner.data.registerResident).toEqual({ id: expect.any(String), idNumber: newcomer.idNumber, version: 1 });
    for (const loser of answers.filter((a) => a.errors)) {
      expect(loser).toEqual({
        status: 200,
        data: null,
        errors: [
          {
            message: 'a resident with this ID number is already on the register',
            path: ['registerResident'],
            extensions: { code: 'CONFLICT', serviceName: 'population' },
          },
        ],
      });
    }
    expect((await data(READ, { id: residentId })).resident.version).toBe(1);
  });

  it('only a registrar may register: a clerk is FORBIDDEN, and nothing is written', async () => {
    const input = { ...newcomer, idNumber: makeIdNumber('110105', '1990-07-21', 519, 'FEMALE') };
    const res = await clerk.graphql(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(codesOf([res])).toEqual(['FORBIDDEN']);
    // the registrar registering it now finds no copy the clerk made
    const created = await data(REGISTER, { input: { ...input, idempotencyKey: randomUUID() } });
    expect(created.registerResident.version).toBe(1);
    await data(`mutation($id: ID!) { moveOutResident(id: $id, input: { movedOutOn: "2026-01-02" }) { status } }`, {
      id: created.registerResident.id,
    });
  });

  it('ten changes made against the same version at once: one is applied, nine are CONFLICT, and the record holds the one applied', async () => {
    const educations = [
      'NONE',
      'PRIMARY',
      'JUNIOR',
      'SENIOR',
      'COLLEGE',
      'BACHELOR',
      'POSTGRADUATE',
      'PRIMARY',
      'JUNIOR',
      'SENIOR',
    ];
    const answers = await Promise.all(
      educations.map((education) => graphql(UPDATE, { id: residentId, input: { education }, expectedVersion: 1 })),
    );
    const codes = codesOf(answers);
    expect(tally(codes)).toEqual({ OK: 1, CONFLICT: 9 });
    const applied = educations[codes.indexOf('OK')];
    expect(answers[codes.indexOf('OK')].data.updateResident).toEqual({ version: 2 });
    expect(answers.find((a) => a.errors)!.errors![0].message).toMatch(
      /^resident [0-9a-f-]{36} (has changed since version 1|was changed by someone else at the same moment)/,
    );
    const { resident } = await data(READ, { id: residentId });
    expect({ version: resident.version, education: resident.education }).toEqual({ version: 2, education: applied });
  });

  it('changes to different facts at once, without a version: each is applied or refused as CONFLICT, none is lost silently', async () => {
    const changes = [
      { maritalStatus: 'MARRIED' },
      { employmentStatus: 'RETIRED' },
      { politicalStatus: 'MASSES' },
      { phone: '13800138000' },
      { education: 'BACHELOR' },
      { maritalStatus: 'DIVORCED' },
    ];
    const { resident: before } = await data(READ, { id: residentId });
    const answers = await Promise.all(changes.map((input) => graphql(UPDATE, { id: residentId, input })));
    const codes = codesOf(answers);
    expect(codes.every((c) => c === 'OK' || c === 'CONFLICT')).toBe(true);
    const applied = changes.filter((_, i) => codes[i] === 'OK');
    expect(applied.length).toBeGreaterThan(0);
    const { resident } = await data(READ, { id: residentId });
    // every change that was answered as applied is there (a later one of the same fact may have replaced an earlier)
    expect(resident.version).toBe(before.version + applied.length);
    const versions = answers
      .filter((a) => !a.errors)
      .map((a) => a.data.updateResident.version)
      .sort((a: number, b: number) => a - b);
    expect(versions).toEqual(applied.map((_, i) => before.version + 1 + i));
    for (const [i, change] of changes.entries()) {
      if (codes[i] !== 'OK') continue;
      const [fact, value] = Object.entries(change)[0];
      const laterSameFact = changes.some(
        (other, j) =>
          j !== i &&
          codes[j] === 'OK' &&
          fact in other &&
          answers[j].data.updateResident.version > answers[i].data.updateResident.version,
      );
      if (!laterSameFact) expect({ fact, value: resident[fact] }).toEqual({ fact, value });
    }
  });

  it('a change sent with a version that is no longer current is CONFLICT and changes nothing', async () => {
    const { resident: before } = await data(READ, { id: residentId });
    const res = await graphql(UPDATE, {
      id: residentId,
      input: { education: 'NONE' },
      expectedVersion: before.version - 1,
    });
    expect(res).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: `resident ${residentId} has changed since version ${before.version - 1} (it is now version ${before.version}): read it again and make the change on what it says now`,
          path: ['updateResident'],
          extensions: { code: 'CONFLICT', serviceName: 'population' },
        },
      ],
    });
    expect((await data(READ, { id: residentId })).resident).toEqual(before);
  });

  afterAll(async () => {
    // off the active register again, so files that count active residents find the seeded district
    if (residentId)
      await data(`mutation($id: ID!) { moveOutResident(id: $id, input: { movedOutOn: "2026-01-02" }) { status } }`, {
        id: residentId,
      });
    expect((await data(ACTIVE_WITH_NUMBER)).residents.totalCount).toBeGreaterThan(0);
  });
});

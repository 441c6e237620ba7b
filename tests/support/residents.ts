import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mintUserToken } from '../../lib/auth/user-token';
import { makeIdNumber } from '../../lib/codes/id-number';
import { addWorkingDays, today } from '../../lib/calendar';
import { as, registrar } from './callers';
import { type GraphQLResponse, graphql, hub } from './hub';

const REGISTER = 'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }';

/** A valid citizen ID number (GB 11643) of a district code of the tests' own, for a birth date and sex. */
export const idNumberFor = (birthDate: string, gender: 'MALE' | 'FEMALE') =>
  makeIdNumber('110109', birthDate, 100 + Math.floor(Math.random() * 800), gender);

/**
 * A resident of the test's own, registered by the registrar into a household (the test takes them off the register
 * again at the end, so no figure another file computes from the seed moves).
 */
export async function registerOwnResident(
  householdId: string,
  person: { name: string; birthDate: string; gender: 'MALE' | 'FEMALE'; collectedBy: string },
): Promise<string> {
  const { registerResident } = await as(registrar).data(REGISTER, {
    input: {
      idempotencyKey: randomUUID(),
      name: person.name,
      idNumber: idNumberFor(person.birthDate, person.gender),
      gender: person.gender,
      birthDate: person.birthDate,
      ethnicityCode: '01',
      residenceStatus: 'REGISTERED',
      householdId,
      collectedBy: person.collectedBy,
      movedInOn: '2026-10-01',
    },
  });
  return registerResident.id;
}

const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id } }';

/** Takes a test's own residents off the register again (deceased), so no later file's list or figure finds them. */
export async function takeOffTheRegister(ids: readonly string[]): Promise<void> {
  for (const id of ids)
    await as(registrar).graphql(MOVE_OUT, { id, input: { movedOutOn: '2026-12-01', deceased: true } });
}

/** A resident's own token (the data subject, docs/resident-view.md), minted with a hub's secret. */
export async function residentToken(residentId: string, secretsFile = hub().secretsFile): Promise<string> {
  const { jwtSecret } = JSON.parse(readFileSync(secretsFile, 'utf8')) as { jwtSecret: string };
  return mintUserToken(
    {
      subject: `resident-${residentId}`,
      name: '居民',
      department: 'RESIDENT',
      role: 'RESIDENT',
      scope: [],
      resident: { id: residentId },
    },
    jwtSecret,
  );
}

/** `asResident(id).graphql(query)`: the request carries that resident's own token (to the shared hub, or `at` another). */
export const asResident = (residentId: string, at?: { gatewayUrl: string; secretsFile: string }) => ({
  async graphql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const token = await residentToken(residentId, at?.secretsFile);
    return graphql<T>(query, variables, { url: at?.gatewayUrl, headers: { authorization: `Bearer ${token}` } });
  },
});

/** A correction request (申请更正) as it answers just after filing: pending, due in 15 working days, with `facts` of its own. */
export const filedCorrection = (facts: Record<string, unknown>) => ({
  id: expect.any(String),
  trackingCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-.$/),
  status: 'PENDING',
  filedAt: expect.any(String),
  dueOn: addWorkingDays(today(), 15),
  overdue: false,
  decisionReason: null,
  decidedAt: null,
  ...facts,
});

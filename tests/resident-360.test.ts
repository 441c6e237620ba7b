import { maskIdNumber } from '../lib/codes/id-number';
import { RESIDENT_360 } from '../queries';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { as, gridLeader, gridWorkerOf } from './support/callers';
import { type GraphQLResponse, sqlStatementsDuring } from './support/hub';
import { testWorld, whereLives } from './support/world';

const REGISTRATION_TYPE = { REGISTERED: 'LOCAL', FLOATING: 'NON_LOCAL', OVERSEAS: 'NONE' } as const;

describe('Resident 360: one resident with facts from all four departments', () => {
  it('answers a grid leader (district scope, stated purpose) from population, grid, public security and civil affairs in one request', async () => {
    // a head of household on 低保, so every department has something to say
    const cases = assistanceCases(testWorld());
    const onMinimumLiving = cases.find((c) => c.program === 'MINIMUM_LIVING' && c.status === 'ACTIVE')!;
    const resident = testWorld().residents.find((r) => r.id === onMinimumLiving.residentId)!;
    const { household, building, grid, community } = whereLives(resident);

    let res: GraphQLResponse | undefined;
    const statements = await sqlStatementsDuring(
      async () => (res = await as(gridLeader).graphql(RESIDENT_360, { id: resident.id })),
    );

    expect(res).toEqual({
      status: 200,
      data: {
        resident: {
          id: resident.id,
          name: resident.name,
          idNumber: maskIdNumber(resident.idNumber),
          gender: resident.gender,
          birthDate: resident.birthDate,
          household: {
            id: household.id,
            building: {
              id: building.id,
              address: building.address,
              grid: { id: grid.id, name: grid.name, level: 'GRID', parent: { name: community.name } },
            },
          },
          registration: { type: REGISTRATION_TYPE[resident.residenceStatus] },
          assistance: cases
            .filter((c) => c.residentId === resident.id)
            .sort((a, b) => a.id.localeCompare(b.id))
            .map((c) => ({ program: c.program, status: c.status, monthlyAmount: c.monthlyAmount })),
        },
      },
    });
    expect(res!.data.resident.idNumber).toMatch(/^\d{6}\*{12}$/);
    // every department was asked (and answered from its own database)
    expect(
      Object.entries(statements)
        .filter(([, n]) => n > 0)
        .map(([name]) => name)
        .sort(),
    ).toEqual(['civil-affairs', 'grid', 'population', 'public-security']);
  });

  it('returns null and NOT_FOUND for a resident id nobody issued', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    expect(await as(gridLeader).graphql(RESIDENT_360, { id })).toEqual({
      status: 200,
      data: { resident: null },
      errors: [
        {
          message: `Resident ${id} does not exist or is outside your data scope`,
          path: ['resident'],
          extensions: { code: 'NOT_FOUND', id, serviceName: 'population' },
        },
      ],
    });
  });
});

/**
 * What a resident-360 costs each department in SQL statements (issue 25): population reads the resident, household,
 * building and the household's members (its audit row's subjects) in one statement, then writes the audit rows; civil
 * affairs and public security one read and the audit; grid one read (a building's grid and its parent, no personal data).
 */
describe('Resident 360: SQL statements per department', () => {
  const PER_360 = { population: 2, 'civil-affairs': 2, 'public-security': 2, grid: 1 };
  const LIST = `query List($ids: [ID!]!) {
    residentsByIds(ids: $ids) {
      id name idNumber gender birthDate
      household { id building { id address grid { id name level parent { name } } } }
      registration { type }
      assistance { program status monthlyAmount }
    }
  }`;
  const housed = testWorld().residents.filter((r) => r.householdId);

  it('is one read per department, and the audit where personal data is read', async () => {
    let res: GraphQLResponse | undefined;
    const statements = await sqlStatementsDuring(
      async () => (res = await as(gridLeader).graphql(RESIDENT_360, { id: housed[3].id })),
    );
    expect(res!.errors).toBeUndefined();
    expect(res!.data.resident.household.building.grid.parent.name).toBe(whereLives(housed[3]).community.name);
    expect(statements).toEqual(PER_360);
  });

  it('stays flat as the list of residents grows', async () => {
    const counted = async (ids: string[]) => {
      let res: GraphQLResponse | undefined;
      const statements = await sqlStatementsDuring(async () => (res = await as(gridLeader).graphql(LIST, { ids })));
      expect(res!.errors).toBeUndefined();
      expect(res!.data.residentsByIds.map((r: { id: string }) => r.id)).toEqual(ids);
      expect(
        res!.data.residentsByIds.map(
          (r: { household: { building: { grid: { id: string } } } }) => r.household.building.grid.id,
        ),
      ).toEqual(ids.map((id) => whereLives(housed.find((r) => r.id === id)!).grid.id));
      return statements;
    };
    const ids = housed.filter((_, i) => i % 97 === 5).map((r) => r.id);
    expect([await counted(ids.slice(0, 1)), await counted(ids.slice(1, 9))]).toEqual([PER_360, PER_360]);
  });

  it('costs population the same for a resident inside a scoped caller’s grid as for one outside it', async () => {
    const resident = housed[7];
    const { grid } = whereLives(resident);
    const outside = housed.find((r) => whereLives(r).grid.id !== grid.id)!;
    const population = async (id: string) => {
      let res: GraphQLResponse | undefined;
      const statements = await sqlStatementsDuring(
        async () =>
          (res = await as(gridWorkerOf(grid.id)).graphql(
            'query($id: ID!) { resident(id: $id) { id name household { id building { id } } } }',
            { id },
          )),
      );
      return { found: res!.data.resident?.id ?? null, statements: statements.population };
    };
    expect([await population(resident.id), await population(outside.id)]).toEqual([
      { found: resident.id, statements: 2 },
      { found: null, statements: 2 },
    ]);
  });
});

import { maskIdNumber } from '../lib/codes/id-number';
import { RESIDENT_360 } from '../queries';
import { assistanceCases } from '../subgraphs/civil-affairs/seed-cases';
import { as, gridLeader } from './support/callers';
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

import { as, gridLeader } from './support/callers';
import { sqlStatementsDuring } from './support/hub';
import { testWorld } from './support/world';

const ROSTER = `query Roster($id: ID!) {
  region(id: $id) {
    name
    buildings {
      id address
      households {
        id room
        members { id name idNumber age registration { type } assistance { program status } grid { id } }
      }
    }
  }
}`;

async function roster(regionId: string) {
  const result = await as(gridLeader).data(ROSTER, { id: regionId });
  const residents = result.region.buildings.flatMap((b: any) => b.households.flatMap((h: any) => h.members));
  return { residents };
}

describe('grid roster: region → buildings → households → residents, with every department’s facts', () => {
  it('sends the same number of SQL statements to each department for a small roster as for a ten times larger one', async () => {
    const world = testWorld();
    const within = (regionId: string): string[] => [regionId, ...world.regions.filter((r) => r.parentId === regionId).flatMap((r) => within(r.id))];
    const residentsIn = (regionId: string) => {
      const micro = new Set(within(regionId));
      const buildings = new Set(world.buildings.filter((b) => micro.has(b.microGridId)).map((b) => b.id));
      const households = new Set(world.households.filter((h) => buildings.has(h.buildingId)).map((h) => h.id));
      return world.residents.filter((r) => households.has(r.householdId)).length;
    };
    // the smallest micro-grid, and the largest community
    const byResidents = (level: string) => world.regions.filter((r) => r.level === level).map((r) => ({ id: r.id, n: residentsIn(r.id) })).sort((a, b) => a.n - b.n);
    const small = byResidents('MICRO_GRID')[0];
    const large = byResidents('COMMUNITY').at(-1)!;
    expect(large.n).toBeGreaterThanOrEqual(10 * small.n);

    await roster(small.id); // warm-up: the first request of a process may prepare more than later ones
    let smallRoster: Awaited<ReturnType<typeof roster>> | undefined;
    let largeRoster: Awaited<ReturnType<typeof roster>> | undefined;
    const smallStatements = await sqlStatementsDuring(async () => (smallRoster = await roster(small.id)));
    const largeStatements = await sqlStatementsDuring(async () => (largeRoster = await roster(large.id)));

    expect(smallRoster!.residents).toHaveLength(small.n);
    expect(largeRoster!.residents).toHaveLength(large.n);
    expect(largeStatements).toEqual(smallStatements);
    for (const n of Object.values(smallStatements)) expect(n).toBeGreaterThan(0);
    // every resident carries every department's facts
    for (const r of largeRoster!.residents) {
      expect(r).toEqual({
        id: expect.any(String), name: expect.any(String), idNumber: expect.stringMatching(/^\d{6}\*{12}$/), age: expect.any(Number),
        registration: { type: expect.stringMatching(/^(LOCAL|NON_LOCAL|NONE)$/) }, assistance: expect.any(Array), grid: { id: expect.any(String) },
      });
    }
    const gridsOfCommunity = world.regions.filter((r) => r.parentId === large.id).map((r) => r.id).sort();
    expect([...new Set(largeRoster!.residents.map((r: any) => r.grid.id))].sort()).toEqual(gridsOfCommunity);
  });
});

import { ROSTER } from '../bench/queries';
import { as, gridLeader } from './support/callers';
import { sqlStatementsDuring } from './support/hub';
import { onRegister, testWorld } from './support/world';

const world = testWorld();
const within = (regionId: string): string[] => [
  regionId,
  ...world.regions.filter((r) => r.parentId === regionId).flatMap((r) => within(r.id)),
];

/** The region's buildings in the order its pages list them (by key), with the ids of their residents on the register. */
function buildingsOf(regionId: string) {
  const micro = new Set(within(regionId));
  return world.buildings
    .filter((b) => micro.has(b.microGridId))
    .map((b) => b.id)
    .sort()
    .map((id) => {
      const households = new Set(world.households.filter((h) => h.buildingId === id).map((h) => h.id));
      return {
        id,
        residents: world.residents.filter((r) => households.has(r.householdId) && onRegister(r)).map((r) => r.id),
      };
    });
}

async function rosterPage(regionId: string, first: number, after?: string) {
  const { region } = await as(gridLeader).data(ROSTER, { id: regionId, first, after });
  const residents = region.buildings.nodes.flatMap((b: any) => b.households.flatMap((h: any) => h.members));
  return { buildings: region.buildings, residents };
}

describe('grid roster: region → a page of buildings → households → residents, with every department’s facts', () => {
  it('sends the same number of SQL statements to each department for a one-building page as for a sixteen-building one', async () => {
    // the smallest first building of any micro-grid, and the first 16 buildings of the largest community
    const small = world.regions
      .filter((r) => r.level === 'MICRO_GRID')
      .map((r) => ({ id: r.id, n: buildingsOf(r.id)[0].residents.length }))
      .sort((a, b) => a.n - b.n)[0];
    const large = world.regions
      .filter((r) => r.level === 'COMMUNITY')
      .map((r) => ({
        id: r.id,
        n: buildingsOf(r.id)
          .slice(0, 16)
          .flatMap((b) => b.residents).length,
      }))
      .sort((a, b) => a.n - b.n)
      .at(-1)!;
    expect(large.n).toBeGreaterThanOrEqual(10 * small.n);

    await rosterPage(small.id, 1); // warm-up: the first request of a process may prepare more than later ones
    let smallPage: Awaited<ReturnType<typeof rosterPage>> | undefined;
    let largePage: Awaited<ReturnType<typeof rosterPage>> | undefined;
    const smallStatements = await sqlStatementsDuring(async () => (smallPage = await rosterPage(small.id, 1)));
    const largeStatements = await sqlStatementsDuring(async () => (largePage = await rosterPage(large.id, 16)));

    expect(smallPage!.residents).toHaveLength(small.n);
    expect(largePage!.residents).toHaveLength(large.n);
    expect(largeStatements).toEqual(smallStatements);
    for (const n of Object.values(smallStatements)) expect(n).toBeGreaterThan(0);
    // every resident carries every department's facts
    for (const r of largePage!.residents) {
      expect(r).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        idNumber: expect.stringMatching(/^\d{6}\*{12}$/),
        age: expect.any(Number),
        registration: { type: expect.stringMatching(/^(LOCAL|NON_LOCAL|NONE)$/) },
        assistance: expect.any(Array),
        grid: { id: expect.any(String) },
      });
    }
  });

  it('pages through a whole grid: every building and resident once, in key order, with the count of all buildings', async () => {
    const grid = world.regions
      .filter((r) => r.level === 'GRID')
      .sort((a, b) => buildingsOf(b.id).length - buildingsOf(a.id).length)[0];
    const expected = buildingsOf(grid.id);
    expect(expected.length).toBeGreaterThan(4);
    const buildingIds: string[] = [];
    const residentIds: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await rosterPage(grid.id, 4, after);
      pages++;
      expect(page.buildings.totalCount).toBe(expected.length);
      buildingIds.push(...page.buildings.nodes.map((b: any) => b.id));
      residentIds.push(...page.residents.map((r: any) => r.id));
      if (!page.buildings.pageInfo.hasNextPage) break;
      after = page.buildings.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(expected.length / 4));
    expect(buildingIds).toEqual(expected.map((b) => b.id));
    expect(residentIds.sort()).toEqual(expected.flatMap((b) => b.residents).sort());
  });
});

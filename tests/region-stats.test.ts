import { suppressSmallCells } from '../lib/stats/suppression';
import { analyst, as, auditorOf, districtId, gridLeader, gridWorkerOf } from './support/callers';
import { sqlStatementsDuring } from './support/hub';
import { childrenOf, expectedPopulation, REGION_STATS } from './support/stats';
import { testWorld } from './support/world';

const world = testWorld();
const asOf = world.asOf;
const district = world.regions.find((r) => r.level === 'DISTRICT')!;
const firstStreet = childrenOf(world, district.id)[0];
const firstCommunity = childrenOf(world, firstStreet.id)[0];
const firstGrid = childrenOf(world, firstCommunity.id)[0];
const unknownId = '00000000-0000-4000-8000-00000000beef';

const statsOf = async (caller: Parameters<typeof as>[0], regionId: string, day = asOf) => (await as(caller).data(REGION_STATS, { regionId, asOf: day })).regionStats;
/** ANALYTICS identities are answered as of the first of the month */
const monthStart = `${asOf.slice(0, 7)}-01`;
type Row = { regionId: string; population: Record<string, any>; civilAffairs: { assistance: Record<string, any>[] } };

describe('regionStats: the region and each child, from every department', () => {
  it('answers the district and each street, population figures exactly as the synthetic district has them', async () => {
    const stats = await statsOf(gridLeader, district.id);
    expect(stats.figures.map((f: Row) => f.regionId)).toEqual([district.id, ...childrenOf(world, district.id).map((s) => s.id)]);
    expect(stats.figures.map((f: Row) => f.population)).toEqual([district, ...childrenOf(world, district.id)].map((r) => expectedPopulation(world, r.id, asOf)));
    expect(stats.figures[0].grid).toEqual({
      grids: world.regions.filter((r) => r.level === 'GRID').length,
      buildings: world.buildings.length,
      staff: expect.any(Number),
      targetHouseholds: world.regions.filter((r) => r.level === 'GRID').reduce((sum, r) => sum + (r.targetHouseholds ?? 0), 0),
    });
  });

  it('counts grids and micro-grids by the buildings grid assigns to them (the gateway brings them to the departments)', async () => {
    const stats = await statsOf(gridLeader, firstCommunity.id);
    expect(stats.figures.map((f: Row) => f.population)).toEqual([firstCommunity, ...childrenOf(world, firstCommunity.id)].map((r) => expectedPopulation(world, r.id, asOf)));
    const microGrids = await statsOf(gridLeader, firstGrid.id);
    expect(microGrids.figures.map((f: Row) => f.population)).toEqual([firstGrid, ...childrenOf(world, firstGrid.id)].map((r) => expectedPopulation(world, r.id, asOf)));
  });

  it('has civil affairs count its own cases in the same places: the children add up to the region', async () => {
    const [own, ...children] = (await statsOf(gridLeader, district.id)).figures as Row[];
    expect(own.civilAffairs.assistance.map((p) => p.program)).toEqual(['MINIMUM_LIVING', 'EXTREME_POVERTY', 'TEMPORARY', 'MAJOR_ILLNESS']);
    for (const [i, program] of own.civilAffairs.assistance.entries()) {
      const sum = (figure: string) => children.reduce((total, c) => total + Number(c.civilAffairs.assistance[i][figure]), 0);
      expect({ cases: program.cases, pending: program.pending, amount: Number(program.amount) }).toEqual({ cases: sum('cases'), pending: sum('pending'), amount: expect.closeTo(sum('amount'), 2) });
    }
    expect(own.civilAffairs.assistance[0].cases).toBeGreaterThan(0);
  });

  it('sends one SQL statement per department whatever the number of child regions', async () => {
    const district = await sqlStatementsDuring(() => statsOf(gridLeader, districtId()));
    const grid = await sqlStatementsDuring(() => statsOf(gridLeader, firstGrid.id));
    expect({ population: district.population, 'civil-affairs': district['civil-affairs'] }).toEqual({ population: 1, 'civil-affairs': 1 });
    expect(grid.population).toBe(district.population);
    expect(grid['civil-affairs']).toBe(district['civil-affairs']);
  });
});

describe('regionStats for ANALYTICS: aggregates only, small cells withheld', () => {
  it('answers counts under k (5) as null and names them, never as 0, and leaves no lone withheld cell to subtract', async () => {
    const exact = (await statsOf(gridLeader, firstGrid.id, monthStart)).figures as Row[];
    const seen = (await statsOf(analyst, firstGrid.id, monthStart)).figures as Row[];
    const small = exact.flatMap((row, r) => Object.entries(row.population).filter(([, v]) => typeof v === 'number' && v > 0 && v < 5).map(([name]) => [r, name] as const));
    expect(small.length).toBeGreaterThan(0);
    for (const [r, name] of small) {
      expect(seen[r].population[name]).toBeNull();
      expect(seen[r].population.suppressed).toContain(name);
    }
    for (const [r, row] of seen.entries()) {
      // what is shown is exact; what is withheld is null and named
      for (const [name, value] of Object.entries(row.population)) if (name !== 'suppressed') expect(value).toBe(row.population.suppressed.includes(name) ? null : exact[r].population[name]);
      for (const [i, program] of row.civilAffairs.assistance.entries()) {
        for (const name of ['cases', 'pending']) if (program[name] !== null) expect(program[name] === 0 || program[name] >= 5).toBe(true);
        if (program.cases === null) expect(program.amount).toBeNull();
        else expect(program.amount).toBe(exact[r].civilAffairs.assistance[i].amount);
      }
      const parts = ['registered', 'floating', 'overseas'].filter((p) => row.population.suppressed.includes(p));
      if (row.population.residents !== null) expect(parts.length).not.toBe(1);
    }
  });

  it('counts as of the first of the month asked, so that two days cannot be subtracted', async () => {
    const { regionStats } = await as(analyst).data(REGION_STATS, { regionId: firstGrid.id, asOf: '2026-03-17' });
    expect(regionStats.asOf).toBe('2026-03-01');
    expect(regionStats.figures.map((f: Row & { asOf: string }) => f.asOf)).toEqual(regionStats.figures.map(() => '2026-03-01'));
  });

  it('shows a grid leader the same figures whole', async () => {
    const rows = (await statsOf(gridLeader, firstGrid.id)).figures as Row[];
    expect(rows.every((row) => row.population.suppressed.length === 0)).toBe(true);
  });
});

describe('regionStats stays inside the data scope', () => {
  const worker = { ...gridWorkerOf(firstGrid.id), subject: `stats-worker-${Date.now()}` };

  it("answers a grid worker their own grid, and a region outside it exactly like one that does not exist", async () => {
    expect((await statsOf(worker, firstGrid.id)).figures[0].population).toEqual(expectedPopulation(world, firstGrid.id, asOf));
    const outside = await as(worker).graphql(REGION_STATS, { regionId: firstCommunity.id, asOf });
    const nobody = await as(worker).graphql(REGION_STATS, { regionId: unknownId, asOf });
    const answer = (id: string) => ({
      status: 200,
      data: { regionStats: null },
      errors: [{ message: `region ${id} does not exist or is outside your data scope`, path: ['regionStats'], extensions: { code: 'NOT_FOUND', id, serviceName: 'grid' } }],
    });
    expect(outside).toEqual(answer(firstCommunity.id));
    expect(nobody).toEqual(answer(unknownId));
  });

  it('audits the refusal in grid’s log', async () => {
    const { gridAuditTrail } = await as(auditorOf('GRID')).data(
      'query($subject: String!) { gridAuditTrail(first: 10, filter: { subject: $subject }) { nodes { kind recordType recordIds fields outcome } } }',
      { subject: worker.subject },
    );
    expect(gridAuditTrail.nodes).toEqual([{ kind: 'READ', recordType: 'RegionStats', recordIds: [firstCommunity.id], fields: ['regionStats'], outcome: 'DENIED' }]);
  });
});

describe('small-cell suppression (lib/stats/suppression.ts)', () => {
  const shape = { partitions: [['total', 'a', 'b', 'c']], linked: { money: 'a' }, parentRow: 0 };

  it('withholds 1..k-1, keeps 0, hides money paid to a withheld count', () => {
    expect(suppressSmallCells([{ total: 30, a: 2, b: 0, c: 28, money: '100.00' }], { ...shape, parentRow: undefined }, 5)).toEqual([
      // b is 0, so c is the only other part left to hide with a
      { cells: { total: 30, a: null, b: 0, c: null, money: null }, suppressed: ['a', 'c', 'money'] },
    ]);
  });

  it('hides a second child when only one child of a shown parent is withheld', () => {
    const rows = [{ total: 60, a: 0, b: 0, c: 60 }, { total: 3, a: 0, b: 0, c: 3 }, { total: 20, a: 0, b: 0, c: 20 }, { total: 37, a: 0, b: 0, c: 37 }];
    expect(suppressSmallCells(rows, { partitions: [] }, 5).map((r) => r.suppressed)).toEqual([[], ['total', 'c'], [], []]);
    expect(suppressSmallCells(rows, { partitions: [], parentRow: 0 }, 5).map((r) => r.suppressed)).toEqual([[], ['total', 'c'], ['total', 'c'], []]);
  });

  it('is off for k = 1', () => {
    expect(suppressSmallCells([{ total: 1, a: 1, b: 0, c: 0 }], shape, 1)).toEqual([{ cells: { total: 1, a: 1, b: 0, c: 0 }, suppressed: [] }]);
  });
});

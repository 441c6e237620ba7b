import type { FigureValues } from '../../lib/stats/figures';
import { departuresOf, type World, type WorldRegion } from '../../runner/synthetic/world';
import { confirmationsOf } from '../../subgraphs/population/seed';
import type { POPULATION_FIGURES } from '../../subgraphs/population/figures';
import { reverificationCutoff } from '../../subgraphs/population/reverification';
import { ownerSql } from './hub';

/**
 * Every figure of regionStats the departments publish: the dashboard's query (queries/region-stats.graphql, written by
 * `npm run compose` from the declared figures, so each oracle below is typed by its section's declaration).
 */
export { REGION_STATS } from '../../queries';

/** Whole years from `birthDate` to `asOf` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The region and every region below it in the world's tree. */
export function subtree(world: World, regionId: string): Set<string> {
  const inside = new Set([regionId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of world.regions)
      if (r.parentId && inside.has(r.parentId) && !inside.has(r.id)) grew = !!inside.add(r.id);
  }
  return inside;
}

/** Population's figures of a region as the synthetic world has them (every resident active), counted in JavaScript. */
export function expectedPopulation(
  world: World,
  regionId: string,
  asOf: string,
): Required<FigureValues<typeof POPULATION_FIGURES>> {
  const regions = subtree(world, regionId);
  const buildings = new Set(world.buildings.filter((b) => regions.has(b.microGridId)).map((b) => b.id));
  const households = new Set(world.households.filter((h) => buildings.has(h.buildingId)).map((h) => h.id));
  // the figures are of the active register: those who died or moved out are not counted
  const departures = departuresOf(world);
  const residents = world.residents.filter(
    (r) => households.has(r.householdId) && r.birthDate <= asOf && !departures.has(r.id),
  );
  const lived = new Set(residents.map((r) => r.householdId));
  const seededConfirmation = confirmationsOf(world);
  const count = (test: (r: (typeof residents)[number], age: number) => boolean) =>
    residents.filter((r) => test(r, ageOn(r.birthDate, asOf))).length;
  return {
    residents: residents.length,
    registered: count((r) => r.residenceStatus === 'REGISTERED'),
    floating: count((r) => r.residenceStatus === 'FLOATING'),
    overseas: count((r) => r.residenceStatus === 'OVERSEAS'),
    under18: count((_, age) => age < 18),
    age18to59: count((_, age) => age >= 18 && age <= 59),
    age60to79: count((_, age) => age >= 60 && age <= 79),
    age80plus: count((_, age) => age >= 80),
    livingAlone80plus: count((r, age) => age >= 80 && r.livingArrangement === 'ALONE'),
    // as the seed has it (confirmations spread over 90 days); expectedPopulationNow reads it as the register has it now
    dueForReverification: residents.filter((r) => seededConfirmation(r) < reverificationCutoff(asOf)).length,
    households: households.size,
    // a flat counts as lived in while one resident counted above lives there; the others are counted apart
    householdsWithResidents: lived.size,
    emptyHouseholds: households.size - lived.size,
    suppressed: [],
  };
}

/**
 * The same, with dueForReverification as population's register has it now: other files' visits and confirmations
 * (confirmResidentFacts, a visit's confirmFacts) move a resident's last confirmation after the seed's.
 */
export async function expectedPopulationNow(world: World, regionId: string, asOf: string) {
  const expected = expectedPopulation(world, regionId, asOf);
  const regions = subtree(world, regionId);
  const buildings = world.buildings.filter((b) => regions.has(b.microGridId)).map((b) => b.id);
  const [{ due }] = await ownerSql<{ due: number }>(
    'population',
    `select count(*)::int as due from resident r join household h on h.id = r.household_id
      where r.status = 'ACTIVE' and r.birth_date <= $2 and h.building_id = any($1::uuid[]) and r.last_verified_at < $3`,
    [buildings, asOf, reverificationCutoff(asOf)],
  );
  return { ...expected, dueForReverification: due };
}

export const childrenOf = (world: World, regionId: string): WorldRegion[] =>
  world.regions.filter((r) => r.parentId === regionId).sort((a, b) => a.code.localeCompare(b.code));

export interface PlacedRecord {
  buildingId?: string | null;
  communityCode?: string | null;
}

/**
 * Whether a record is in a region of the world, counted the way regionStats places it: a grid or micro-grid holds the
 * records of its buildings, a community or anything above those whose community code starts with its division code.
 */
export function placedIn(world: World, regionId: string): (record: PlacedRecord) => boolean {
  const region = world.regions.find((r) => r.id === regionId)!;
  if (region.level === 'GRID' || region.level === 'MICRO_GRID') {
    const regions = subtree(world, regionId);
    const buildings = new Set(world.buildings.filter((b) => regions.has(b.microGridId)).map((b) => b.id));
    return (record) => !!record.buildingId && buildings.has(record.buildingId);
  }
  return (record) => !!record.communityCode && record.communityCode.startsWith(region.code);
}

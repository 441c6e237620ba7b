import { makeIdNumber } from '../../lib/codes/id-number';
import { assistanceCases } from '../../subgraphs/civil-affairs/seed-cases';
import { staffRows } from '../../subgraphs/grid/seed.staff';
import { inBatches, keyOf } from './burst';
import { as, registrar } from './callers';
import { publicSecurityData } from './public-security';
import { testWorld } from './world';

/**
 * Where the write-load suite works: the district's dedicated grid (专属网格), which no other test file reports, visits or
 * counts in by the generator (they take the general grids, nthGrid), and in it the building with the most rentals.
 */
export function burstPlace() {
  const world = testWorld();
  const grid = world.regions.find(
    (r) => r.level === 'GRID' && r.gridType !== 'GENERAL' && world.regions.some((m) => m.parentId === r.id),
  )!;
  const microGrids = new Set(world.regions.filter((r) => r.parentId === grid.id).map((r) => r.id));
  const buildings = world.buildings
    .filter((b) => microGrids.has(b.microGridId))
    .sort((a, b) => a.id.localeCompare(b.id));
  const { rentals } = publicSecurityData();
  const rentalsOf = (buildingId: string) =>
    rentals.filter((r) => r.buildingId === buildingId && r.registeredOn).sort((a, b) => a.id.localeCompare(b.id));
  const building = [...buildings].sort((a, b) => rentalsOf(b.id).length - rentalsOf(a.id).length)[0];
  const withCases = new Set(assistanceCases(world).map((c) => c.householdId));
  const households = world.households
    .filter((h) => buildings.some((b) => b.id === h.buildingId))
    .sort((a, b) => a.id.localeCompare(b.id));
  const { staff, links } = staffRows(world);
  return {
    grid,
    buildings,
    households,
    building,
    rentals: rentalsOf(building.id),
    /** households of the building in which nobody has an assistance case: the newcomers move in there */
    freeHouseholds: households.filter((h) => h.buildingId === building.id && !withCases.has(h.id)),
    staffId: staff.find((s) =>
      links.some((l) => l.staffId === s.id && (l.regionId === grid.id || microGrids.has(l.regionId))),
    )!.id,
  };
}

export interface Newcomer {
  id: string;
  idNumber: string;
  birthDate: string;
  householdId: string;
}

/** How many households the newcomers spread over (低保 and 特困 are one per household). */
const HOUSEHOLDS = 8;

/** A newcomer's registration: 80 or over (so every welfare record fits), in one of the building's free households. */
export function newcomerInput(name: string, i: number, extra: Record<string, unknown> = {}) {
  const { freeHouseholds } = burstPlace();
  const birthDate = new Date(Date.UTC(1941, 0, 1 + i * 3 + name.length)).toISOString().slice(0, 10);
  const gender = i % 2 ? 'MALE' : 'FEMALE';
  return {
    idempotencyKey: keyOf(name, i),
    name: `压测${name.length}${i}`,
    idNumber: makeIdNumber('110108', birthDate, 700 + i, gender),
    gender,
    birthDate,
    ethnicityCode: '01',
    residenceStatus: 'REGISTERED',
    householdId: freeHouseholds[i % HOUSEHOLDS].id,
    relationCode: '99',
    collectedBy: 'write-load-test',
    // moved in before it was registered (补登): the suite moves them out on days of November
    movedInOn: '2026-10-01',
    ...extra,
  };
}

export const REGISTER = 'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }';
const MOVE_OUT = 'mutation($id: ID!, $input: MoveOutInput) { moveOutResident(id: $id, input: $input) { id status } }';

const registered = new Map<string, Newcomer>();
let pool: Promise<Newcomer[]> | undefined;

/** Registers residents as the registrar would (not a burst), remembering them so the suite can take them off again. */
export async function registerNewcomers(name: string, count: number): Promise<Newcomer[]> {
  return inBatches(
    Array.from({ length: count }, (_, i) => i),
    6,
    async (i) => {
      const input = newcomerInput(name, i);
      const { registerResident } = await as(registrar).data(REGISTER, { input });
      const newcomer = {
        id: registerResident.id,
        idNumber: input.idNumber,
        birthDate: input.birthDate,
        householdId: input.householdId,
      };
      registered.set(newcomer.id, newcomer);
      return newcomer;
    },
  );
}

/**
 * The suite's own residents (33, registered once through the graph into the building's free households): every case
 * that needs residents acts on these, each on a table of its own (a resident may well be a volunteer, hold a disability
 * certificate and rent a room), so no case touches a resident another test file counts.
 */
export function newcomers(): Promise<Newcomer[]> {
  return (pool ??= registerNewcomers('pool', 33));
}

/** Remembers residents a case registered itself, so the suite takes them off the register at the end. */
export function remember(ids: { id: string; idNumber: string; birthDate: string; householdId: string }[]): void {
  for (const n of ids) registered.set(n.id, n);
}

/**
 * Takes every resident the suite registered off the register again (those still on it), so that files counting the
 * district's active residents find the seeded one. As deceased: the seeded district's 44 moved-out residents and the
 * other files' must stay within the first page of 100 that departures-seed and civil-affairs-welfare read.
 */
export async function takeNewcomersOff(): Promise<void> {
  const ids = [...registered.keys()];
  await inBatches(ids, 6, async (id) => {
    const res = await as(registrar).graphql(MOVE_OUT, { id, input: { movedOutOn: '2026-11-30', deceased: true } });
    // already off the register (the moveOutResident case took it off): nothing to undo
    if (res.errors?.length && res.errors[0].extensions?.code !== 'BAD_USER_INPUT')
      throw new Error(`could not take ${id} off the register: ${JSON.stringify(res.errors)}`);
  });
  registered.clear();
}

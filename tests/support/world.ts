import { departuresOf, generateWorld, type World, type WorldResident } from '../../runner/synthetic/world';
import { TEST_RESIDENTS } from './global-setup';

let world: World | undefined;

/** The synthetic district the test hub was seeded with (same generator, same seed, same size). */
export function testWorld(): World {
  return (world ??= generateWorld({ residents: TEST_RESIDENTS }));
}

/** Whether a resident of the world is on the active register (not among those who died or moved out). */
export function onRegister(resident: WorldResident): boolean {
  return !departuresOf(testWorld()).has(resident.id);
}

/** How many of a world's residents are on the active register: what `residents { totalCount }` answers for it. */
export function onRegisterCount(w: World): number {
  return w.residents.length - departuresOf(w).size;
}

/** Where a resident lives in the world: household, building, micro-grid, grid and community. */
export function whereLives(resident: WorldResident) {
  const w = testWorld();
  const household = w.households.find((h) => h.id === resident.householdId)!;
  const building = w.buildings.find((b) => b.id === household.buildingId)!;
  const microGrid = w.regions.find((r) => r.id === building.microGridId)!;
  const grid = w.regions.find((r) => r.id === microGrid.parentId)!;
  const community = w.regions.find((r) => r.id === grid.parentId)!;
  return { household, building, microGrid, grid, community };
}

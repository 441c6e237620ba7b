import type { World, WorldBuilding } from '../../runner/synthetic/world';
import { moveInDates } from '../../runner/synthetic/world';

/** The world's lookups public security's seeders share: each household's building and move-in day, its members. */
export interface SeedPlaces {
  buildingOf: Map<string, WorldBuilding>;
  movedInOn: Map<string, string>;
}

const cache = new WeakMap<World, SeedPlaces>();

export function seedPlaces(world: World): SeedPlaces {
  let places = cache.get(world);
  if (!places) {
    const buildings = new Map(world.buildings.map((b) => [b.id, b]));
    const days = moveInDates(world);
    places = {
      buildingOf: new Map(world.households.map((h) => [h.id, buildings.get(h.buildingId)!])),
      movedInOn: new Map(world.households.map((h, i) => [h.id, days[i]])),
    };
    cache.set(world, places);
  }
  return places;
}

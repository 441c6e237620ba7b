import { Rng, stableUuid } from '../../runner/synthetic/random';
import { departuresOf, type World, type WorldResident } from '../../runner/synthetic/world';
import { InspectionResult, RiskLevel } from './entities/enums';
import { addDays, addYears, earlier, later } from './seed.dates';
import { seedPlaces } from './seed.places';
import { INSPECTION_INTERVAL_DAYS } from './supervision';

export interface RentalRow {
  id: string;
  buildingId: string;
  communityCode: string;
  room: string;
  landlordId: string;
  registeredOn: string | null;
  riskLevel: RiskLevel;
}

export interface TenancyRow {
  id: string;
  rentalId: string;
  residentId: string;
  movedInOn: string;
  /** the day a tenant who died or moved away left; null while they live there */
  movedOutOn: string | null;
  registeredOn: string | null;
}

export interface InspectionRow {
  id: string;
  rentalId: string;
  inspectedOn: string;
  result: InspectionResult;
  hazards: string | null;
  inspector: string;
}

const HAZARDS = ['电动车楼道充电', '私拉乱接电线', '燃气软管老化', '疏散通道堵塞', '未配备灭火器', '群租隔断'];
const INSPECTORS = ['社区民警', '网格警', '消防监督员'];

/**
 * The let rooms of the district: every household of floating residents lives in a rented room (出租房屋) whose landlord is
 * a registered resident living elsewhere in the same grid; its members are the tenants, from the day the household moved
 * in. Most rentals and tenants are registered with the police, and inspected by their risk level's interval.
 */
export function rentalRows(world: World): {
  rentals: RentalRow[];
  tenancies: TenancyRow[];
  inspections: InspectionRow[];
} {
  const rng = new Rng(world.seed + 1501);
  const { buildingOf, movedInOn } = seedPlaces(world);
  // landlords are registered adults living elsewhere in the same grid: drawn from the grid's residents (the households
  // of a grid are one stretch of the world's list, so a draw from that stretch rarely misses)
  const gridOf = new Map(world.regions.filter((r) => r.level === 'MICRO_GRID').map((m) => [m.id, m.parentId!]));
  const gridOfResident = (r: WorldResident) => gridOf.get(buildingOf.get(r.householdId)!.microGridId)!;
  const stretch = new Map<string, { first: number; end: number }>();
  for (const r of world.residents) {
    const grid = gridOfResident(r);
    const range = stretch.get(grid);
    if (range) range.end = r.index + 1;
    else stretch.set(grid, { first: r.index, end: r.index + 1 });
  }
  const adultBorn = addYears(world.asOf, -25);
  const canLet = (r: WorldResident) => r.residenceStatus === 'REGISTERED' && r.birthDate <= adultBorn;
  const fallback = world.residents.find(canLet);
  const landlordIn = (grid: string): WorldResident | undefined => {
    const { first, end } = stretch.get(grid)!;
    for (let tries = 0; tries < 50; tries++) {
      const r = world.residents[first + rng.int(end - first)];
      if (canLet(r) && gridOfResident(r) === grid) return r;
    }
    return fallback;
  };
  const membersOf = new Map<string, WorldResident[]>();
  for (const r of world.residents) {
    if (r.residenceStatus === 'REGISTERED') continue;
    const members = membersOf.get(r.householdId);
    if (members) members.push(r);
    else membersOf.set(r.householdId, [r]);
  }
  const departures = departuresOf(world);
  const rentals: RentalRow[] = [];
  const tenancies: TenancyRow[] = [];
  const inspections: InspectionRow[] = [];
  for (const household of world.households) {
    const members = membersOf.get(household.id);
    if (!members) continue;
    const building = buildingOf.get(household.id)!;
    const movedIn = movedInOn.get(household.id)!;
    const landlord = landlordIn(gridOf.get(building.microGridId)!);
    if (!landlord) continue;
    const registeredOn = rng.next() < 0.88 ? later(addDays(movedIn, rng.int(10)), movedIn) : null;
    const x = rng.next();
    const riskLevel =
      household.type === 'COLLECTIVE'
        ? x < 0.3
          ? RiskLevel.HIGH
          : RiskLevel.MEDIUM
        : x < 0.75
          ? RiskLevel.LOW
          : x < 0.95
            ? RiskLevel.MEDIUM
            : RiskLevel.HIGH;
    const rental: RentalRow = {
      id: stableUuid(world.seed, 'rental', rentals.length),
      buildingId: building.id,
      communityCode: building.communityCode,
      room: household.room,
      landlordId: landlord.id,
      registeredOn: registeredOn && registeredOn <= world.asOf ? registeredOn : null,
      riskLevel,
    };
    rentals.push(rental);
    for (const m of members) {
      const since = later(movedIn, m.birthDate);
      tenancies.push({
        id: stableUuid(world.seed, 'tenancy', tenancies.length),
        rentalId: rental.id,
        residentId: m.id,
        movedInOn: since,
        movedOutOn: departures.get(m.id)?.leftOn ?? null,
        registeredOn: rng.next() < 0.92 ? earlier(addDays(since, rng.int(7)), world.asOf) : null,
      });
    }
    if (!rental.registeredOn) continue;
    // the latest inspection within one and a half intervals of the world's day, and the one before it
    const interval = INSPECTION_INTERVAL_DAYS[riskLevel];
    let on = addDays(world.asOf, -rng.int(Math.round(interval * 1.5)));
    for (let n = 0; n < 2 && on >= rental.registeredOn; n++, on = addDays(on, -(interval - rng.int(10)))) {
      const y = rng.next();
      const result =
        y < 0.8 ? InspectionResult.PASSED : y < 0.97 ? InspectionResult.HAZARDS_FOUND : InspectionResult.FAILED;
      inspections.push({
        id: stableUuid(world.seed, 'rental-inspection', inspections.length),
        rentalId: rental.id,
        inspectedOn: on,
        result,
        hazards: result === InspectionResult.PASSED ? null : HAZARDS[rng.int(HAZARDS.length)],
        inspector: INSPECTORS[rng.int(INSPECTORS.length)],
      });
    }
  }
  return { rentals, tenancies, inspections };
}

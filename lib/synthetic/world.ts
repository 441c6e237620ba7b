/**
 * A synthetic district, generated deterministically from a seed. It is the one shared description every
 * department's seeder reads its own slice from (population writes people and housing, grid writes regions
 * and assignments, civil affairs writes assistance, public security writes registrations), so the four
 * databases agree without any department reading another's tables.
 */
import { makeIdNumber } from '../codes/id-number';
import { Rng, stableUuid } from './random';
import { pickName } from './names';

export type RegionLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID' | 'MICRO_GRID';

export interface WorldRegion {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  /** 6-digit county code, 9-digit street, 12-digit community; grids add 3 digits, micro-grids 2 more */
  code: string;
  name: string;
  /** target households (grids and micro-grids) */
  targetHouseholds: number | null;
}

export interface WorldBuilding {
  id: string;
  microGridId: string;
  communityCode: string;
  address: string;
  name: string;
  use: 'RESIDENTIAL' | 'COMMERCIAL' | 'MIXED' | 'BUNGALOW';
  floors: number;
  latitude: number;
  longitude: number;
}

export interface WorldHousehold {
  id: string;
  buildingId: string;
  room: string;
  type: 'FAMILY' | 'COLLECTIVE';
}

export interface WorldResident {
  /** position in generation order (stable for a given seed and size) */
  index: number;
  id: string;
  householdId: string;
  name: string;
  idNumber: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  ethnicityCode: string;
  phone: string | null;
  relationCode: string;
  residenceStatus: 'REGISTERED' | 'FLOATING' | 'OVERSEAS';
  education: string;
  maritalStatus: string;
  politicalStatus: string;
  employmentStatus: string;
  livingArrangement: 'ALONE' | 'EMPTY_NEST' | 'WITH_FAMILY';
  selfCareAbility: 'FULL' | 'PARTIAL' | 'NONE';
  healthInsurance: boolean;
  pensionInsurance: boolean;
  /** a uniform number in [0, 1) fixed per resident, for departments to draw their own shares from */
  draw: number;
  /** a second independent draw */
  draw2: number;
}

export interface World {
  seed: number;
  districtCode: string;
  regions: WorldRegion[];
  buildings: WorldBuilding[];
  households: WorldHousehold[];
  residents: WorldResident[];
  /** the date the world is "as of" (ages, dates of cases) — fixed so the data is reproducible */
  asOf: string;
}

export const DISTRICT_CODE = '110105';
const HOUSEHOLDS_PER_COMMUNITY = 3000;
const HOUSEHOLDS_PER_GRID = 300;
const MICRO_GRIDS_PER_GRID = 5;
const HOUSEHOLDS_PER_BUILDING = 24;
/** Household sizes (people → share in %), close to an urban district's census shares. */
const HOUSEHOLD_SIZES = [['1', 25], ['2', 30], ['3', 24], ['4', 12], ['5', 6], ['6', 3]] as const;
const MEAN_HOUSEHOLD_SIZE = HOUSEHOLD_SIZES.reduce((sum, [n, w]) => sum + Number(n) * w, 0) / HOUSEHOLD_SIZES.reduce((sum, [, w]) => sum + w, 0);

/** Age pyramid of an urban district: share of the population in each 5-year band, 0-4 … 95-99. */
const AGE_BANDS = [4.0, 4.6, 4.8, 4.4, 4.6, 6.2, 8.4, 8.6, 7.6, 7.4, 7.8, 7.6, 6.4, 5.2, 4.2, 3.0, 2.2, 1.4, 0.9, 0.3];
const AGE_CUMULATIVE = AGE_BANDS.reduce<number[]>((acc, w, i) => [...acc, (acc[i - 1] ?? 0) + w], []);
const AGE_TOTAL = AGE_CUMULATIVE[AGE_CUMULATIVE.length - 1];

function drawAge(rng: Rng, min = 0, max = 99): number {
  for (;;) {
    const x = rng.next() * AGE_TOTAL;
    const band = AGE_CUMULATIVE.findIndex((c) => x < c);
    const age = band * 5 + rng.int(5);
    if (age >= min && age <= max) return age;
  }
}

function birthDateFor(asOf: string, age: number, rng: Rng): string {
  const year = Number(asOf.slice(0, 4)) - age - 1;
  const dayOfYear = rng.int(365);
  const d = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  // keep the birthday on the right side of asOf so the age is exact
  const asOfDate = new Date(`${asOf}T00:00:00Z`);
  const birthdayThisYear = new Date(Date.UTC(asOfDate.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (birthdayThisYear <= asOfDate) d.setUTCFullYear(year + 1);
  return d.toISOString().slice(0, 10);
}

function nextSequence(sequences: Map<string, number>, key: string, gender: 'MALE' | 'FEMALE'): number {
  const n = sequences.get(key) ?? 0;
  sequences.set(key, n + 1);
  if (n >= 499) throw new Error(`more than 500 people born on one day in one place (${key}): the ID number sequence is exhausted`);
  return n * 2 + (gender === 'MALE' ? 1 : 0);
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];

function weighted<T extends string>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

const ROADS = ['建国路', '朝阳北路', '光华路', '东三环中路', '望京街', '酒仙桥路', '团结湖路', '安立路', '北苑路', '广渠路', '劲松路', '潘家园路'];
const STREET_NAMES = ['建外', '朝外', '呼家楼', '三里屯', '左家庄', '香河园', '和平街', '安贞', '亚运村', '小关', '酒仙桥', '麦子店', '团结湖', '六里屯', '八里庄', '双井', '劲松', '潘家园', '垡头', '望京'];

export interface WorldOptions {
  residents: number;
  seed?: number;
  asOf?: string;
}

/** Builds the district for about `residents` people (exactly that many residents). */
export function generateWorld({ residents: target, seed = 20261124, asOf = '2026-11-01' }: WorldOptions): World {
  if (!Number.isInteger(target) || target < 1) throw new Error('residents must be a positive whole number');
  const rng = new Rng(seed);
  const id = (kind: string, i: number) => stableUuid(seed, kind, i);
  const regions: WorldRegion[] = [];
  const buildings: WorldBuilding[] = [];
  const households: WorldHousehold[] = [];
  const residents: WorldResident[] = [];

  const totalHouseholds = Math.max(1, Math.min(target, Math.round(target / MEAN_HOUSEHOLD_SIZE)));
  const communities = Math.max(1, Math.round(totalHouseholds / HOUSEHOLDS_PER_COMMUNITY));
  const streets = Math.max(1, Math.ceil(communities / 7));
  const district: WorldRegion = { id: id('region', 0), parentId: null, level: 'DISTRICT', code: DISTRICT_CODE, name: '朝阳区', targetHouseholds: null };
  regions.push(district);

  // households are spread over communities evenly; residents fill households until the target is reached
  let householdBudget = totalHouseholds;
  let regionSeq = 1;
  let buildingSeq = 0;
  for (let c = 0; c < communities; c++) {
    const streetIndex = c % streets;
    let street = regions.find((r) => r.level === 'STREET' && r.code === `${DISTRICT_CODE}${String(streetIndex + 1).padStart(3, '0')}`);
    if (!street) {
      street = { id: id('region', regionSeq++), parentId: district.id, level: 'STREET', code: `${DISTRICT_CODE}${String(streetIndex + 1).padStart(3, '0')}`, name: `${STREET_NAMES[streetIndex % STREET_NAMES.length]}${streetIndex >= STREET_NAMES.length ? streetIndex + 1 : ''}街道`, targetHouseholds: null };
      regions.push(street);
    }
    const inStreet = Math.floor(c / streets) + 1;
    const communityCode = `${street.code}${String(inStreet).padStart(3, '0')}`;
    const community: WorldRegion = { id: id('region', regionSeq++), parentId: street.id, level: 'COMMUNITY', code: communityCode, name: `${street.name.replace('街道', '')}第${inStreet}社区`, targetHouseholds: null };
    regions.push(community);
    const communityHouseholds = c === communities - 1 ? householdBudget : Math.round(totalHouseholds / communities);
    householdBudget -= communityHouseholds;
    const grids = Math.max(1, Math.round(communityHouseholds / HOUSEHOLDS_PER_GRID));
    for (let g = 0; g < grids; g++) {
      const gridHouseholds = Math.floor(communityHouseholds / grids) + (g < communityHouseholds % grids ? 1 : 0);
      const grid: WorldRegion = { id: id('region', regionSeq++), parentId: community.id, level: 'GRID', code: `${communityCode}${String(g + 1).padStart(3, '0')}`, name: `${community.name}第${g + 1}网格`, targetHouseholds: HOUSEHOLDS_PER_GRID };
      regions.push(grid);
      const micros = Math.max(1, Math.min(MICRO_GRIDS_PER_GRID, Math.ceil(gridHouseholds / HOUSEHOLDS_PER_BUILDING)));
      for (let m = 0; m < micros; m++) {
        const microHouseholds = Math.floor(gridHouseholds / micros) + (m < gridHouseholds % micros ? 1 : 0);
        const micro: WorldRegion = { id: id('region', regionSeq++), parentId: grid.id, level: 'MICRO_GRID', code: `${grid.code}${String(m + 1).padStart(2, '0')}`, name: `${grid.name}${m + 1}号微网格`, targetHouseholds: Math.ceil(HOUSEHOLDS_PER_GRID / MICRO_GRIDS_PER_GRID) };
        regions.push(micro);
        const buildingsHere = Math.max(1, Math.ceil(microHouseholds / HOUSEHOLDS_PER_BUILDING));
        for (let b = 0; b < buildingsHere; b++) {
          const n = ++buildingSeq;
          const use = weighted(rng, [['RESIDENTIAL', 88], ['MIXED', 7], ['BUNGALOW', 4], ['COMMERCIAL', 1]] as const);
          const floors = use === 'BUNGALOW' ? 1 : 6 + rng.int(28);
          const building: WorldBuilding = {
            id: id('building', n), microGridId: micro.id, communityCode, name: `${(n % 40) + 1}号楼`, use, floors,
            address: `北京市朝阳区${pick(rng, ROADS)}${1 + rng.int(300)}号院${(n % 40) + 1}号楼`,
            latitude: 39.9 + rng.next() * 0.1, longitude: 116.4 + rng.next() * 0.15,
          };
          buildings.push(building);
          const hhHere = Math.floor(microHouseholds / buildingsHere) + (b < microHouseholds % buildingsHere ? 1 : 0);
          for (let h = 0; h < hhHere; h++) {
            const floor = 1 + (h % floors);
            households.push({ id: id('household', households.length), buildingId: building.id, room: `${1 + Math.floor(h / (floors * 4))}单元${floor}${String(1 + (h % 4)).padStart(2, '0')}`, type: rng.next() < 0.02 ? 'COLLECTIVE' : 'FAMILY' });
          }
        }
      }
    }
  }

  // people: household sizes 1-6 with realistic shares, nudged so they add up to exactly the target
  const sizes = households.map(() => Number(weighted(rng, HOUSEHOLD_SIZES)));
  let difference = target - sizes.reduce((a, b) => a + b, 0);
  while (difference !== 0) {
    const h = rng.int(sizes.length);
    if (difference > 0 && sizes[h] < 8) (sizes[h]++, difference--);
    else if (difference < 0 && sizes[h] > 1) (sizes[h]--, difference++);
  }
  // GB 11643 sequence numbers are unique per address code and birth date (odd for men, even for women)
  const sequences = new Map<string, number>();
  for (let h = 0; h < households.length; h++) {
    const size = sizes[h];
    const floating = rng.next() < 0.2;
    const household = households[h];
    const headAge = drawAge(rng, 20, 95);
    for (let m = 0; m < size; m++) {
      const index = residents.length;
      const relationCode = m === 0 ? '02' : m === 1 && size > 1 ? '10' : headAge > 55 && m >= 2 ? (rng.next() < 0.5 ? '20' : '30') : rng.next() < 0.8 ? (rng.next() < 0.5 ? '20' : '30') : '50';
      const age = m === 0 ? headAge : relationCode === '10' ? Math.max(18, Math.min(99, headAge + rng.int(9) - 4)) : relationCode === '50' ? Math.min(99, headAge + 22 + rng.int(10)) : drawAge(rng, 0, Math.max(0, headAge - 18));
      const gender = relationCode === '10' ? (residents[index - 1]?.gender === 'MALE' ? 'FEMALE' : 'MALE') : rng.next() < 0.51 ? 'MALE' : 'FEMALE';
      const birthDate = birthDateFor(asOf, age, rng);
      const residenceStatus = floating ? (rng.next() < 0.03 ? 'OVERSEAS' : 'FLOATING') : 'REGISTERED';
      const addressCode = residenceStatus === 'REGISTERED' ? DISTRICT_CODE : pick(rng, ['130102', '370102', '410102', '420102', '510104', '340102', '230102', '610102']);
      const living = size === 1 ? 'ALONE' : age >= 60 && households[h] && size === 2 && relationCode !== '20' && relationCode !== '30' ? 'EMPTY_NEST' : 'WITH_FAMILY';
      const selfCare = age >= 80 ? weighted(rng, [['FULL', 60], ['PARTIAL', 30], ['NONE', 10]] as const) : age >= 65 ? weighted(rng, [['FULL', 88], ['PARTIAL', 10], ['NONE', 2]] as const) : rng.next() < 0.005 ? 'PARTIAL' : 'FULL';
      residents.push({
        index,
        id: id('resident', index),
        householdId: household.id,
        name: pickName(rng, gender),
        idNumber: makeIdNumber(addressCode, birthDate, nextSequence(sequences, addressCode + birthDate, gender), gender),
        gender,
        birthDate,
        ethnicityCode: rng.next() < 0.95 ? '01' : pick(rng, ['03', '11', '02', '08', '10', '04']),
        phone: age >= 12 ? `1${pick(rng, ['38', '39', '58', '86', '35', '77'])}${String(rng.int(1e8)).padStart(8, '0')}` : null,
        relationCode,
        residenceStatus,
        education: age < 7 ? 'NONE' : age < 13 ? 'PRIMARY' : age < 16 ? 'JUNIOR' : weighted(rng, [['JUNIOR', 20], ['SENIOR', 28], ['COLLEGE', 18], ['BACHELOR', 26], ['POSTGRADUATE', 6], ['PRIMARY', 2]] as const),
        maritalStatus: age < 22 ? 'UNMARRIED' : relationCode === '10' || (m === 0 && size > 1) ? 'MARRIED' : age >= 70 ? weighted(rng, [['WIDOWED', 50], ['MARRIED', 45], ['DIVORCED', 5]] as const) : weighted(rng, [['MARRIED', 70], ['UNMARRIED', 22], ['DIVORCED', 8]] as const),
        politicalStatus: age < 14 ? 'MASSES' : age < 28 && rng.next() < 0.3 ? 'CYL_MEMBER' : rng.next() < 0.07 ? 'CPC_MEMBER' : rng.next() < 0.01 ? 'OTHER_PARTY' : 'MASSES',
        employmentStatus: age < 22 ? (age >= 6 ? 'STUDENT' : 'OTHER') : age >= 60 ? 'RETIRED' : weighted(rng, [['EMPLOYED', 85], ['UNEMPLOYED', 5], ['OTHER', 10]] as const),
        livingArrangement: living,
        selfCareAbility: selfCare,
        healthInsurance: rng.next() < 0.96,
        pensionInsurance: age >= 16 ? rng.next() < 0.88 : false,
        draw: rng.next(),
        draw2: rng.next(),
      });
    }
  }
  return { seed, districtCode: DISTRICT_CODE, regions, buildings, households, residents, asOf };
}

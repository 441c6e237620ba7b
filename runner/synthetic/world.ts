/**
 * A synthetic district, generated deterministically from a seed. It is the one shared description every
 * department's seeder reads its own slice from (population writes people and housing, grid writes regions
 * and assignments, civil affairs writes assistance, public security writes registrations), so the four
 * databases agree without any department reading another's tables.
 */
import { addDays, addYears, dayNumber, today } from '../../lib/calendar';
import { makeIdNumber } from '../../lib/codes/id-number';
import { Rng, stableUuid } from './random';
import { pickName } from './names';
import type { RegionLevel, World, WorldBuilding, WorldHousehold, WorldRegion, WorldResident } from './types';

export type { RegionLevel, World, WorldBuilding, WorldHousehold, WorldRegion, WorldResident } from './types';

export const DISTRICT_CODE = '110105';
const HOUSEHOLDS_PER_COMMUNITY = 3000;
const COMMUNITIES_PER_STREET = 7;
const HOUSEHOLDS_PER_GRID = 300;
/** a general grid's households vary by a third either way around the target: 200–400 (DESIGN.md section 1) */
const GRID_SPREAD = 1 / 3;
/** micro-grids (微网格) per general grid: a few buildings each, of quite different sizes */
const MICRO_GRIDS_PER_GRID = { min: 2, max: 6 };
/** share of communities with a dedicated grid (专属网格) for a school, hospital, park or office quarter, and its size */
const DEDICATED_GRID = {
  chance: 0.4,
  minHouseholds: 15,
  maxHouseholds: 120,
  kinds: ['学校', '医院', '产业园', '商务楼宇'],
};

type Table<T> = { values: readonly T[]; cumulative: number[]; total: number };
const table = <T>(rows: readonly (readonly [T, number])[]): Table<T> => {
  const cumulative: number[] = [];
  for (const [, w] of rows) cumulative.push((cumulative.at(-1) ?? 0) + w);
  return { values: rows.map(([v]) => v), cumulative, total: cumulative.at(-1)! };
};

/** One draw from a weighted table (one random number). */
function weighted<T>(rng: Rng, t: Table<T>): T {
  const x = rng.next() * t.total;
  for (let i = 0; i < t.cumulative.length; i++) if (x < t.cumulative[i]) return t.values[i];
  return t.values[t.values.length - 1];
}

/** Household sizes (people → share in %), close to an urban district's census shares. */
const HOUSEHOLD_SHARES = [
  [1, 25],
  [2, 30],
  [3, 24],
  [4, 12],
  [5, 6],
  [6, 3],
] as const;
const HOUSEHOLD_SIZES = table(HOUSEHOLD_SHARES);
const MEAN_HOUSEHOLD_SIZE = HOUSEHOLD_SHARES.reduce((sum, [n, w]) => sum + n * w, 0) / HOUSEHOLD_SIZES.total;

/** Age pyramid of an urban district: share of the population in each 5-year band, 0-4 … 95-99. */
const AGE_BANDS = table(
  [4.0, 4.6, 4.8, 4.4, 4.6, 6.2, 8.4, 8.6, 7.6, 7.4, 7.8, 7.6, 6.4, 5.2, 4.2, 3.0, 2.2, 1.4, 0.9, 0.3].map(
    (w, band) => [band, w] as const,
  ),
);

function drawAge(rng: Rng, min = 0, max = 99): number {
  for (;;) {
    const age = weighted(rng, AGE_BANDS) * 5 + rng.int(5);
    if (age >= min && age <= max) return age;
  }
}

const EPOCH_1900 = dayNumber('1900-01-01');

/**
 * Birth dates for a given age on `asOf`, with the birthday on the right side of asOf so the age is exact. Only about
 * 36,500 distinct (year, day of year) pairs exist, so each is worked out once and then looked up.
 */
class BirthDates {
  private readonly index = new Map<number, number>();
  readonly dates: string[] = [];
  /** days since 1900-01-01, for the ID number sequence table */
  readonly days: number[] = [];
  private readonly asOfYear: number;

  constructor(private readonly asOf: string) {
    this.asOfYear = Number(asOf.slice(0, 4));
  }

  /** index of a birth date for someone `age` years old (one random number) */
  draw(age: number, rng: Rng): number {
    const year = this.asOfYear - age - 1;
    const dayOfYear = rng.int(365);
    const key = year * 512 + dayOfYear;
    let i = this.index.get(key);
    if (i === undefined) {
      let d = addDays(`${String(year).padStart(4, '0')}-01-01`, dayOfYear);
      // the birthday has come this year already: born a year later
      if (`${this.asOfYear}${d.slice(4)}` <= this.asOf) d = addYears(d, 1);
      i = this.dates.length;
      this.dates.push(d);
      this.days.push(dayNumber(d) - EPOCH_1900);
      this.index.set(key, i);
    }
    return i;
  }
}

/** Where ID numbers are issued: the district itself, then the places floating residents come from (GB/T 2260). */
const ADDRESS_CODES = [DISTRICT_CODE, '130102', '370102', '410102', '420102', '510104', '340102', '230102', '610102'];
const DAYS_SPAN = 1 << 16;

/** GB 11643 sequence numbers: unique per address code and birth date (odd for men, even for women), 500 of each a day. */
class IdSequences {
  private readonly used = new Uint16Array(ADDRESS_CODES.length * DAYS_SPAN);

  next(address: number, day: number, birthDate: string, gender: 'MALE' | 'FEMALE'): number {
    const slot = address * DAYS_SPAN + day;
    const n = this.used[slot]++;
    if (n >= 499)
      throw new Error(
        `more than 500 people born on one day in one place (${ADDRESS_CODES[address]}${birthDate}): the ID number sequence is exhausted`,
      );
    return n * 2 + (gender === 'MALE' ? 1 : 0);
  }
}

/** Splits `total` into parts proportional to `weights` (whole numbers adding up to total; none empty when total allows). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let before = 0;
  let acc = 0;
  const parts = weights.map((w) => {
    acc += w;
    const upTo = Math.round((acc / sum) * total);
    const part = upTo - before;
    before = upTo;
    return part;
  });
  for (let i = 0; i < parts.length && total >= parts.length; i++) {
    if (parts[i] > 0) continue;
    const largest = parts.indexOf(Math.max(...parts));
    parts[largest]--;
    parts[i]++;
  }
  return parts;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];

const BUILDING_USES = table([
  ['RESIDENTIAL', 88],
  ['MIXED', 7],
  ['BUNGALOW', 4],
  ['COMMERCIAL', 1],
] as const);
/** households a building of each use holds: [fewest, most] (a bungalow courtyard a few, a tower block dozens) */
const HOUSEHOLDS_BY_USE = { RESIDENTIAL: [12, 48], MIXED: [8, 32], BUNGALOW: [2, 8], COMMERCIAL: [1, 4] } as const;
const FLOORS_BY_USE = { RESIDENTIAL: [6, 33], MIXED: [4, 24], BUNGALOW: [1, 1], COMMERCIAL: [3, 20] } as const;
const between = (rng: Rng, [min, max]: readonly [number, number]) => min + rng.int(max - min + 1);

const ROADS = [
  '建国路',
  '朝阳北路',
  '光华路',
  '东三环中路',
  '望京街',
  '酒仙桥路',
  '团结湖路',
  '安立路',
  '北苑路',
  '广渠路',
  '劲松路',
  '潘家园路',
  '朝阳路',
  '东四环中路',
  '姚家园路',
  '青年路',
  '十里堡路',
  '八里庄路',
  '百子湾路',
  '农展馆南路',
];
const STREET_NAMES = [
  '建外',
  '朝外',
  '呼家楼',
  '三里屯',
  '左家庄',
  '香河园',
  '和平街',
  '安贞',
  '亚运村',
  '小关',
  '酒仙桥',
  '麦子店',
  '团结湖',
  '六里屯',
  '八里庄',
  '双井',
  '劲松',
  '潘家园',
  '垡头',
  '望京',
];
const RELATION = { HEAD: '02', SPOUSE: '10', SON: '20', DAUGHTER: '30', PARENT: '50' } as const;

const FLOATING_FROM = ADDRESS_CODES.length - 1;
const ETHNIC_MINORITIES = ['03', '11', '02', '08', '10', '04'];
const MOBILE_PREFIXES = ['38', '39', '58', '86', '35', '77'];
const SELF_CARE_80 = table([
  ['FULL', 60],
  ['PARTIAL', 30],
  ['NONE', 10],
] as const);
const SELF_CARE_65 = table([
  ['FULL', 88],
  ['PARTIAL', 10],
  ['NONE', 2],
] as const);
const EDUCATION_ADULT = table([
  ['JUNIOR', 20],
  ['SENIOR', 28],
  ['COLLEGE', 18],
  ['BACHELOR', 26],
  ['POSTGRADUATE', 6],
  ['PRIMARY', 2],
] as const);
const MARITAL_70 = table([
  ['WIDOWED', 50],
  ['MARRIED', 45],
  ['DIVORCED', 5],
] as const);
const MARITAL_ADULT = table([
  ['MARRIED', 70],
  ['UNMARRIED', 22],
  ['DIVORCED', 8],
] as const);
const EMPLOYMENT_ADULT = table([
  ['EMPLOYED', 85],
  ['UNEMPLOYED', 5],
  ['OTHER', 10],
] as const);

export interface WorldOptions {
  residents: number;
  seed?: number;
  asOf?: string;
}

/**
 * The places: district → streets (7 communities each) → communities (~3,000 households) → grids (200–400 households,
 * plus a small dedicated grid in some communities) → micro-grids (a residential compound of a few buildings each) →
 * buildings → households with unique rooms.
 */
function buildPlaces(rng: Rng, seed: number, totalHouseholds: number) {
  const id = (kind: string, i: number) => stableUuid(seed, kind, i);
  const regions: WorldRegion[] = [];
  const buildings: WorldBuilding[] = [];
  const households: WorldHousehold[] = [];
  const region = (
    parent: WorldRegion | null,
    level: RegionLevel,
    code: string,
    name: string,
    targetHouseholds: number | null,
    gridType: WorldRegion['gridType'] = null,
  ) => {
    const r: WorldRegion = {
      id: id('region', regions.length),
      parentId: parent?.id ?? null,
      level,
      code,
      name,
      targetHouseholds,
      gridType,
    };
    regions.push(r);
    return r;
  };
  const compoundNumbers = ROADS.map(() => 1);

  const microGrid = (grid: WorldRegion, m: number, communityCode: string, planned: number, collectiveShare: number) => {
    const micro = region(
      grid,
      'MICRO_GRID',
      `${grid.code}${String(m + 1).padStart(2, '0')}`,
      `${grid.name}${m + 1}号微网格`,
      planned,
      grid.gridType,
    );
    // a micro-grid is one compound (院): one road and house number, buildings numbered 1, 2, …
    const road = rng.int(ROADS.length);
    const compound = `北京市朝阳区${ROADS[road]}${compoundNumbers[road]}号院`;
    compoundNumbers[road] += 2;
    const latitude = 39.9 + rng.next() * 0.1;
    const longitude = 116.4 + rng.next() * 0.15;
    for (let b = 0, left = planned; left > 0; b++) {
      const use = weighted(rng, BUILDING_USES);
      const floors = between(rng, FLOORS_BY_USE[use]);
      const count = Math.min(left, between(rng, HOUSEHOLDS_BY_USE[use]));
      left -= count;
      const building: WorldBuilding = {
        id: id('building', buildings.length),
        microGridId: micro.id,
        communityCode,
        name: `${b + 1}号楼`,
        use,
        floors,
        address: `${compound}${b + 1}号楼`,
        latitude: latitude + rng.next() * 0.002,
        longitude: longitude + rng.next() * 0.002,
      };
      buildings.push(building);
      // rooms: units (单元) of `floors` floors with up to 4 flats a floor, filled from the ground floor up
      const units = Math.ceil(count / (floors * 4));
      const perFloor = Math.ceil(count / (floors * units));
      for (let h = 0; h < count; h++) {
        const unit = 1 + Math.floor(h / (floors * perFloor));
        const inUnit = h % (floors * perFloor);
        const room = `${unit}单元${1 + Math.floor(inUnit / perFloor)}${String(1 + (inUnit % perFloor)).padStart(2, '0')}`;
        households.push({
          id: id('household', households.length),
          buildingId: building.id,
          room,
          type: rng.next() < collectiveShare ? 'COLLECTIVE' : 'FAMILY',
        });
      }
    }
  };

  const district = region(null, 'DISTRICT', DISTRICT_CODE, '朝阳区', null);
  const communities = Math.max(1, Math.round(totalHouseholds / HOUSEHOLDS_PER_COMMUNITY));
  const streetCount = Math.max(1, Math.ceil(communities / COMMUNITIES_PER_STREET));
  const streets: WorldRegion[] = [];
  const perCommunity = split(
    totalHouseholds,
    Array.from({ length: communities }, () => 1),
  );
  for (let c = 0; c < communities; c++) {
    const s = c % streetCount;
    const street = (streets[s] ??= region(
      district,
      'STREET',
      `${DISTRICT_CODE}${String(s + 1).padStart(3, '0')}`,
      `${STREET_NAMES[s % STREET_NAMES.length]}${s >= STREET_NAMES.length ? s + 1 : ''}街道`,
      null,
    ));
    const inStreet = Math.floor(c / streetCount) + 1;
    const communityCode = `${street.code}${String(inStreet).padStart(3, '0')}`;
    const community = region(
      street,
      'COMMUNITY',
      communityCode,
      `${street.name.replace('街道', '')}第${inStreet}社区`,
      null,
    );

    let general = perCommunity[c];
    const dedicated =
      general >= 1000 && rng.next() < DEDICATED_GRID.chance
        ? between(rng, [DEDICATED_GRID.minHouseholds, DEDICATED_GRID.maxHouseholds])
        : 0;
    general -= dedicated;
    const gridCount = Math.max(1, Math.round(general / HOUSEHOLDS_PER_GRID));
    const gridSizes = split(
      general,
      Array.from({ length: gridCount }, () => 1 - GRID_SPREAD + 2 * GRID_SPREAD * rng.next()),
    );
    gridSizes.forEach((gridHouseholds, g) => {
      const grid = region(
        community,
        'GRID',
        `${communityCode}${String(g + 1).padStart(3, '0')}`,
        `${community.name}第${g + 1}网格`,
        HOUSEHOLDS_PER_GRID,
        'GENERAL',
      );
      const micros = Math.max(
        1,
        Math.min(gridHouseholds, between(rng, [MICRO_GRIDS_PER_GRID.min, MICRO_GRIDS_PER_GRID.max])),
      );
      split(
        gridHouseholds,
        Array.from({ length: micros }, () => 0.25 + rng.next()),
      ).forEach((n, m) => {
        microGrid(grid, m, communityCode, n, 0.02);
      });
    });
    if (dedicated) {
      const kind = pick(rng, DEDICATED_GRID.kinds);
      const grid = region(
        community,
        'GRID',
        `${communityCode}${String(gridCount + 1).padStart(3, '0')}`,
        `${community.name}${kind}专属网格`,
        dedicated,
        'DEDICATED',
      );
      // staff dormitories: mostly collective households (集体户)
      microGrid(grid, 0, communityCode, dedicated, 0.6);
    }
  }
  return { regions, buildings, households };
}

/** Builds the district for exactly `residents` people. */
const HOUR_MS = 3_600_000;

/** The world's hour: the demo's clocks are laid from it, so generating twice within an hour gives the same data. */
export const worldClock = (at: Date = new Date()): Date => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/** Builds the district for exactly `residents` people, as of today in the district (or `asOf`). */
export function generateWorld({ residents: target, seed = 20261124, asOf = today(worldClock()) }: WorldOptions): World {
  if (!Number.isInteger(target) || target < 1) throw new Error('residents must be a positive whole number');
  const rng = new Rng(seed);
  const totalHouseholds = Math.max(1, Math.min(target, Math.round(target / MEAN_HOUSEHOLD_SIZE)));
  const { regions, buildings, households } = buildPlaces(rng, seed, totalHouseholds);

  // people: household sizes 1-6 with realistic shares, nudged so they add up to exactly the target
  const sizes = households.map(() => weighted(rng, HOUSEHOLD_SIZES) as number);
  let difference = target - sizes.reduce((a, b) => a + b, 0);
  while (difference !== 0) {
    const h = rng.int(sizes.length);
    if (difference > 0 && sizes[h] < 8) sizes[h]++, difference--;
    else if (difference < 0 && sizes[h] > 1) sizes[h]--, difference++;
  }

  const births = new BirthDates(asOf);
  const sequences = new IdSequences();
  const residents: WorldResident[] = new Array(target);
  let index = 0;
  for (let h = 0; h < households.length; h++) {
    const size = sizes[h];
    const floating = rng.next() < 0.2;
    const householdId = households[h].id;
    const headAge = drawAge(rng, 20, 95);
    for (let m = 0; m < size; m++) {
      const relationCode =
        m === 0
          ? RELATION.HEAD
          : m === 1 && size > 1
            ? RELATION.SPOUSE
            : headAge > 55 && m >= 2
              ? rng.next() < 0.5
                ? RELATION.SON
                : RELATION.DAUGHTER
              : rng.next() < 0.8
                ? rng.next() < 0.5
                  ? RELATION.SON
                  : RELATION.DAUGHTER
                : RELATION.PARENT;
      const child = relationCode === RELATION.SON || relationCode === RELATION.DAUGHTER;
      const age =
        m === 0
          ? headAge
          : relationCode === RELATION.SPOUSE
            ? Math.max(18, Math.min(99, headAge + rng.int(9) - 4))
            : relationCode === RELATION.PARENT
              ? Math.min(99, headAge + 22 + rng.int(10))
              : drawAge(rng, 0, Math.max(0, headAge - 18));
      const gender =
        relationCode === RELATION.SPOUSE
          ? residents[index - 1].gender === 'MALE'
            ? 'FEMALE'
            : 'MALE'
          : rng.next() < 0.51
            ? 'MALE'
            : 'FEMALE';
      const birth = births.draw(age, rng);
      const birthDate = births.dates[birth];
      const residenceStatus = floating ? (rng.next() < 0.03 ? 'OVERSEAS' : 'FLOATING') : 'REGISTERED';
      const address = residenceStatus === 'REGISTERED' ? 0 : 1 + rng.int(FLOATING_FROM);
      const living = size === 1 ? 'ALONE' : age >= 60 && size === 2 && !child ? 'EMPTY_NEST' : 'WITH_FAMILY';
      const selfCare =
        age >= 80
          ? weighted(rng, SELF_CARE_80)
          : age >= 65
            ? weighted(rng, SELF_CARE_65)
            : rng.next() < 0.005
              ? 'PARTIAL'
              : 'FULL';
      residents[index] = {
        index,
        id: stableUuid(seed, 'resident', index),
        householdId,
        name: pickName(rng, gender),
        idNumber: makeIdNumber(
          ADDRESS_CODES[address],
          birthDate,
          sequences.next(address, births.days[birth], birthDate, gender),
          gender,
        ),
        gender,
        birthDate,
        ethnicityCode: rng.next() < 0.95 ? '01' : pick(rng, ETHNIC_MINORITIES),
        phone: age >= 12 ? `1${pick(rng, MOBILE_PREFIXES)}${String(rng.int(1e8)).padStart(8, '0')}` : null,
        relationCode,
        residenceStatus,
        education: age < 7 ? 'NONE' : age < 13 ? 'PRIMARY' : age < 16 ? 'JUNIOR' : weighted(rng, EDUCATION_ADULT),
        maritalStatus:
          age < 22
            ? 'UNMARRIED'
            : relationCode === RELATION.SPOUSE || (m === 0 && size > 1)
              ? 'MARRIED'
              : weighted(rng, age >= 70 ? MARITAL_70 : MARITAL_ADULT),
        politicalStatus:
          age < 14
            ? 'MASSES'
            : age < 28 && rng.next() < 0.3
              ? 'CYL_MEMBER'
              : rng.next() < 0.07
                ? 'CPC_MEMBER'
                : rng.next() < 0.01
                  ? 'OTHER_PARTY'
                  : 'MASSES',
        employmentStatus:
          age < 22 ? (age >= 6 ? 'STUDENT' : 'OTHER') : age >= 60 ? 'RETIRED' : weighted(rng, EMPLOYMENT_ADULT),
        livingArrangement: living,
        selfCareAbility: selfCare,
        healthInsurance: rng.next() < 0.96,
        pensionInsurance: age >= 16 ? rng.next() < 0.88 : false,
        unemploymentInsurance: false,
        draw: rng.next(),
        draw2: rng.next(),
      };
      index++;
    }
  }
  // 失业保险 from a stream of its own (the other facts stay as they were): most employees, some of the unemployed
  const insured = new Rng(seed + 3601);
  for (const r of residents) {
    const share = r.employmentStatus === 'EMPLOYED' ? 0.86 : r.employmentStatus === 'UNEMPLOYED' ? 0.35 : 0;
    r.unemploymentInsurance = insured.next() < share;
  }
  return { seed, districtCode: DISTRICT_CODE, regions, buildings, households, residents, asOf };
}

// facts two departments must agree on (organizations, move-in dates, grid police, departures), each from its own random stream
export {
  departuresOf,
  gridPoliceOf,
  moveInDates,
  organizationsOf,
  type WorldDeparture,
  type WorldGridPolice,
  type WorldOrganization,
  type WorldOrganizationType,
} from './shared-facts';

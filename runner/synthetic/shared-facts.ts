/**
 * Facts of the synthetic district that two departments hold and must agree on, each drawn from its own random stream
 * so the rest of the world (and every department's other shares) stays exactly as it was:
 * - organizations (辖区单位): population registers them, public security names them as the employers on permits;
 * - the day each household moved into its room: population's change history, public security's tenancies and permits;
 * - the grid police officer of each grid (网格警): public security assigns them, grid lists them in its workforce;
 * - who left the register (died or moved out) and when: population marks them, the others stop what they hold.
 * Each is worked out once per world.
 */
import { addDays } from '../../lib/calendar';
import { makeCreditCode } from '../../lib/codes/credit-code';
import { pickName } from './names';
import { Rng, stableUuid } from './random';
import type { World } from './types';

export type WorldOrganizationType =
  | 'ENTERPRISE'
  | 'INDIVIDUAL_BUSINESS'
  | 'GOVERNMENT_AGENCY'
  | 'PUBLIC_INSTITUTION'
  | 'SOCIAL_ORGANIZATION';

export interface WorldOrganization {
  id: string;
  name: string;
  /** GB 32100, with a valid check character */
  creditCode: string;
  type: WorldOrganizationType;
  buildingId: string;
  contactName: string;
  contactPhone: string;
}

export interface WorldGridPolice {
  /** the officer's key in grid's workforce (Staff) */
  id: string;
  gridId: string;
  name: string;
  phone: string;
  /** 警号 */
  badgeNumber: string;
  /** 派出所 */
  policeStation: string;
  since: string;
}

const memo = <T>(make: (world: World) => T) => {
  const cache = new WeakMap<World, T>();
  return (world: World): T => {
    let value = cache.get(world);
    if (value === undefined) cache.set(world, (value = make(world)));
    return value;
  };
};

/** authority and category code of each type (GB 32100 table 1) and how the names end */
const TYPES: Record<WorldOrganizationType, { code: string; suffixes: string[]; share: number }> = {
  ENTERPRISE: {
    code: '91',
    suffixes: ['科技有限公司', '贸易有限公司', '餐饮管理有限公司', '物业管理有限公司', '文化传媒有限公司'],
    share: 62,
  },
  INDIVIDUAL_BUSINESS: { code: '92', suffixes: ['便利店', '理发店', '小吃店', '五金店', '洗衣店'], share: 25 },
  PUBLIC_INSTITUTION: { code: '12', suffixes: ['社区卫生服务站', '幼儿园', '小学'], share: 6 },
  SOCIAL_ORGANIZATION: { code: '51', suffixes: ['志愿服务协会', '养老服务中心', '文体协会'], share: 5 },
  GOVERNMENT_AGENCY: { code: '11', suffixes: ['社区居民委员会', '街道办事处'], share: 2 },
};
const WORDS = [
  '朝阳',
  '东方',
  '华信',
  '金桥',
  '安和',
  '新程',
  '恒通',
  '佳美',
  '瑞丰',
  '启航',
  '和顺',
  '永兴',
  '德润',
  '光明',
  '博远',
];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MOBILE = ['135', '136', '138', '139', '150', '186'];
const phone = (rng: Rng) => `${MOBILE[rng.int(MOBILE.length)]}${String(rng.int(1e8)).padStart(8, '0')}`;

/** About one organization per two buildings; more in mixed-use and commercial buildings. */
export const organizationsOf = memo((world: World): WorldOrganization[] => {
  const rng = new Rng(world.seed + 3201);
  const total = Object.values(TYPES).reduce((s, t) => s + t.share, 0);
  const drawType = () => {
    let x = rng.next() * total;
    for (const [type, t] of Object.entries(TYPES)) if ((x -= t.share) < 0) return type as WorldOrganizationType;
    return 'ENTERPRISE';
  };
  const codes = new Set<string>();
  const organizations: WorldOrganization[] = [];
  for (const building of world.buildings) {
    const count =
      building.use === 'COMMERCIAL'
        ? 2 + rng.int(3)
        : building.use === 'MIXED'
          ? 1 + rng.int(2)
          : rng.next() < 0.4
            ? 1
            : 0;
    for (let i = 0; i < count; i++) {
      const type = drawType();
      const { code, suffixes } = TYPES[type];
      let creditCode: string;
      do {
        let body = '';
        for (let c = 0; c < 9; c++) body += CODE_CHARS[rng.int(c < 8 ? 10 : CODE_CHARS.length)];
        creditCode = makeCreditCode(code, world.districtCode, body);
      } while (codes.has(creditCode));
      codes.add(creditCode);
      const name = `北京${WORDS[rng.int(WORDS.length)]}${WORDS[rng.int(WORDS.length)]}${suffixes[rng.int(suffixes.length)]}`;
      organizations.push({
        id: stableUuid(world.seed, 'organization', organizations.length),
        name: `${name}（${building.name}）`,
        creditCode,
        type,
        buildingId: building.id,
        contactName: pickName(rng, rng.next() < 0.5 ? 'MALE' : 'FEMALE'),
        contactPhone: phone(rng),
      });
    }
  }
  return organizations;
});

/**
 * The day each household moved into its room, by household index: floating households within the last four years
 * (they rent), registered ones up to thirty years ago. Every member moved in that day (the head's children born
 * later joined at birth, which the history leaves to the registration row).
 */
export const moveInDates = memo((world: World): string[] => {
  const rng = new Rng(world.seed + 3301);
  const floating = new Set<string>();
  for (const r of world.residents) if (r.residenceStatus !== 'REGISTERED') floating.add(r.householdId);
  // about eleven thousand distinct days: each printed once
  const days = new Map<number, string>();
  return world.households.map((h) => {
    const back = floating.has(h.id) ? 30 + rng.int(4 * 365) : 180 + rng.int(30 * 365);
    let day = days.get(back);
    if (day === undefined) days.set(back, (day = addDays(world.asOf, -back)));
    return day;
  });
});

/** One grid police officer per grid, from the police station of the grid's street. */
export const gridPoliceOf = memo((world: World): WorldGridPolice[] => {
  const rng = new Rng(world.seed + 3401);
  const byId = new Map(world.regions.map((r) => [r.id, r]));
  const police: WorldGridPolice[] = [];
  for (const grid of world.regions) {
    if (grid.level !== 'GRID') continue;
    const street = byId.get(byId.get(grid.parentId!)!.parentId!)!;
    police.push({
      id: stableUuid(world.seed, 'grid-police', police.length),
      gridId: grid.id,
      name: pickName(rng, rng.next() < 0.8 ? 'MALE' : 'FEMALE'),
      phone: phone(rng),
      badgeNumber: String(100000 + police.length * 7 + rng.int(7)).padStart(6, '0'),
      policeStation: `${street.name.replace('街道', '')}派出所`,
      since: addDays(world.asOf, -(60 + rng.int(5 * 365))),
    });
  }
  return police;
});

export interface WorldDeparture {
  status: 'DECEASED' | 'MOVED_OUT';
  /** the day the resident died or moved away (迁出、死亡日期), after they came to the household and before asOf */
  leftOn: string;
}

/** the window departures fall in: the year before the world's day */
const DEPARTURE_DAYS = 365;
/** chance of dying within that year, by age (a city's life table, rounded), doubled for those who cannot care for themselves */
const MORTALITY = [
  [90, 0.16],
  [80, 0.06],
  [70, 0.02],
  [60, 0.008],
  [0, 0.001],
] as const;
/** chance of moving away within the year: floating residents move far more often than registered ones */
const MOVING_AWAY = { REGISTERED: 0.006, FLOATING: 0.05, OVERSEAS: 0.05 } as const;

/**
 * The residents who left the register in the last year, by resident id: died (more likely the older and frailer) or
 * moved out of the district, each on a day after they came to their household. Everyone else is on the register.
 * Population writes the status and the day (and a history row); the other departments keep their records consistent.
 */
export const departuresOf = memo((world: World): Map<string, WorldDeparture> => {
  const rng = new Rng(world.seed + 3501);
  const movedIn = moveInDates(world);
  const householdIndex = new Map(world.households.map((h, i) => [h.id, i]));
  const asOfYear = Number(world.asOf.slice(0, 4));
  const departures = new Map<string, WorldDeparture>();
  for (const r of world.residents) {
    const age = asOfYear - Number(r.birthDate.slice(0, 4));
    const mortality = MORTALITY.find(([from]) => age >= from)![1] * (r.selfCareAbility === 'NONE' ? 2 : 1);
    const u = rng.next();
    const days = 1 + rng.int(DEPARTURE_DAYS);
    const status = u < mortality ? 'DECEASED' : u < mortality + MOVING_AWAY[r.residenceStatus] ? 'MOVED_OUT' : null;
    if (!status) continue;
    const arrived = movedIn[householdIndex.get(r.householdId)!];
    const since = r.birthDate > arrived ? r.birthDate : arrived;
    const leftOn = addDays(world.asOf, -days);
    if (leftOn <= since) continue;
    departures.set(r.id, { status, leftOn });
  }
  return departures;
});

import { pickName } from '../../runner/synthetic/names';
import { Rng, stableUuid } from '../../runner/synthetic/random';
import type { World, WorldBuilding, WorldResident } from '../../runner/synthetic/world';
import { ContactMethod, KeyPersonCategory as C, RiskLevel as R } from './entities/enums';
import { addDays, addYears, ageOn, daysBetween, later } from './seed.dates';
import { CONTACT_INTERVAL_DAYS } from './supervision';

export interface KeyPersonRow {
  id: string;
  residentId: string;
  category: C;
  riskLevel: R;
  supervisingOfficer: string;
  since: string;
  until: string | null;
  active: boolean;
  /** where the person is supervised: their household's building */
  buildingId: string | null;
  communityCode: string | null;
}

/**
 * Chance that an adult resident has a key-person record; with the records that have ended, this leaves about
 * 3 active key persons per 1000 adults. Men far outnumber women except among severe mental disorders.
 */
const CHANCE = { MALE: 0.0057, FEMALE: 0.0019 } as const;
const CATEGORY_SHARES = {
  MALE: [
    [C.RELEASED_PRISONER, 36],
    [C.SEVERE_MENTAL_DISORDER, 22],
    [C.COMMUNITY_CORRECTION, 18],
    [C.DRUG_REHABILITATION, 16],
    [C.OTHER, 8],
  ],
  FEMALE: [
    [C.SEVERE_MENTAL_DISORDER, 54],
    [C.RELEASED_PRISONER, 14],
    [C.COMMUNITY_CORRECTION, 14],
    [C.DRUG_REHABILITATION, 10],
    [C.OTHER, 8],
  ],
} as const;
const RISK_SHARES: Record<C, readonly (readonly [R, number])[]> = {
  [C.COMMUNITY_CORRECTION]: [
    [R.LOW, 60],
    [R.MEDIUM, 32],
    [R.HIGH, 8],
  ],
  [C.RELEASED_PRISONER]: [
    [R.LOW, 55],
    [R.MEDIUM, 35],
    [R.HIGH, 10],
  ],
  [C.DRUG_REHABILITATION]: [
    [R.LOW, 40],
    [R.MEDIUM, 42],
    [R.HIGH, 18],
  ],
  [C.SEVERE_MENTAL_DISORDER]: [
    [R.LOW, 50],
    [R.MEDIUM, 35],
    [R.HIGH, 15],
  ],
  [C.OTHER]: [
    [R.LOW, 70],
    [R.MEDIUM, 25],
    [R.HIGH, 5],
  ],
};
const YEAR = 365;

function weighted<T>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let x = rng.next() * table.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

/**
 * Supervision term by category, as of `asOf`: community correction is a sentence of 6 months to 5 years,
 * community drug rehabilitation 3 years, released prisoners are followed up (安置帮教) for 5 years;
 * severe mental disorders and other cases stay under management until taken off the list.
 */
function term(rng: Rng, category: C, asOf: string, adultFrom: string): { since: string; until: string | null } {
  const since = (maxYearsAgo: number) => later(addDays(asOf, -rng.int(maxYearsAgo * YEAR)), adultFrom);
  switch (category) {
    case C.COMMUNITY_CORRECTION: {
      const from = since(4);
      return { since: from, until: addDays(from, 180 + rng.int(4.5 * YEAR)) };
    }
    case C.DRUG_REHABILITATION: {
      const from = since(5);
      return { since: from, until: addYears(from, 3) };
    }
    case C.RELEASED_PRISONER: {
      const from = since(7);
      return { since: from, until: addYears(from, 5) };
    }
    default: {
      const from = since(category === C.SEVERE_MENTAL_DISORDER ? 12 : 4);
      const endedOn = rng.next() < 0.08 ? addDays(from, rng.int(Math.max(1, daysBetween(from, asOf)))) : null;
      return { since: from, until: endedOn };
    }
  }
}

/** One community police officer (社区民警) per community supervises its key persons. */
function officersByCommunity(world: World, rng: Rng): Map<string, string> {
  const badges = new Set<string>();
  const officers = new Map<string, string>();
  for (const region of world.regions) {
    if (region.level !== 'COMMUNITY') continue;
    const name = pickName(rng, rng.next() < 0.85 ? 'MALE' : 'FEMALE');
    let badge: string;
    do badge = `0${10000 + rng.int(90000)}`;
    while (badges.has(badge));
    badges.add(badge);
    officers.set(region.code, `${name} (警号 ${badge})`);
  }
  return officers;
}

/** Key-person records, drawn from their own random stream so they do not follow other departments' shares. */
export function keyPersonRows(world: World, buildingOf: Map<string, WorldBuilding>): KeyPersonRow[] {
  const rng = new Rng(world.seed + 13);
  const officers = officersByCommunity(world, rng);
  const anyOfficer = officers.values().next().value ?? '值班民警 (警号 000000)';
  const rows: KeyPersonRow[] = [];
  const add = (
    r: WorldResident,
    category: C,
    riskLevel: R,
    officer: string,
    span: { since: string; until: string | null },
  ) =>
    rows.push({
      id: stableUuid(world.seed, 'key-person', rows.length),
      residentId: r.id,
      category,
      riskLevel,
      supervisingOfficer: officer,
      since: span.since,
      until: span.until,
      active: span.until === null || span.until >= world.asOf,
      buildingId: buildingOf.get(r.householdId)?.id ?? null,
      communityCode: buildingOf.get(r.householdId)?.communityCode ?? null,
    });

  for (const r of world.residents) {
    if (r.residenceStatus === 'OVERSEAS' || ageOn(r.birthDate, world.asOf) < 18) continue;
    if (rng.next() >= CHANCE[r.gender]) continue;
    const adultFrom = addYears(r.birthDate, 18);
    const category = weighted(rng, CATEGORY_SHARES[r.gender]);
    const officer = officers.get(buildingOf.get(r.householdId)?.communityCode ?? '') ?? anyOfficer;
    const span = term(rng, category, world.asOf, adultFrom);
    // a relapse: some of those now in drug rehabilitation finished an earlier 3-year term
    const earlierSince = addYears(span.since, -4);
    if (category === C.DRUG_REHABILITATION && rng.next() < 0.2 && earlierSince >= adultFrom) {
      add(r, category, R.MEDIUM, officer, { since: earlierSince, until: addYears(earlierSince, 3) });
    }
    add(r, category, weighted(rng, RISK_SHARES[category]), officer, span);
  }
  return rows;
}

export interface ContactRow {
  id: string;
  keyPersonId: string;
  contactedOn: string;
  method: ContactMethod;
  officer: string;
  notes: string | null;
}

const METHODS: [ContactMethod, number][] = [
  [ContactMethod.VISIT, 50],
  [ContactMethod.INTERVIEW, 20],
  [ContactMethod.PHONE, 25],
  [ContactMethod.VIDEO, 5],
];
const NOTES = ['情况稳定', '按时报到', '家属配合', '已落实帮扶措施', '情绪波动，已沟通'];

/**
 * The contact log of each active key person: the latest within one and a half of their risk level's interval (so about
 * a third are overdue on the world's day), then every interval before it back to the start of supervision, at most six.
 */
export function keyPersonContactRows(world: World, keyPersons: KeyPersonRow[]): ContactRow[] {
  const rng = new Rng(world.seed + 1701);
  const rows: ContactRow[] = [];
  for (const k of keyPersons) {
    if (!k.active) continue;
    const interval = CONTACT_INTERVAL_DAYS[k.riskLevel];
    let on = addDays(world.asOf, -rng.int(Math.round(interval * 1.5)));
    for (let n = 0; n < 6 && on >= k.since; n++, on = addDays(on, -(interval - rng.int(Math.ceil(interval / 5))))) {
      rows.push({
        id: stableUuid(world.seed, 'key-person-contact', rows.length),
        keyPersonId: k.id,
        contactedOn: on,
        method: weighted(rng, METHODS),
        officer: k.supervisingOfficer,
        notes: NOTES[rng.int(NOTES.length)],
      });
    }
  }
  return rows;
}

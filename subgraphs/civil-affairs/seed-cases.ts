/**
 * Which residents of the shared World receive assistance, and on what terms. Pure and deterministic: the same
 * world gives the same cases. Amounts are whole fen (cents) in safe integers, written as "1395.00" strings.
 */
import { Rng, stableUuid } from '../../runner/synthetic/random';
import { departuresOf, type World, type WorldResident } from '../../runner/synthetic/world';
import { addDays, ageOn, firstOfNextMonth } from './dates';
import { AssistanceProgram, AssistanceStatus } from './entities/enums';
import { formatFen } from './money';

export interface CaseRow {
  id: string;
  residentId: string;
  householdId: string | null;
  program: AssistanceProgram;
  status: AssistanceStatus;
  monthlyAmount: string | null;
  oneOffAmount: string | null;
  appliedOn: string;
  decidedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  nextReviewOn: string | null;
}

/** Shares of all residents: covered by 低保, on 特困, applicants for 临时救助 and 大病救助. */
const SHARE = { minimumLiving: 0.025, extremePoverty: 0.002, temporary: 0.003, majorIllness: 0.001 };
/** Beijing's 低保 standard (2024): 1,395 yuan per person per month. */
const LOW_INCOME_STANDARD_FEN = 139_500;
/** 特困 basic support at 1.6 × the 低保 standard, plus a care allowance by self-care ability (synthetic figures). */
const EXTREME_POVERTY_BASE_FEN = 223_200;
const CARE_ALLOWANCE_FEN = { FULL: 0, PARTIAL: 70_000, NONE: 140_000 } as const;
const HEAD = '02';
/** A 低保 family is at most this big (the world's last household can be much larger: it takes the leftover residents). */
const MAX_FAMILY = 8;

/** Where the monthly cases of the district stand: most pay, a few are suspended or ended. */
const MONTHLY_STATUSES: [AssistanceStatus, number][] = [
  [AssistanceStatus.ACTIVE, 90],
  [AssistanceStatus.SUSPENDED, 4],
  [AssistanceStatus.TERMINATED, 6],
];
/** New 低保 applications of households not yet covered (a share of those households), in every state before payment. */
const NEW_APPLICATION_SHARE = 0.002;
const NEW_APPLICATION_STATUSES: [AssistanceStatus, number][] = [
  [AssistanceStatus.APPLIED, 30],
  [AssistanceStatus.REVIEWING, 30],
  [AssistanceStatus.REJECTED, 25],
  [AssistanceStatus.APPROVED, 15],
];

const ONE_OFF_STATUSES: Record<'TEMPORARY' | 'MAJOR_ILLNESS', [AssistanceStatus, number][]> = {
  TEMPORARY: [
    [AssistanceStatus.APPLIED, 10],
    [AssistanceStatus.REVIEWING, 15],
    [AssistanceStatus.APPROVED, 60],
    [AssistanceStatus.REJECTED, 15],
  ],
  MAJOR_ILLNESS: [
    [AssistanceStatus.APPLIED, 10],
    [AssistanceStatus.REVIEWING, 20],
    [AssistanceStatus.APPROVED, 55],
    [AssistanceStatus.REJECTED, 15],
  ],
};

function pickWeighted<T>(rng: Rng, table: [T, number][]): T {
  let x = rng.next() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

const earlier = (a: string, b: string) => (a < b ? a : b);

/** How likely a household is to be on 低保, relative to others: no work, unemployment and care needs weigh in. */
function hardship(members: WorldResident[]): number {
  let weight = 1;
  if (members.some((m) => m.employmentStatus === 'UNEMPLOYED')) weight += 4;
  if (members.some((m) => m.selfCareAbility !== 'FULL')) weight += 3;
  if (!members.some((m) => m.employmentStatus === 'EMPLOYED')) weight += 2;
  return weight;
}

/** How likely a resident living alone is to be on 特困: the elderly who cannot fully care for themselves first. */
function frailty(r: WorldResident, asOf: string): number {
  if (r.livingArrangement !== 'ALONE' || r.residenceStatus !== 'REGISTERED') return 0;
  const age = ageOn(r.birthDate, asOf);
  if (age >= 60) return { NONE: 30, PARTIAL: 20, FULL: 1 }[r.selfCareAbility];
  return age >= 16 && r.selfCareAbility !== 'FULL' ? 10 : 0;
}

export function assistanceCases(world: World): CaseRow[] {
  const rng = new Rng(world.seed + 11);
  const { asOf } = world;
  const total = world.residents.length;
  const rows: CaseRow[] = [];
  const nextId = () => stableUuid(world.seed, 'assistance-case', rows.length);
  /** a monthly case decided long enough ago to be paying now, or to have been suspended or ended since */
  const longRunning = () => {
    const status = pickWeighted(rng, MONTHLY_STATUSES);
    const appliedOn = addDays(asOf, -(90 + rng.int(8 * 365)));
    const decidedOn = addDays(appliedOn, 15 + rng.int(30));
    const startsOn = firstOfNextMonth(decidedOn);
    if (status === AssistanceStatus.TERMINATED)
      return {
        status,
        appliedOn,
        decidedOn,
        startsOn,
        endsOn: earlier(asOf, addDays(startsOn, 30 + rng.int(700))),
        nextReviewOn: null,
      };
    // reviewed every year: the next review falls in the coming year, a few already overdue
    return { status, appliedOn, decidedOn, startsOn, endsOn: null, nextReviewOn: addDays(asOf, -20 + rng.int(385)) };
  };

  const collective = new Set(world.households.filter((h) => h.type === 'COLLECTIVE').map((h) => h.id));
  const households = new Map<string, WorldResident[]>();
  for (const r of world.residents) {
    const members = households.get(r.householdId);
    if (members) members.push(r);
    else households.set(r.householdId, [r]);
  }

  // 低保: whole registered family households, one case per household with the head as applicant
  const eligible: { head: WorldResident; members: WorldResident[]; weight: number }[] = [];
  let weightedPeople = 0;
  for (const [householdId, members] of households) {
    const head = members.find((m) => m.relationCode === HEAD);
    if (!head || members.length > MAX_FAMILY || collective.has(householdId) || head.residenceStatus !== 'REGISTERED')
      continue;
    const weight = hardship(members);
    eligible.push({ head, members, weight });
    weightedPeople += weight * members.length;
  }
  const livingScale = weightedPeople ? (SHARE.minimumLiving * total) / weightedPeople : 0;
  const covered = new Set<string>();
  for (const { head, members, weight } of eligible) {
    const standard = LOW_INCOME_STANDARD_FEN * members.length;
    const incomeShare = rng.next() * (members.some((m) => m.employmentStatus === 'EMPLOYED') ? 0.6 : 0.3);
    const monthlyAmount = formatFen(BigInt(standard - Math.round(standard * incomeShare)));
    if (head.draw >= livingScale * weight) {
      if (head.draw2 < NEW_APPLICATION_SHARE) rows.push(newApplication(rng, asOf, nextId(), head, monthlyAmount));
      continue;
    }
    covered.add(head.householdId);
    rows.push({
      id: nextId(),
      residentId: head.id,
      householdId: head.householdId,
      program: AssistanceProgram.MINIMUM_LIVING,
      monthlyAmount,
      oneOffAmount: null,
      ...longRunning(),
    });
  }

  // 特困: residents living alone (not in a 低保 household), weighted towards frail elderly
  const frail: [WorldResident, number][] = [];
  let frailWeight = 0;
  for (const r of world.residents) {
    // a household with a 低保 case or another 特困 one has no (second) 特困 case: one per household and program
    const weight = covered.has(r.householdId) ? 0 : frailty(r, asOf);
    if (!weight) continue;
    frail.push([r, weight]);
    frailWeight += weight;
  }
  const povertyScale = frailWeight ? (SHARE.extremePoverty * total) / frailWeight : 0;
  const supported = new Set<string>();
  for (const [r, weight] of frail) {
    if (r.draw2 >= povertyScale * weight || supported.has(r.householdId)) continue;
    supported.add(r.householdId);
    rows.push({
      id: nextId(),
      residentId: r.id,
      householdId: r.householdId,
      program: AssistanceProgram.EXTREME_POVERTY,
      monthlyAmount: formatFen(BigInt(EXTREME_POVERTY_BASE_FEN + CARE_ALLOWANCE_FEN[r.selfCareAbility])),
      oneOffAmount: null,
      ...longRunning(),
    });
  }

  // 临时救助 and 大病救助: adult applicants, in every state of the workflow
  const adults = world.residents.filter((r) => ageOn(r.birthDate, asOf) >= 18);
  const temporaryShare = adults.length ? (SHARE.temporary * total) / adults.length : 0;
  const illnessShare = adults.length ? (SHARE.majorIllness * total) / adults.length : 0;
  for (const r of adults) {
    const u = rng.next();
    if (u >= temporaryShare + illnessShare) continue;
    const program = u < temporaryShare ? AssistanceProgram.TEMPORARY : AssistanceProgram.MAJOR_ILLNESS;
    rows.push(oneOffCase(rng, asOf, nextId(), r, program));
  }
  const departures = departuresOf(world);
  unstoppedCases(world, departures, rows, nextId, { eligible, covered, frail, supported });
  // nobody applies after dying or moving away; what was paying before is still paying, for the caseworker to stop
  // (Resident.assistanceToStop). Dropped after drawing, so every other case keeps its id and terms.
  return rows.filter((c) => {
    const left = departures.get(c.residentId);
    return !left || c.appliedOn < left.leftOn;
  });
}

/** how likely a departed resident in hardship is to have been on assistance still paying: per unit of hardship or frailty */
const UNSTOPPED_PER_WEIGHT = 0.1;

/**
 * The payments a caseworker has not yet stopped (死亡、迁出待停发): the poor and the frail die and move more often than
 * the drawing above (which ignores departures) gives them, so some who left the register in hardship had a 低保 or
 * 特困 case that started well before they left and is still ACTIVE. Own random stream, appended after every other
 * case, so no other case changes.
 */
function unstoppedCases(
  world: World,
  departures: ReturnType<typeof departuresOf>,
  rows: CaseRow[],
  nextId: () => string,
  drawn: {
    eligible: { head: WorldResident; members: WorldResident[]; weight: number }[];
    covered: Set<string>;
    frail: [WorldResident, number][];
    supported: Set<string>;
  },
): void {
  const rng = new Rng(world.seed + 12);
  const paying = (leftOn: string) => {
    const appliedOn = addDays(leftOn, -(120 + rng.int(5 * 365)));
    const decidedOn = addDays(appliedOn, 15 + rng.int(30));
    return {
      status: AssistanceStatus.ACTIVE,
      appliedOn,
      decidedOn,
      startsOn: firstOfNextMonth(decidedOn),
      endsOn: null,
      nextReviewOn: addDays(world.asOf, -20 + rng.int(385)),
    };
  };
  for (const { head, members, weight } of drawn.eligible) {
    const left = departures.get(head.id);
    if (!left || drawn.covered.has(head.householdId) || weight < 3 || rng.next() >= UNSTOPPED_PER_WEIGHT * weight)
      continue;
    drawn.covered.add(head.householdId);
    const standard = LOW_INCOME_STANDARD_FEN * members.length;
    const monthlyAmount = formatFen(BigInt(standard - Math.round(standard * rng.next() * 0.3)));
    rows.push({
      id: nextId(),
      residentId: head.id,
      householdId: head.householdId,
      program: AssistanceProgram.MINIMUM_LIVING,
      monthlyAmount,
      oneOffAmount: null,
      ...paying(left.leftOn),
    });
  }
  for (const [r, weight] of drawn.frail) {
    const left = departures.get(r.id);
    if (
      !left ||
      drawn.covered.has(r.householdId) ||
      drawn.supported.has(r.householdId) ||
      rng.next() >= UNSTOPPED_PER_WEIGHT * weight
    )
      continue;
    drawn.supported.add(r.householdId);
    rows.push({
      id: nextId(),
      residentId: r.id,
      householdId: r.householdId,
      program: AssistanceProgram.EXTREME_POVERTY,
      monthlyAmount: formatFen(BigInt(EXTREME_POVERTY_BASE_FEN + CARE_ALLOWANCE_FEN[r.selfCareAbility])),
      oneOffAmount: null,
      ...paying(left.leftOn),
    });
  }
}

/** A household's recent 低保 application, not yet paying: undecided, rejected, or approved from next month. */
function newApplication(rng: Rng, asOf: string, id: string, head: WorldResident, monthlyAmount: string): CaseRow {
  const status = pickWeighted(rng, NEW_APPLICATION_STATUSES);
  const appliedOn = addDays(asOf, -(3 + rng.int(40)));
  const base: CaseRow = {
    id,
    residentId: head.id,
    householdId: head.householdId,
    program: AssistanceProgram.MINIMUM_LIVING,
    status,
    monthlyAmount: null,
    oneOffAmount: null,
    appliedOn,
    decidedOn: null,
    startsOn: null,
    endsOn: null,
    nextReviewOn: null,
  };
  if (status === AssistanceStatus.APPLIED || status === AssistanceStatus.REVIEWING) return base;
  if (status === AssistanceStatus.REJECTED) return { ...base, decidedOn: asOf };
  return { ...base, decidedOn: asOf, monthlyAmount, startsOn: firstOfNextMonth(asOf) };
}

function oneOffCase(
  rng: Rng,
  asOf: string,
  id: string,
  r: WorldResident,
  program: AssistanceProgram.TEMPORARY | AssistanceProgram.MAJOR_ILLNESS,
): CaseRow {
  const status = pickWeighted(rng, ONE_OFF_STATUSES[program]);
  const temporary = program === AssistanceProgram.TEMPORARY;
  const base: CaseRow = {
    id,
    residentId: r.id,
    householdId: temporary ? r.householdId : null,
    program,
    status,
    monthlyAmount: null,
    oneOffAmount: null,
    appliedOn: asOf,
    decidedOn: null,
    startsOn: null,
    endsOn: null,
    nextReviewOn: null,
  };
  if (status === AssistanceStatus.APPLIED) return { ...base, appliedOn: addDays(asOf, -rng.int(20)) };
  if (status === AssistanceStatus.REVIEWING) return { ...base, appliedOn: addDays(asOf, -(5 + rng.int(40))) };
  const appliedOn = addDays(asOf, -(20 + rng.int(700)));
  const decidedOn = earlier(asOf, addDays(appliedOn, temporary ? 3 + rng.int(12) : 10 + rng.int(30)));
  if (status === AssistanceStatus.REJECTED) return { ...base, appliedOn, decidedOn };
  // 临时救助 500–6,000 yuan in whole hundreds; 大病救助 2,000–60,000 yuan to the fen (a share of the medical bill)
  const fen = temporary ? (5 + rng.int(56)) * 10_000 : 200_000 + rng.int(5_800_001);
  return {
    ...base,
    appliedOn,
    decidedOn,
    startsOn: earlier(asOf, addDays(decidedOn, rng.int(7))),
    oneOffAmount: formatFen(BigInt(fen)),
  };
}

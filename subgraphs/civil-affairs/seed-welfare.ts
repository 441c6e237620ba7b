import { atTime } from '../../lib/calendar';
/**
 * Civil affairs' other records of the shared World's residents: pure and deterministic (the same world gives the
 * same rows), consistent with population's facts (ages, households, self-care ability), made one resident at a time
 * so a district of 1,000,000 stays a single pass.
 */
import { disabilityCertificateNumber, DisabilityType } from '../../lib/codes/disability';
import { Rng, stableUuid } from '../../runner/synthetic/random';
import type { World } from '../../runner/synthetic/world';
import { elderlyAllowanceFor } from './config/programs';
import { addDays, ageOn, firstOfNextMonth } from './dates';
import { AssistanceAction, AssistanceStatus } from './entities/enums';
import { ServiceKind, ServiceStatus } from './entities/service-application';
import { HomeCareKind, SpecialCareCategory } from './entities/welfare-enums';
import { formatUnits } from './money';
import type { CaseRow } from './seed-cases';
import { newTrackingCode } from './tracking-code';

function pick<T>(rng: Rng, table: [T, number][]): T {
  let x = rng.next() * table.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of table) if ((x -= w) < 0) return value;
  return table[table.length - 1][0];
}

const at = (date: string, hour = 9) => atTime(date, hour);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
const _ACTOR = 'synthetic';

export interface StepRow {
  id: string;
  caseId: string;
  position: number;
  action: AssistanceAction;
  fromStatus: AssistanceStatus | null;
  toStatus: AssistanceStatus;
  at: Date;
  /** who took it: the intake and investigation by one caseworker, the review and the decision by others (四眼原则) */
  actor: string;
  reason: string | null;
  amount: string | null;
}

const SEED_ACTORS: Partial<Record<AssistanceAction, string>> = {
  VERIFY: 'synthetic-street-reviewer',
  APPROVE: 'synthetic-district-reviewer',
  REJECT: 'synthetic-district-reviewer',
};

/** Each seeded case's history, the steps that brought it where it stands (the lifecycle's own path). */
export function* caseHistories(world: World, cases: CaseRow[]): Generator<StepRow> {
  let n = 0;
  let position = 0;
  const step = (
    c: CaseRow,
    action: AssistanceAction,
    fromStatus: AssistanceStatus | null,
    toStatus: AssistanceStatus,
    date: string,
    amount: string | null = null,
    reason: string | null = null,
  ): StepRow => ({
    id: stableUuid(world.seed, 'assistance-case-step', n++),
    caseId: c.id,
    position: ++position,
    action,
    fromStatus,
    toStatus,
    at: at(date, 9 + position),
    actor: SEED_ACTORS[action] ?? 'synthetic',
    reason,
    amount,
  });
  const S = AssistanceStatus;
  for (const c of cases) {
    position = 0;
    yield step(c, AssistanceAction.APPLY, null, S.APPLIED, c.appliedOn);
    if (c.status === S.APPLIED) continue;
    yield step(
      c,
      AssistanceAction.START_REVIEW,
      S.APPLIED,
      S.REVIEWING,
      earlier(addDays(c.appliedOn, 2), c.decidedOn ?? world.asOf),
    );
    if (c.status === S.REVIEWING) continue;
    if (c.status === S.REJECTED) {
      yield step(c, AssistanceAction.REJECT, S.REVIEWING, S.REJECTED, c.decidedOn!, null, '家庭收入超过救助标准');
      continue;
    }
    yield step(c, AssistanceAction.VERIFY, S.REVIEWING, S.VERIFIED, c.decidedOn!, null, '调查属实，同意上报审批');
    yield step(c, AssistanceAction.APPROVE, S.VERIFIED, S.APPROVED, c.decidedOn!, c.monthlyAmount ?? c.oneOffAmount);
    if (c.status === S.APPROVED) continue;
    yield step(c, AssistanceAction.START_PAYMENT, S.APPROVED, S.ACTIVE, c.startsOn!);
    if (c.status === S.SUSPENDED)
      yield step(
        c,
        AssistanceAction.SUSPEND,
        S.ACTIVE,
        S.SUSPENDED,
        later(c.startsOn!, addDays(world.asOf, -60)),
        null,
        '未按期参加年度复核',
      );
    if (c.status === S.TERMINATED)
      yield step(c, AssistanceAction.TERMINATE, S.ACTIVE, S.TERMINATED, c.endsOn!, null, '家庭收入超过低保标准');
  }
}

export interface DisabilityRow {
  id: string;
  residentId: string;
  type: DisabilityType;
  grade: number;
  certificateNumber: string;
  issuedOn: string;
}
export interface AllowanceRow {
  id: string;
  residentId: string;
  monthlyAmount: string;
  startsOn: string;
}
export interface HomeCareRow {
  id: string;
  residentId: string;
  kind: HomeCareKind;
  hoursPerMonth: string;
  startsOn: string;
}
export interface SpecialCareRow {
  id: string;
  residentId: string;
  category: SpecialCareCategory;
  monthlyAmount: string | null;
  since: string;
}
export interface ApplicationRow {
  id: string;
  residentId: string;
  kind: ServiceKind;
  status: ServiceStatus;
  trackingCode: string;
  submittedAt: Date;
  updatedAt: Date;
  steps: number;
}
export interface ApplicationStepRow {
  id: string;
  applicationId: string;
  position: number;
  status: ServiceStatus;
  at: Date;
  note: string | null;
}
export interface VolunteerRow {
  id: string;
  residentId: string;
  skills: string[];
  teamId: string;
  registeredOn: string;
  totalHours: string;
}
export interface VolunteerServiceRow {
  id: string;
  volunteerId: string;
  servedOn: string;
  hours: string;
  activity: string;
}
export interface TeamRow {
  id: string;
  name: string;
  communityCode: string;
}

const DISABILITY_TYPES: [DisabilityType, number][] = [
  [DisabilityType.PHYSICAL, 50],
  [DisabilityType.VISUAL, 13],
  [DisabilityType.HEARING, 12],
  [DisabilityType.MENTAL, 9],
  [DisabilityType.INTELLECTUAL, 8],
  [DisabilityType.MULTIPLE, 6],
  [DisabilityType.SPEECH, 2],
];
const GRADES: [number, number][] = [
  [1, 12],
  [2, 23],
  [3, 30],
  [4, 35],
];
const HOME_CARE: [HomeCareKind, number][] = [
  [HomeCareKind.MEALS, 35],
  [HomeCareKind.CLEANING, 20],
  [HomeCareKind.NURSING, 15],
  [HomeCareKind.BATHING, 10],
  [HomeCareKind.COMPANIONSHIP, 10],
  [HomeCareKind.EMERGENCY_CALL, 10],
];
const SERVICE_STATUSES: [ServiceStatus, number][] = [
  [ServiceStatus.SUBMITTED, 10],
  [ServiceStatus.ACCEPTED, 15],
  [ServiceStatus.FORWARDED, 15],
  [ServiceStatus.COMPLETED, 45],
  [ServiceStatus.RETURNED, 8],
  [ServiceStatus.REJECTED, 7],
];
/** the path to each status along the timeline (service-workflow.ts) */
const PATHS: Record<ServiceStatus, ServiceStatus[]> = {
  SUBMITTED: [ServiceStatus.SUBMITTED],
  ACCEPTED: [ServiceStatus.SUBMITTED, ServiceStatus.ACCEPTED],
  FORWARDED: [ServiceStatus.SUBMITTED, ServiceStatus.ACCEPTED, ServiceStatus.FORWARDED],
  COMPLETED: [ServiceStatus.SUBMITTED, ServiceStatus.ACCEPTED, ServiceStatus.FORWARDED, ServiceStatus.COMPLETED],
  RETURNED: [ServiceStatus.SUBMITTED, ServiceStatus.RETURNED],
  REJECTED: [ServiceStatus.SUBMITTED, ServiceStatus.ACCEPTED, ServiceStatus.REJECTED],
};
const KINDS = Object.values(ServiceKind);
const SKILLS = [
  '助老',
  '助残',
  '医疗',
  '法律咨询',
  '心理疏导',
  '环境保护',
  '文体活动',
  '治安巡逻',
  '应急救援',
  '教育辅导',
  '政策宣传',
  '维修',
];
const ACTIVITIES = ['敬老院探访', '社区清洁', '独居老人陪伴', '政策宣传', '治安巡逻', '义诊', '课业辅导'];

export interface WelfareRows {
  disabilities: DisabilityRow[];
  allowances: AllowanceRow[];
  homeCare: HomeCareRow[];
  specialCare: SpecialCareRow[];
  applications: ApplicationRow[];
  applicationSteps: ApplicationStepRow[];
  teams: TeamRow[];
  volunteers: VolunteerRow[];
  volunteerServices: VolunteerServiceRow[];
}

/** Shares of residents: certificate holders, special care, applications a year, volunteers; the take-up of 高龄津贴. */
const SHARE = {
  disability: 0.025,
  specialCare: 0.006,
  applications: 0.02,
  volunteers: 0.02,
  allowanceTakeUp: 0.95,
  homeCare: 0.4,
};

export function welfareRows(world: World): WelfareRows {
  const rng = new Rng(world.seed + 13);
  const { asOf } = world;
  const out: WelfareRows = {
    disabilities: [],
    allowances: [],
    homeCare: [],
    specialCare: [],
    applications: [],
    applicationSteps: [],
    teams: [],
    volunteers: [],
    volunteerServices: [],
  };
  const id = (kind: string, n: number) => stableUuid(world.seed, kind, n);
  // tracking codes from the seeded generator, so the demo is reproducible (real ones come from crypto.randomBytes)
  const codeBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => rng.int(256)));

  const communities = world.regions.filter((r) => r.level === 'COMMUNITY');
  for (const community of communities) {
    for (const name of ['为老服务队', '邻里守望队'])
      out.teams.push({
        id: id('volunteer-team', out.teams.length),
        name: `${community.name}${name}`,
        communityCode: community.code,
      });
  }
  const buildingOf = new Map(world.buildings.map((b) => [b.id, b]));
  const communityOfHousehold = new Map(
    world.households.map((h) => [h.id, buildingOf.get(h.buildingId)!.communityCode]),
  );
  const teamsOf = new Map<string, string[]>();
  for (const t of out.teams) teamsOf.set(t.communityCode, [...(teamsOf.get(t.communityCode) ?? []), t.id]);

  for (const r of world.residents) {
    const age = ageOn(r.birthDate, asOf);
    const adultSince = () => `${Number(r.birthDate.slice(0, 4)) + 18}${r.birthDate.slice(4)}`;
    // disability: more likely with age and with care needs
    const disabilityOdds =
      SHARE.disability * (age >= 60 ? 2 : age >= 18 ? 0.8 : 0.4) * (r.selfCareAbility === 'FULL' ? 0.8 : 3);
    if (rng.next() < disabilityOdds) {
      const type = pick(rng, DISABILITY_TYPES);
      const grade = pick(rng, GRADES);
      const issuedOn = addDays(asOf, -rng.int(Math.max(1, Math.min(age * 365, 15 * 365))));
      out.disabilities.push({
        id: id('disability', out.disabilities.length),
        residentId: r.id,
        type,
        grade,
        certificateNumber: disabilityCertificateNumber(r.idNumber, type, grade),
        issuedOn: later(issuedOn, r.birthDate),
      });
    }
    // 高龄津贴: residents 80 and over, from the month after their 80th birthday
    const allowance = elderlyAllowanceFor(age);
    if (allowance && r.residenceStatus === 'REGISTERED' && rng.next() < SHARE.allowanceTakeUp) {
      const eighty = `${Number(r.birthDate.slice(0, 4)) + 80}${r.birthDate.slice(4)}`;
      out.allowances.push({
        id: id('elderly-allowance', out.allowances.length),
        residentId: r.id,
        monthlyAmount: allowance,
        startsOn: firstOfNextMonth(eighty.endsWith('02-29') ? eighty.replace('02-29', '02-28') : eighty),
      });
    }
    // home care: the elderly who cannot fully care for themselves
    if (age >= 60 && r.selfCareAbility !== 'FULL' && rng.next() < SHARE.homeCare) {
      const kinds = new Set([pick(rng, HOME_CARE), pick(rng, HOME_CARE)]);
      for (const kind of kinds) {
        out.homeCare.push({
          id: id('home-care', out.homeCare.length),
          residentId: r.id,
          kind,
          hoursPerMonth: formatUnits(BigInt(40 + rng.int(400)), 1),
          startsOn: addDays(asOf, -rng.int(1500)),
        });
      }
    }
    // 优抚: veterans and disabled soldiers (mostly men of 40 and over), martyrs' and servicemen's families
    if (age >= 20 && rng.next() < SHARE.specialCare) {
      const man = r.gender === 'MALE';
      const category =
        man && age >= 40
          ? pick(rng, [
              [SpecialCareCategory.VETERAN, 70],
              [SpecialCareCategory.DISABLED_SOLDIER, 10],
              [SpecialCareCategory.MARTYR_FAMILY, 5],
              [SpecialCareCategory.SERVICEMAN_FAMILY, 15],
            ])
          : pick(rng, [
              [SpecialCareCategory.SERVICEMAN_FAMILY, 75],
              [SpecialCareCategory.MARTYR_FAMILY, 25],
            ]);
      const amount =
        category === SpecialCareCategory.DISABLED_SOLDIER
          ? '4200.00'
          : category === SpecialCareCategory.MARTYR_FAMILY
            ? '2600.00'
            : category === SpecialCareCategory.VETERAN
              ? '800.00'
              : null;
      out.specialCare.push({
        id: id('special-care', out.specialCare.length),
        residentId: r.id,
        category,
        monthlyAmount: amount,
        since: later(addDays(asOf, -rng.int(20 * 365)), adultSince()),
      });
    }
    // service applications handed in this year, in every state of the timeline
    if (age >= 16 && rng.next() < SHARE.applications) {
      const status = pick(rng, SERVICE_STATUSES);
      const applicationId = id('service-application', out.applications.length);
      const submitted = addDays(asOf, -(1 + rng.int(300)));
      const path = PATHS[status];
      const dates = path.map((_, i) => earlier(addDays(submitted, i * (1 + rng.int(6))), asOf));
      for (const [i, s] of path.entries())
        out.applicationSteps.push({
          id: id('service-application-step', out.applicationSteps.length),
          applicationId,
          position: i + 1,
          status: s,
          at: at(dates[i], 10 + i),
          note: s === ServiceStatus.RETURNED ? '请补充户口簿复印件' : null,
        });
      out.applications.push({
        id: applicationId,
        residentId: r.id,
        kind: KINDS[rng.int(KINDS.length)],
        status,
        trackingCode: newTrackingCode(codeBytes),
        submittedAt: at(dates[0], 10),
        updatedAt: at(dates[dates.length - 1], 10 + path.length - 1),
        steps: path.length,
      });
    }
    // volunteers: adults up to 75, in a team of their community
    if (age >= 18 && age <= 75 && rng.next() < SHARE.volunteers) {
      const volunteerId = id('volunteer', out.volunteers.length);
      const teams = teamsOf.get(communityOfHousehold.get(r.householdId)!) ?? [];
      let tenths = 0n;
      const services = rng.int(6);
      for (let i = 0; i < services; i++) {
        const hours = BigInt(5 + rng.int(60));
        tenths += hours;
        out.volunteerServices.push({
          id: id('volunteer-service', out.volunteerServices.length),
          volunteerId,
          servedOn: addDays(asOf, -rng.int(365)),
          hours: formatUnits(hours, 1),
          activity: ACTIVITIES[rng.int(ACTIVITIES.length)],
        });
      }
      const skills = [...new Set([SKILLS[rng.int(SKILLS.length)], SKILLS[rng.int(SKILLS.length)]])];
      out.volunteers.push({
        id: volunteerId,
        residentId: r.id,
        skills,
        teamId: teams[rng.int(teams.length)],
        registeredOn: later(addDays(asOf, -rng.int(6 * 365)), adultSince()),
        totalHours: formatUnits(tenths, 1),
      });
    }
  }
  return out;
}

import { Rng, stableUuid } from '../../runner/synthetic/random';
import { type World, type WorldResident, worldClock } from '../../runner/synthetic/world';
import { endOfDay } from '../../lib/calendar';
import { IncidentRole, IncidentStatus, IncidentType } from './entities/enums';
import { addYears } from './seed.dates';
import { seedPlaces } from './seed.places';

export interface IncidentRow {
  id: string;
  occurredAt: Date;
  type: IncidentType;
  status: IncidentStatus;
  buildingId: string | null;
  communityCode: string;
  summary: string;
}

export interface PartyRow {
  incidentId: string;
  residentId: string;
  role: IncidentRole;
}

const TYPES: [IncidentType, number, string][] = [
  [IncidentType.DISPUTE, 24, '邻里纠纷'],
  [IncidentType.NOISE, 16, '噪音扰民'],
  [IncidentType.THEFT, 14, '电动车被盗'],
  [IncidentType.FRAUD, 12, '电信网络诈骗'],
  [IncidentType.TRAFFIC, 10, '小区内剐蹭'],
  [IncidentType.FIGHT, 6, '酒后斗殴'],
  [IncidentType.DOMESTIC, 5, '家庭纠纷'],
  [IncidentType.MISSING_PERSON, 3, '老人走失'],
  [IncidentType.FIRE, 2, '厨房起火'],
  [IncidentType.OTHER, 8, '求助'],
];
const TOTAL = TYPES.reduce((s, [, w]) => s + w, 0);
const DAY_MS = 86_400_000;
/** about one incident a year for every forty residents */
const RESIDENTS_PER_INCIDENT = 40;

/**
 * A year of incidents (警情) up to the world's hour: each in a household's building (or, one in seven, only in its
 * community, out in the street), reported by a member of that household, sometimes with a second member involved.
 */
export function incidentRows(world: World): { incidents: IncidentRow[]; parties: PartyRow[] } {
  const rng = new Rng(world.seed + 1601);
  const { buildingOf } = seedPlaces(world);
  const membersOf = new Map<string, WorldResident[]>();
  for (const r of world.residents) {
    const members = membersOf.get(r.householdId);
    if (members) members.push(r);
    else membersOf.set(r.householdId, [r]);
  }
  // up to the world's hour, so this month's figures have incidents from its first day on
  const end = Math.min(worldClock().getTime(), endOfDay(world.asOf).getTime());
  const incidents: IncidentRow[] = [];
  const parties: PartyRow[] = [];
  const count = Math.round(world.residents.length / RESIDENTS_PER_INCIDENT);
  // parties are 14 or older
  const bornBefore = addYears(world.asOf, -14);
  for (let n = 0; n < count; n++) {
    const household = world.households[rng.int(world.households.length)];
    const building = buildingOf.get(household.id)!;
    let x = rng.next() * TOTAL;
    const [type, , summary] = TYPES.find(([, w]) => (x -= w) < 0) ?? TYPES[TYPES.length - 1];
    const daysAgo = rng.next() * 365;
    const status =
      daysAgo < 1
        ? IncidentStatus.DISPATCHED
        : daysAgo < 14
          ? rng.next() < 0.6
            ? IncidentStatus.HANDLED
            : IncidentStatus.DISPATCHED
          : rng.next() < 0.9
            ? IncidentStatus.CLOSED
            : IncidentStatus.HANDLED;
    const incident: IncidentRow = {
      id: stableUuid(world.seed, 'incident', n),
      occurredAt: new Date(end - Math.round(daysAgo * DAY_MS)),
      type,
      status,
      buildingId: rng.next() < 6 / 7 ? building.id : null,
      communityCode: building.communityCode,
      summary,
    };
    incidents.push(incident);
    const members = (membersOf.get(household.id) ?? []).filter((m) => m.birthDate <= bornBefore);
    if (!members.length) continue;
    const first = members[rng.int(members.length)];
    parties.push({
      incidentId: incident.id,
      residentId: first.id,
      role: rng.next() < 0.6 ? IncidentRole.REPORTER : IncidentRole.VICTIM,
    });
    const second = members.find((m) => m.id !== first.id);
    if (second && rng.next() < 0.4)
      parties.push({
        incidentId: incident.id,
        residentId: second.id,
        role:
          type === IncidentType.DISPUTE || type === IncidentType.DOMESTIC ? IncidentRole.PARTY : IncidentRole.WITNESS,
      });
  }
  return { incidents, parties };
}

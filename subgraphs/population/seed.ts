import { addDays, atTime } from '../../lib/calendar';
import { copyRows } from '../../lib/db/copy';
import { stableUuid } from '../../runner/synthetic/random';
import type { DepartmentSeeder } from '../../runner/synthetic/seeder';
import { departuresOf, moveInDates, organizationsOf, type World, worldClock } from '../../runner/synthetic/world';

interface ChangeRow {
  id: string;
  residentId: string;
  on: string;
  kind: 'REGISTERED' | 'STATUS';
  field: string | null;
  fromValue: string | null;
  toValue: string;
  fromHouseholdId: string | null;
  toHouseholdId: string | null;
}

/**
 * The history: one row per resident registered into their household the day it moved in (or at birth if born later),
 * and one status change for each who died or moved out since, on that day, as `moveOutResident` writes it.
 */
function* changes(world: World): Generator<ChangeRow> {
  const movedIn = moveInDates(world);
  const householdIndex = new Map(world.households.map((h, i) => [h.id, i]));
  for (const r of world.residents) {
    const household = movedIn[householdIndex.get(r.householdId)!];
    const on = r.birthDate > household ? r.birthDate : household;
    yield {
      id: stableUuid(world.seed, 'resident-change', r.index),
      residentId: r.id,
      on,
      kind: 'REGISTERED',
      field: null,
      fromValue: null,
      toValue: r.householdId,
      fromHouseholdId: null,
      toHouseholdId: r.householdId,
    };
  }
  const departures = departuresOf(world);
  for (const r of world.residents) {
    const left = departures.get(r.id);
    if (!left) continue;
    yield {
      id: stableUuid(world.seed, 'resident-departure', r.index),
      residentId: r.id,
      on: left.leftOn,
      kind: 'STATUS',
      field: 'status',
      fromValue: 'ACTIVE',
      toValue: left.status,
      fromHouseholdId: r.householdId,
      toHouseholdId: null,
    };
  }
}

/** How far back the seed spreads the last confirmations in person: past the 60-day period, so a round has residents due. */
const CONFIRMED_WITHIN_DAYS = 90;

/**
 * When each resident's facts were last confirmed in person: at 09:00 on a day of the last CONFIRMED_WITHIN_DAYS days,
 * spread by resident (never before they moved in, never in the future), so about a third are due for re-verification.
 */
export function confirmationsOf(world: World): (r: World['residents'][number]) => Date {
  const movedIn = moveInDates(world);
  const householdIndex = new Map(world.households.map((h, i) => [h.id, i]));
  const now = worldClock().getTime();
  return (r) => {
    const spread = addDays(world.asOf, -((r.index * 37) % CONFIRMED_WITHIN_DAYS));
    const arrived = movedIn[householdIndex.get(r.householdId)!];
    const day = [spread, arrived, r.birthDate].sort().at(-1)!;
    return new Date(Math.min(atTime(day, 9).getTime(), now));
  };
}

/** Population's slice: buildings, households, residents (a few died or moved out) with their history, organizations. */
export const seedPopulation: DepartmentSeeder = async (client, world) => {
  const departures = departuresOf(world);
  const verifiedAt = confirmationsOf(world);
  return {
    building: await copyRows(
      client,
      'building',
      ['id', 'address', 'community_code', 'name', 'use', 'floors', 'latitude', 'longitude'],
      world.buildings,
      (b) => [b.id, b.address, b.communityCode, b.name, b.use, b.floors, b.latitude.toFixed(6), b.longitude.toFixed(6)],
    ),
    household: await copyRows(client, 'household', ['id', 'building_id', 'room', 'type'], world.households, (h) => [
      h.id,
      h.buildingId,
      h.room,
      h.type,
    ]),
    resident: await copyRows(
      client,
      'resident',
      [
        'id',
        'name',
        'id_number',
        'gender',
        'ethnicity_code',
        'birth_date',
        'phone',
        'household_id',
        'relation_code',
        'residence_status',
        'education',
        'marital_status',
        'political_status',
        'employment_status',
        'living_arrangement',
        'self_care_ability',
        'health_insurance',
        'pension_insurance',
        'unemployment_insurance',
        'status',
        'left_on',
        'collected_by',
        'last_verified_at',
      ],
      world.residents,
      (r) => [
        r.id,
        r.name,
        r.idNumber,
        r.gender,
        r.ethnicityCode,
        r.birthDate,
        r.phone,
        r.householdId,
        r.relationCode,
        r.residenceStatus,
        r.education,
        r.maritalStatus,
        r.politicalStatus,
        r.employmentStatus,
        r.livingArrangement,
        r.selfCareAbility,
        r.healthInsurance,
        r.pensionInsurance,
        r.unemploymentInsurance,
        departures.get(r.id)?.status ?? 'ACTIVE',
        departures.get(r.id)?.leftOn ?? null,
        'synthetic',
        verifiedAt(r),
      ],
    ),
    resident_change: await copyRows(
      client,
      'resident_change',
      [
        'id',
        'resident_id',
        'at',
        'effective_on',
        'kind',
        'field',
        'from_value',
        'to_value',
        'from_household_id',
        'to_household_id',
        'changed_by',
      ],
      changes(world),
      (c) => [
        c.id,
        c.residentId,
        `${c.on}T09:00:00+08:00`,
        c.on,
        c.kind,
        c.field,
        c.fromValue,
        c.toValue,
        c.fromHouseholdId,
        c.toHouseholdId,
        'synthetic',
      ],
    ),
    organization: await copyRows(
      client,
      'organization',
      ['id', 'name', 'credit_code', 'type', 'building_id', 'contact_name', 'contact_phone'],
      organizationsOf(world),
      (o) => [o.id, o.name, o.creditCode, o.type, o.buildingId, o.contactName, o.contactPhone],
    ),
  };
};

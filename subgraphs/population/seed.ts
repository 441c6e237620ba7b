import { copyRows } from '../../lib/db/copy';
import { stableUuid } from '../../lib/synthetic/random';
import type { DepartmentSeeder } from '../../lib/synthetic/seeder';
import { moveInDates, organizationsOf, type World } from '../../lib/synthetic/world';

/** One history row per resident: registered into their household the day it moved in, or at birth if born later. */
function* arrivals(world: World) {
  const movedIn = moveInDates(world);
  const householdIndex = new Map(world.households.map((h, i) => [h.id, i]));
  for (const r of world.residents) {
    const household = movedIn[householdIndex.get(r.householdId)!];
    const on = r.birthDate > household ? r.birthDate : household;
    yield { id: stableUuid(world.seed, 'resident-change', r.index), residentId: r.id, householdId: r.householdId, on };
  }
}

/** Population's slice: buildings, households, residents and their arrival in the history, organizations. */
export const seedPopulation: DepartmentSeeder = async (client, world) => {
  const verifiedAt = new Date(`${world.asOf}T09:00:00+08:00`);
  return {
    building: await copyRows(client, 'building', ['id', 'address', 'community_code', 'name', 'use', 'floors', 'latitude', 'longitude'], world.buildings, (b) => [
      b.id, b.address, b.communityCode, b.name, b.use, b.floors, b.latitude.toFixed(6), b.longitude.toFixed(6),
    ]),
    household: await copyRows(client, 'household', ['id', 'building_id', 'room', 'type'], world.households, (h) => [h.id, h.buildingId, h.room, h.type]),
    resident: await copyRows(
      client,
      'resident',
      ['id', 'name', 'id_number', 'gender', 'ethnicity_code', 'birth_date', 'phone', 'household_id', 'relation_code', 'residence_status', 'education',
        'marital_status', 'political_status', 'employment_status', 'living_arrangement', 'self_care_ability', 'health_insurance', 'pension_insurance',
        'status', 'collected_by', 'last_verified_at'],
      world.residents,
      (r) => [
        r.id, r.name, r.idNumber, r.gender, r.ethnicityCode, r.birthDate, r.phone, r.householdId, r.relationCode, r.residenceStatus, r.education,
        r.maritalStatus, r.politicalStatus, r.employmentStatus, r.livingArrangement, r.selfCareAbility, r.healthInsurance, r.pensionInsurance,
        'ACTIVE', 'synthetic', verifiedAt,
      ],
    ),
    resident_change: await copyRows(
      client,
      'resident_change',
      ['id', 'resident_id', 'at', 'effective_on', 'kind', 'to_value', 'to_household_id', 'changed_by'],
      arrivals(world),
      (c) => [c.id, c.residentId, `${c.on}T09:00:00+08:00`, c.on, 'REGISTERED', c.householdId, c.householdId, 'synthetic'],
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

import { copyRows } from '../../lib/db/copy';
import type { DepartmentSeeder } from '../../lib/synthetic/seeder';

/** Population's slice: buildings, households and residents. */
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
  };
};

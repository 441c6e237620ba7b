import { copyRows } from '../../lib/db/copy';
import type { DepartmentSeeder } from '../../lib/synthetic/seeder';
import { assistanceCases } from './seed-cases';

/**
 * Civil affairs' slice: social assistance cases (社会救助) of the world's residents, each recorded where it is handled
 * (the building of the applicant's household when they applied, as the application form states it).
 */
export const seedCivilAffairs: DepartmentSeeder = async (client, world) => {
  const buildings = new Map(world.buildings.map((b) => [b.id, b]));
  const householdBuilding = new Map(world.households.map((h) => [h.id, buildings.get(h.buildingId)!]));
  const residentHousehold = new Map(world.residents.map((r) => [r.id, r.householdId]));
  return {
    assistance_case: await copyRows(
      client,
      'assistance_case',
      ['id', 'resident_id', 'household_id', 'program', 'status', 'monthly_amount', 'one_off_amount', 'applied_on', 'decided_on', 'starts_on', 'ends_on',
        'building_id', 'community_code'],
      assistanceCases(world),
      (c) => {
        const building = householdBuilding.get(c.householdId ?? residentHousehold.get(c.residentId)!)!;
        return [c.id, c.residentId, c.householdId, c.program, c.status, c.monthlyAmount, c.oneOffAmount, c.appliedOn, c.decidedOn, c.startsOn, c.endsOn,
          building.id, building.communityCode];
      },
    ),
  };
};

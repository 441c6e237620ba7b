import { copyRows } from '../../lib/db/copy';
import type { DepartmentSeeder } from '../../lib/synthetic/seeder';
import { assistanceCases } from './seed-cases';

/** Civil affairs' slice: social assistance cases (社会救助) of the world's residents. */
export const seedCivilAffairs: DepartmentSeeder = async (client, world) => ({
  assistance_case: await copyRows(
    client,
    'assistance_case',
    ['id', 'resident_id', 'household_id', 'program', 'status', 'monthly_amount', 'one_off_amount', 'applied_on', 'decided_on', 'starts_on', 'ends_on'],
    assistanceCases(world),
    (c) => [c.id, c.residentId, c.householdId, c.program, c.status, c.monthlyAmount, c.oneOffAmount, c.appliedOn, c.decidedOn, c.startsOn, c.endsOn],
  ),
});

import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaffEnrolment } from './entities';

/** The workforce's per-request loaders (spread into grid's createLoaders). */
export const workforceLoaders = (em: EntityManager) => ({
  /** For each staff key, how they were enrolled (addStaff), or null for the seeded workforce: one statement per batch. */
  enrolmentOfStaff: new DataLoader<string, StaffEnrolment | null>(async (staffIds) => {
    const rows = await em.find(StaffEnrolment, { staff: { $in: [...staffIds] } });
    const byStaff = new Map(rows.map((e) => [e.staff.id, e]));
    return staffIds.map((id) => byStaff.get(id) ?? null);
  }),
});

import { Migration } from '@mikro-orm/migrations';
import { communityCacheDown, communityCacheUp, type CountedTable } from '../../../lib/stats/community-cache.migration';

/** The tables population's region figures count, each change mapped to the communities of its buildings. */
const COUNTED: CountedTable[] = [
  { table: 'building', communities: (rows) => `select community_code from ${rows}` },
  {
    table: 'household',
    communities: (rows) => `select b.community_code from ${rows} r join building b on b.id = r.building_id`,
  },
  {
    table: 'resident',
    communities: (rows) =>
      `select b.community_code from ${rows} r join household h on h.id = r.household_id join building b on b.id = h.building_id`,
  },
];

/** Population's figures kept per community and day (lib/stats/community-cache.ts). */
export class Migration20261204210000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of communityCacheUp(COUNTED)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of communityCacheDown(COUNTED)) this.addSql(sql);
  }
}

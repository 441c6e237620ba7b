import { Migration } from '@mikro-orm/migrations';
import { communityCacheDown, communityCacheUp, type CountedTable } from '../../../lib/stats/community-cache.migration';

/** The tables civil affairs' region figures count, each record handled in its community. */
const COUNTED: CountedTable[] = ['assistance_case', 'disability', 'elderly_allowance', 'special_care'].map((table) => ({
  table,
  communities: (rows) => `select community_code from ${rows}`,
}));

/** Civil affairs' figures kept per community and day (lib/stats/community-cache.ts). */
export class Migration20261204210000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of communityCacheUp(COUNTED)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of communityCacheDown(COUNTED)) this.addSql(sql);
  }
}

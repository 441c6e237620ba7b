import { Migration } from '@mikro-orm/migrations';
import { communityCacheDown, communityCacheUp, type CountedTable } from '../../../lib/stats/community-cache.migration';

/** Grid's visits, kept per community and day; its events are counted as of now on every request, never kept. */
const COUNTED: CountedTable[] = [{ table: 'visit', communities: (rows) => `select community_code from ${rows}` }];

/** Grid's visited households kept per community and day (lib/stats/community-cache.ts), and a community's month of visits by index. */
export class Migration20261204210000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of communityCacheUp(COUNTED)) this.addSql(sql);
    this.addSql(`create index "visit_community_code_visited_at_index" on "visit" ("community_code", "visited_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "visit_community_code_visited_at_index";`);
    for (const sql of communityCacheDown(COUNTED)) this.addSql(sql);
  }
}

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
    // grids and micro-grids are counted directly, over their buildings' records (the entities declare the indexes)
    this.addSql(`create index "assistance_case_building_id_index" on "assistance_case" ("building_id");`);
    this.addSql(`create index "disability_building_id_index" on "disability" ("building_id");`);
    this.addSql(`create index "elderly_allowance_building_id_index" on "elderly_allowance" ("building_id");`);
    this.addSql(`create index "special_care_building_id_index" on "special_care" ("building_id");`);
    this.addSql(`create index "service_application_building_id_index" on "service_application" ("building_id");`);
    this.addSql(`create index "volunteer_building_id_index" on "volunteer" ("building_id");`);
    this.addSql(`create index "home_care_service_building_id_index" on "home_care_service" ("building_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "assistance_case_building_id_index";`);
    this.addSql(`drop index if exists "disability_building_id_index";`);
    this.addSql(`drop index if exists "elderly_allowance_building_id_index";`);
    this.addSql(`drop index if exists "special_care_building_id_index";`);
    this.addSql(`drop index if exists "service_application_building_id_index";`);
    this.addSql(`drop index if exists "volunteer_building_id_index";`);
    this.addSql(`drop index if exists "home_care_service_building_id_index";`);
    for (const sql of communityCacheDown(COUNTED)) this.addSql(sql);
  }
}

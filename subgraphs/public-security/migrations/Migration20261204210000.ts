import { Migration } from '@mikro-orm/migrations';
import { communityCacheDown, communityCacheUp, type CountedTable } from '../../../lib/stats/community-cache.migration';

/** a change to a holder's permit moves which of their permits is current: every community where they hold one */
const holdersPermits = (holders: string) =>
  `select p.community_code from residence_permit p where p.resident_id in (${holders})`;

/** The tables public security's region figures count, each change mapped to the communities whose figures it moves. */
const COUNTED: CountedTable[] = [
  {
    table: 'residence_permit',
    communities: (rows) =>
      `select community_code from ${rows} union ${holdersPermits(`select resident_id from ${rows}`)}`,
  },
  {
    table: 'change_history',
    communities: (rows) =>
      holdersPermits(`select c.resident_id from residence_permit c where c.id in (select record_id from ${rows})`),
  },
  { table: 'rental_housing', communities: (rows) => `select community_code from ${rows}` },
  {
    table: 'rental_inspection',
    communities: (rows) => `select t.community_code from ${rows} r join rental_housing t on t.id = r.rental_id`,
  },
  {
    table: 'rental_tenancy',
    communities: (rows) => `select t.community_code from ${rows} r join rental_housing t on t.id = r.rental_id`,
  },
  { table: 'incident', communities: (rows) => `select community_code from ${rows}` },
];

/** Public security's figures kept per community and day (lib/stats/community-cache.ts). */
export class Migration20261204210000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of communityCacheUp(COUNTED)) this.addSql(sql);
    // grids and micro-grids are counted directly, over their buildings' records
    this.addSql(`create index "residence_permit_building_id_index" on "residence_permit" ("building_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "residence_permit_building_id_index";`);
    for (const sql of communityCacheDown(COUNTED)) this.addSql(sql);
  }
}

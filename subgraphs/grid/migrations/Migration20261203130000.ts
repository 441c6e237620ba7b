import { Migration } from '@mikro-orm/migrations';

/**
 * At most one open assignment period per building: a race of two moves can no longer leave a building in two
 * micro-grids at once, whatever the code does.
 */
export class Migration20261203130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unique index "building_assignment_period_one_open_per_building" on "building_assignment_period" ("building_id") where "valid_to" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "building_assignment_period_one_open_per_building";`);
  }
}

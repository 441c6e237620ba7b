import { Migration } from '@mikro-orm/migrations';

/** Home-care services end (终止服务) and volunteer teams disband (解散), written by mutations, not only by the seed. */
export class Migration20261203160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "home_care_service" add column "ends_on" date null, add column "end_reason" text null;`);
    this.addSql(
      `create unique index "home_care_service_running_unique" on "home_care_service" ("resident_id", "kind") where "ends_on" is null;`,
    );
    this.addSql(`alter table "volunteer_team" add column "disbanded_on" date null;`);
    this.addSql(
      `create unique index "volunteer_team_serving_name_unique" on "volunteer_team" ("community_code", "name") where "disbanded_on" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "volunteer_team_serving_name_unique";`);
    this.addSql(`alter table "volunteer_team" drop column "disbanded_on";`);
    this.addSql(`drop index "home_care_service_running_unique";`);
    this.addSql(`alter table "home_care_service" drop column "ends_on", drop column "end_reason";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/** Public security's own writes: the history of its records, grid police assignments over time, a permit's status. */
export class Migration20261203153548 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "change_history" ("id" uuid not null, "record_type" text not null, "record_id" uuid not null, "action" text check ("action" in ('INCIDENT_RECORDED', 'INCIDENT_DISPATCHED', 'INCIDENT_HANDLED', 'INCIDENT_CLOSED', 'RENTAL_REGISTERED', 'PERMIT_ISSUED', 'PERMIT_RENEWED', 'PERMIT_CANCELLED', 'SUPERVISION_STARTED', 'SUPERVISION_ENDED', 'POLICE_ASSIGNED', 'POLICE_UNASSIGNED')) not null, "effective_on" date not null, "valid_until" date null, "at" timestamptz not null, "actor" text not null, "reason" text null, constraint "change_history_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "change_history_record_id_at_index" on "change_history" ("record_id", "at");`);

    this.addSql(`alter table "grid_police_assignment" drop constraint "grid_police_assignment_pkey";`);

    // rows assigned before this change get a key; their name, phone and place were grid's to know (the demo seeds them anew)
    this.addSql(
      `alter table "grid_police_assignment" add column "id" uuid null, add column "community_code" char(12) null, add column "name" text null, add column "station_phone" text null, add column "until" date null;`,
    );
    this.addSql(
      `update "grid_police_assignment" set "id" = gen_random_uuid(), "community_code" = '', "name" = '', "station_phone" = '';`,
    );
    this.addSql(
      `alter table "grid_police_assignment" alter column "id" set not null, alter column "community_code" set not null, alter column "name" set not null, alter column "station_phone" set not null;`,
    );
    this.addSql(`create index "grid_police_assignment_region_id_index" on "grid_police_assignment" ("region_id");`);
    this.addSql(`create index "grid_police_assignment_staff_id_index" on "grid_police_assignment" ("staff_id");`);
    this.addSql(
      `create unique index "grid_police_assignment_one_open" on "grid_police_assignment" ("region_id", "staff_id") where "until" is null;`,
    );
    this.addSql(
      `alter table "grid_police_assignment" add constraint "grid_police_assignment_pkey" primary key ("id");`,
    );
    this.addSql(
      `alter table "grid_police_assignment" add constraint grid_police_assignment_until_after_since check(until is null or until >= since);`,
    );

    this.addSql(
      `alter table "residence_permit" add column "recorded_status" text check ("recorded_status" in ('ISSUED', 'RENEWED', 'CANCELLED', 'EXPIRED')) not null default 'ISSUED';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "change_history" cascade;`);

    this.addSql(`drop index "grid_police_assignment_region_id_index";`);
    this.addSql(`drop index "grid_police_assignment_staff_id_index";`);
    this.addSql(`drop index "grid_police_assignment_one_open";`);
    this.addSql(`alter table "grid_police_assignment" drop constraint "grid_police_assignment_pkey";`);
    this.addSql(`alter table "grid_police_assignment" drop constraint grid_police_assignment_until_after_since;`);
    this.addSql(
      `alter table "grid_police_assignment" drop column "id", drop column "community_code", drop column "name", drop column "station_phone", drop column "until";`,
    );

    this.addSql(
      `alter table "grid_police_assignment" add constraint "grid_police_assignment_pkey" primary key ("region_id");`,
    );

    this.addSql(`alter table "residence_permit" drop column "recorded_status";`);
  }
}

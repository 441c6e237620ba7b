import { Migration } from '@mikro-orm/migrations';

/**
 * Closing the loop (issue 21 items 8 and 9): supervision flags (督办) and follow-ups (回访), both append-only like
 * the timeline; the workflow's REDO move (回访不满意重办); the building's public door-plate address on its assignment
 * (what gridContactCard(address:) finds a grid by).
 */
export class Migration20261203153650 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "event_supervision" ("id" uuid not null, "event_id" uuid not null, "department" text null, "reason" text not null, "supervisor_subject" text not null, "supervisor_name" text not null, "supervisor_role" text not null, "at" timestamptz not null, "overdue_since" timestamptz not null, constraint "event_supervision_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "event_supervision_event_id_index" on "event_supervision" ("event_id");`);
    this.addSql(`create index "event_supervision_at_index" on "event_supervision" ("at");`);

    this.addSql(
      `create table "event_follow_up" ("id" uuid not null, "event_id" uuid not null, "closed_at" timestamptz not null, "department" text null, "satisfaction" text check ("satisfaction" in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')) not null, "comment" text null, "reopened" boolean not null default false, "recorder_subject" text not null, "recorder_name" text not null, "at" timestamptz not null, constraint "event_follow_up_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "event_follow_up_event_id_index" on "event_follow_up" ("event_id");`);
    this.addSql(
      `alter table "event_follow_up" add constraint "event_follow_up_event_id_closed_at_unique" unique ("event_id", "closed_at");`,
    );

    this.addSql(
      `alter table "event_supervision" add constraint "event_supervision_event_id_foreign" foreign key ("event_id") references "event" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "event_follow_up" add constraint "event_follow_up_event_id_foreign" foreign key ("event_id") references "event" ("id") on update cascade;`,
    );

    this.addSql(`alter table "event_transition" drop constraint if exists "event_transition_action_check";`);

    this.addSql(
      `alter table "event_transition" add constraint "event_transition_action_check" check("action" in ('REGISTER', 'REJECT', 'DISPATCH', 'ESCALATE', 'ACCEPT', 'RETURN', 'START', 'SUSPEND', 'RESUME', 'REPORT_BACK', 'VERIFY', 'REOPEN', 'CLOSE', 'REDO'));`,
    );

    this.addSql(`alter table "building_assignment" add column "address" text null;`);

    // the timeline's rule (Migration20261201074418): a flag or an answer, once written, is never rewritten
    this.addSql(`create function grid_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege'; end $$;`);
    for (const table of ['event_supervision', 'event_follow_up'])
      this.addSql(
        `create trigger ${table}_no_update_delete before update or delete on "${table}" for each row execute function grid_append_only();`,
      );
  }

  override async down(): Promise<void> {
    for (const table of ['event_supervision', 'event_follow_up'])
      this.addSql(`drop trigger if exists ${table}_no_update_delete on "${table}";`);
    this.addSql(`drop function if exists grid_append_only();`);
    this.addSql(`drop table if exists "event_supervision" cascade;`);

    this.addSql(`drop table if exists "event_follow_up" cascade;`);

    this.addSql(`alter table "event_transition" drop constraint if exists "event_transition_action_check";`);

    this.addSql(`alter table "building_assignment" drop column "address";`);

    this.addSql(
      `alter table "event_transition" add constraint "event_transition_action_check" check("action" in ('REGISTER', 'REJECT', 'DISPATCH', 'ESCALATE', 'ACCEPT', 'RETURN', 'START', 'SUSPEND', 'RESUME', 'REPORT_BACK', 'VERIFY', 'REOPEN', 'CLOSE'));`,
    );
  }
}

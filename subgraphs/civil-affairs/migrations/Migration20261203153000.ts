import { Migration } from '@mikro-orm/migrations';

const OLD_STATUSES = `'APPLIED', 'REVIEWING', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'REJECTED'`;
const STATUSES = `'APPLIED', 'REVIEWING', 'VERIFIED', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'TERMINATED', 'REJECTED'`;
const OLD_ACTIONS = `'APPLY', 'START_REVIEW', 'APPROVE', 'REJECT', 'START_PAYMENT', 'SUSPEND', 'RESUME', 'TERMINATE', 'REVIEW'`;
const ACTIONS = `'APPLY', 'START_REVIEW', 'VERIFY', 'APPROVE', 'REJECT', 'START_PAYMENT', 'SUSPEND', 'RESUME', 'TERMINATE', 'REVIEW'`;

const checks = (statuses: string, actions: string) => [
  `alter table "assistance_case" drop constraint if exists "assistance_case_status_check", add constraint "assistance_case_status_check" check ("status" in (${statuses}));`,
  `alter table "assistance_case_step" drop constraint if exists "assistance_case_step_action_check", add constraint "assistance_case_step_action_check" check ("action" in (${actions}));`,
  `alter table "assistance_case_step" drop constraint if exists "assistance_case_step_from_status_check", add constraint "assistance_case_step_from_status_check" check ("from_status" in (${statuses}));`,
  `alter table "assistance_case_step" drop constraint if exists "assistance_case_step_to_status_check", add constraint "assistance_case_step_to_status_check" check ("to_status" in (${statuses}));`,
];

const openIndexes = (undecided: string) => [
  `drop index if exists "assistance_case_open_unique";`,
  `create unique index "assistance_case_open_unique" on "assistance_case" ("resident_id", "program") where "status" in (${undecided}) or ("program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY') and "status" in ('APPROVED', 'ACTIVE', 'SUSPENDED'));`,
  `drop index if exists "assistance_case_household_open_unique";`,
  `create unique index "assistance_case_household_open_unique" on "assistance_case" ("household_id", "program") where "household_id" is not null and "program" in ('MINIMUM_LIVING', 'EXTREME_POVERTY') and "status" in (${undecided}, 'APPROVED', 'ACTIVE', 'SUSPENDED');`,
];

/**
 * Four eyes: an application is reviewed (审核, VERIFY → VERIFIED) between its investigation and its approval; a
 * VERIFIED case is still open, so the one-open-case indexes count it.
 */
export class Migration20261203153000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of [...checks(STATUSES, ACTIONS), ...openIndexes(`'APPLIED', 'REVIEWING', 'VERIFIED'`)])
      this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of [...checks(OLD_STATUSES, OLD_ACTIONS), ...openIndexes(`'APPLIED', 'REVIEWING'`)])
      this.addSql(sql);
  }
}

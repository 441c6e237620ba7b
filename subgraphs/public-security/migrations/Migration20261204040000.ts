import { CorrectionRequestMigration } from '../../../lib/corrections/migration';

const ACTIONS_BEFORE = `'INCIDENT_RECORDED', 'INCIDENT_DISPATCHED', 'INCIDENT_HANDLED', 'INCIDENT_CLOSED', 'RENTAL_REGISTERED', 'PERMIT_ISSUED', 'PERMIT_RENEWED', 'PERMIT_CANCELLED', 'SUPERVISION_STARTED', 'SUPERVISION_ENDED', 'POLICE_ASSIGNED', 'POLICE_UNASSIGNED', 'TENANCY_REGISTERED', 'COLLECTION_VERIFIED', 'COLLECTION_REJECTED'`;
const ACTIONS = `${ACTIONS_BEFORE}, 'TENANCY_ENDED'`;

/**
 * Residents' correction requests (申请更正, issue 23): the table every department that takes corrections has; and a
 * tenancy's end (退租) is a row of its rental's history now, as an accepted correction of it is.
 */
export class Migration20261204040000 extends CorrectionRequestMigration {
  override async up(): Promise<void> {
    await super.up();
    this.addSql(`alter table "change_history" drop constraint if exists "change_history_action_check";`);
    this.addSql(
      `alter table "change_history" add constraint "change_history_action_check" check ("action" in (${ACTIONS}));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "change_history" where "action" = 'TENANCY_ENDED';`);
    this.addSql(`alter table "change_history" drop constraint if exists "change_history_action_check";`);
    this.addSql(
      `alter table "change_history" add constraint "change_history_action_check" check ("action" in (${ACTIONS_BEFORE}));`,
    );
    await super.down();
  }
}

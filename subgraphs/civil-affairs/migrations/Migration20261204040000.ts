import { CorrectionRequestMigration } from '../../../lib/corrections/migration';

/** Residents' correction requests (申请更正, issue 23): the table every department that takes corrections has. */
export class Migration20261204040000 extends CorrectionRequestMigration {}

/**
 * Corrections (申请更正, PIPL art. 46), written once: a department declares the facts of a person it lets the person
 * correct (declaration.ts) and gets its fields from createCorrectionResolver; the table is correction_request
 * (entity.ts, migration.ts); the due date is in working days (due.ts); one workflow (workflow.ts).
 */
export type { CorrectableFact, CorrectionDeclaration, FactCall } from './declaration';
export { correctionDueOn, correctionOverdue } from './due';
export { CorrectionRecord } from './entity';
export { CorrectionRequestMigration } from './migration';
export { correctionFields, departmentNamed, RESIDENT_CORRECTION_FIELDS } from './names';
export { createCorrectionResolver } from './resolver';
export { CORRECTION_WORKFLOW } from './workflow';

import { Collect } from '../../lib/auth/collect';

/**
 * Civil affairs' collection rules (一次采集, lib/auth/collect.ts): grid staff file applications on a resident's
 * behalf (代办) and civil affairs decides them; what civil affairs decides is never collected.
 */

/** An application filed on a resident's behalf: filed at once, decided as any other. */
export const FiledAtOnce = () =>
  Collect({
    collect: 'DIRECT',
    note: 'an application on a resident’s behalf (代办), with their consent, is filed at once (SUBMITTED / APPLIED) and decided by civil affairs’ own steps as any other: filing decides nothing, so there is nothing to verify first',
  });

/** Decisions, payments, amounts and assessments. */
export const DecidedByCivilAffairs = (what: string) =>
  Collect({
    collect: 'NONE',
    note: `${what}: decided by civil affairs’ officials under the law (investigation, review, approval), never by who collects`,
  });

import type { PersonalDataOptions } from './rules';
import type { AuditCollector, DataSubjects } from '../audit/collector';

/**
 * Whose personal data a record holds, for its audit rows: the record type's own `subjects` declaration
 * (@PersonalData), else the resident a `Resident` is, else the record's `residentId` (a case, a permit, an allowance).
 */
export function dataSubjectsOf(
  typeName: string,
  options: PersonalDataOptions | undefined,
  record: unknown,
  ctx: { audit: AuditCollector },
): DataSubjects {
  if (!record || typeof record !== 'object') return undefined;
  return ctx.audit.subjectsOf(record, () => {
    if (options?.subjects) return options.subjects(record, ctx);
    const r = record as { id?: unknown; residentId?: unknown };
    if (typeName === 'Resident' && typeof r.id === 'string') return [r.id];
    if (typeof r.residentId === 'string') return [r.residentId];
    return [];
  });
}

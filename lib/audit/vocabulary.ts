/**
 * How a department's audit rows are told to the resident they are about (the access report, PIPL art. 44–45): each
 * record type and each group of its fields in words an ordinary person understands, Chinese first. A field the table
 * does not name is told as its record type's `other` group, so a new field is never left out of a report.
 */
export interface RecordWords {
  /** the record, e.g. '低保等救助 (social assistance)' */
  record: string;
  /** field → its group's words, e.g. { idNumber: '身份证号 (ID number)' } */
  fields?: Record<string, string>;
  /** the words for any field not in `fields` (default '其他信息 (other details)') */
  other?: string;
}

export interface AccessVocabulary {
  /** record type → its words */
  records: Record<string, RecordWords>;
  /**
   * what the law withholds from the person themselves (PIPL art. 18, 35: key-person supervision, incident parties),
   * for everyone alike: whole record types, and fields of other record types (`Resident.keyPerson`)
   */
  withheld: { recordTypes: string[]; fields: string[] };
}

export const OTHER_DETAILS = '其他信息 (other details)';

/** One audit row's record type and fields as the words of the report: the record, then its field groups. */
export function describeRead(
  vocabulary: AccessVocabulary,
  recordType: string,
  fields: readonly string[],
): { record: string; fields: string[] } {
  const words = vocabulary.records[recordType];
  const withheld = new Set(vocabulary.withheld.fields);
  const groups = new Set<string>();
  for (const noted of fields) {
    // a change notes its detail after the field (`collected.visit=…`): the field is what the person is told
    const field = noted.split(/[.=]/)[0];
    // the record's key only names the record, which `record` already says
    if (field === 'id' || withheld.has(`${recordType}.${field}`)) continue;
    groups.add(words?.fields?.[field] ?? words?.other ?? OTHER_DETAILS);
  }
  return { record: words?.record ?? recordType, fields: [...groups].sort() };
}

/** Who asks, as every audit row records it (a forwarded identity has all of it). */
export interface AuditedCaller {
  subject: string;
  /** the regions the caller's scope names (their unit), told to the resident instead of their name */
  scope?: readonly string[];
  department: string;
  role: string;
  purpose: string | null;
  requestId: string;
  operationName: string | null;
}

/** One row of a department's audit_log, as the collector writes it. */
export type AuditRow = Record<string, unknown>;

/** Where a request's rows go when it ends (the department's group commit: lib/db/audit-writer.ts). */
export interface AuditSink {
  /** false: nothing written, the request's once-only identity `use` was used already */
  write(rows: AuditRow[], use?: { id: string; expiresAtMs: number }): Promise<boolean>;
}

/** The residents a record's data is about (its data subjects), known at once or after a look-up (a household's members). */
export type DataSubjects = readonly string[] | Promise<readonly string[]> | undefined;

type Outcome = 'ALLOWED' | 'DENIED' | 'FAILED';
type Kind = 'READ' | 'WRITE';

interface Group {
  kind: Kind;
  recordType: string;
  outcome: Outcome;
  ids: Set<string>;
  fields: Set<string>;
  subjects: Set<string>;
  /** look-ups still running; a household's members are one promise, noted once however many fields were read */
  pending: Set<Promise<readonly string[]>>;
}

/** A resident record is about the resident it is: its ids are its subjects wherever a row is noted without them. */
const SELF_SUBJECT_TYPES = new Set(['Resident']);

/**
 * Gathers, during one request, which personal records' fields were read or changed; written as one row per
 * (kind, record type, outcome) when the response is sent, so the log grows per request, not per field. Each row names
 * the caller (the actor) and the residents whose data the records hold (the data subjects, `data_subjects`).
 */
export class AuditCollector {
  private groups = new Map<string, Group>();
  private taken: Group[] = [];
  private subjectsByRecord = new WeakMap<object, DataSubjects>();
  /** the group noted last: a page notes one field after another of the same type */
  private last: Group | undefined;

  constructor(private readonly identity: AuditedCaller) {}

  note(
    kind: Kind,
    recordType: string,
    ids: string | string[] | undefined,
    field: string,
    outcome: Outcome = 'ALLOWED',
    subjects?: DataSubjects,
  ): void {
    const group = this.groupOf(kind, recordType, outcome);
    if (typeof ids === 'string') group.ids.add(ids);
    else if (ids) for (const id of ids) group.ids.add(id);
    group.fields.add(field);
    if (subjects === undefined && SELF_SUBJECT_TYPES.has(recordType))
      subjects = typeof ids === 'string' ? [ids] : (ids ?? []);
    if (Array.isArray(subjects)) for (const s of subjects) group.subjects.add(s);
    else if (subjects) group.pending.add(subjects as Promise<readonly string[]>);
  }

  /** The group of (kind, record type, outcome), the last one tried first without making a key. */
  private groupOf(kind: Kind, recordType: string, outcome: Outcome): Group {
    const last = this.last;
    if (last && last.recordType === recordType && last.kind === kind && last.outcome === outcome) return last;
    const key = `${kind}|${recordType}|${outcome}`;
    let group = this.groups.get(key);
    if (!group)
      this.groups.set(
        key,
        (group = {
          kind,
          recordType,
          outcome,
          ids: new Set(),
          fields: new Set(),
          subjects: new Set(),
          pending: new Set(),
        }),
      );
    this.last = group;
    return group;
  }

  /**
   * The record's data subjects, worked out once per record object in the request (every field of a household read
   * names the same members, looked up once).
   */
  subjectsOf(record: object, find: () => DataSubjects): DataSubjects {
    if (this.subjectsByRecord.has(record)) return this.subjectsByRecord.get(record);
    let found = find();
    if (found && !Array.isArray(found)) {
      // kept until the rows are taken; a failure surfaces there (no row without its subjects), not as an unhandled one
      const promise = found as Promise<readonly string[]>;
      promise.catch(() => undefined);
      found = promise;
    }
    this.subjectsByRecord.set(record, found);
    return found;
  }

  /**
   * Hands over the rows gathered so far and forgets them (a change writes them inside its own transaction);
   * `restore` gives them back when that transaction did not commit, so the attempt is still logged at the end.
   */
  async take(): Promise<AuditRow[]> {
    const { subject, scope, department, role, purpose, requestId, operationName } = this.identity;
    const groups = [...this.groups.values()];
    this.taken = groups;
    this.groups.clear();
    this.last = undefined;
    for (const g of groups) {
      for (const found of await Promise.all(g.pending)) for (const s of found) g.subjects.add(s);
      g.pending = new Set();
    }
    return groups.map((g) => ({
      request_id: requestId,
      actor: subject,
      actor_units: scope ?? [],
      department,
      role,
      operation: operationName,
      kind: g.kind,
      record_type: g.recordType,
      record_ids: [...g.ids],
      data_subjects: [...g.subjects].sort(),
      fields: [...g.fields].sort(),
      purpose,
      outcome: g.outcome,
    }));
  }

  restore(): void {
    for (const g of this.taken)
      for (const field of g.fields) this.note(g.kind, g.recordType, [...g.ids], field, g.outcome, [...g.subjects]);
    this.taken = [];
  }
}

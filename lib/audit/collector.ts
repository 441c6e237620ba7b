/** Who asks, as every audit row records it (a forwarded identity has all of it). */
export interface AuditedCaller {
  subject: string;
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
  write(rows: AuditRow[]): Promise<void>;
}

type Outcome = 'ALLOWED' | 'DENIED' | 'FAILED';
type Kind = 'READ' | 'WRITE';

interface Group {
  kind: Kind;
  recordType: string;
  outcome: Outcome;
  ids: Set<string>;
  fields: Set<string>;
}

/**
 * Gathers, during one request, which personal records' fields were read or changed; written as one row per
 * (kind, record type, outcome) when the response is sent, so the log grows per request, not per field.
 */
export class AuditCollector {
  private groups = new Map<string, Group>();
  private taken: Group[] = [];

  constructor(private readonly identity: AuditedCaller) {}

  note(
    kind: Kind,
    recordType: string,
    ids: string | string[] | undefined,
    field: string,
    outcome: Outcome = 'ALLOWED',
  ): void {
    const key = `${kind}|${recordType}|${outcome}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { kind, recordType, outcome, ids: new Set(), fields: new Set() }));
    for (const id of typeof ids === 'string' ? [ids] : (ids ?? [])) group.ids.add(id);
    group.fields.add(field);
  }

  get isEmpty(): boolean {
    return this.groups.size === 0;
  }

  /** The request's rows, resolved once they are committed (with other requests' rows). */
  async flush(writer: AuditSink): Promise<void> {
    if (this.isEmpty) return;
    await writer.write(this.take());
  }

  /**
   * Hands over the rows gathered so far and forgets them (a change writes them inside its own transaction);
   * `restore` gives them back when that transaction did not commit, so the attempt is still logged at the end.
   */
  take(): AuditRow[] {
    const { subject, department, role, purpose, requestId, operationName } = this.identity;
    const rows = [...this.groups.values()].map((g) => ({
      request_id: requestId,
      subject,
      department,
      role,
      operation: operationName,
      kind: g.kind,
      record_type: g.recordType,
      record_ids: [...g.ids],
      fields: [...g.fields].sort(),
      purpose,
      outcome: g.outcome,
    }));
    this.taken = [...this.groups.values()];
    this.groups.clear();
    return rows;
  }

  restore(): void {
    for (const g of this.taken)
      for (const field of g.fields) this.note(g.kind, g.recordType, [...g.ids], field, g.outcome);
    this.taken = [];
  }
}

import type { Knex } from '@mikro-orm/knex';
import type { AuditRow, AuditSink } from '../audit/collector';
import { auditBatches, auditRows, auditWriteDuration } from '../metrics';
import { preparedQuery, type Runner } from './prepared';

interface Waiting {
  rows: AuditRow[];
  written: () => void;
  failed: (error: unknown) => void;
}

/** The most rows one INSERT carries. */
const MAX_ROWS_PER_INSERT = 2000;

const COLUMNS =
  'request_id, actor, actor_units, department, role, operation, kind, record_type, record_ids, data_subjects, fields, purpose, outcome';
/** the lists a row may leave out are empty, not null */
const VALUES = COLUMNS.replace(/(actor_units|data_subjects)/g, "coalesce($1, '{}')");
/** any number of rows as one JSON parameter, so one prepared statement serves every batch */
const INSERT = `insert into audit_log (${COLUMNS}) select ${VALUES} from json_populate_recordset(null::audit_log, $1::json)`;

/**
 * Group commit for the audit log. A request's rows are written before its answer is sent, as before; what changes is
 * that requests arriving while a write is under way do not each start their own: they wait for it and go together in
 * the next INSERT, one statement and one commit for all of them. A request alone is written at once (no time window,
 * so no added latency), and each request is released only when the INSERT holding its rows has committed.
 *
 * If a shared INSERT fails, each request's rows are written again on their own, so one request's bad row never
 * costs another request its answer; a request whose own rows cannot be written gets the error.
 */
export class AuditWriter implements AuditSink {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly knex: Knex) {}

  write(rows: AuditRow[]): Promise<void> {
    if (!rows.length) return Promise.resolve();
    const end = auditWriteDuration.startTimer();
    return new Promise((written, failed) => {
      this.waiting.push({ rows, written: () => (end(), written()), failed });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.takeBatch();
      try {
        await this.insert(batch.flatMap((w) => w.rows));
        for (const w of batch) w.written();
      } catch (error) {
        if (batch.length === 1) batch[0].failed(error);
        else await Promise.all(batch.map((w) => this.insert(w.rows).then(w.written, w.failed)));
      }
    }
    this.writing = false;
  }

  private takeBatch(): Waiting[] {
    let rows = 0;
    let n = 0;
    while (n < this.waiting.length && (n === 0 || rows + this.waiting[n].rows.length <= MAX_ROWS_PER_INSERT))
      rows += this.waiting[n++].rows.length;
    return this.waiting.splice(0, n);
  }

  private insert(rows: AuditRow[]): Promise<void> {
    return insertAuditRows(this.knex, rows);
  }
}

/** Writes rows in one statement on `runner`: a change's rows go on its own transaction's connection and commit with it. */
export async function insertAuditRows(runner: Runner, rows: AuditRow[]): Promise<void> {
  if (!rows.length) return;
  await preparedQuery(runner, 'hub_audit_log_insert', INSERT, [JSON.stringify(rows)]);
  auditBatches.inc();
  auditRows.inc(rows.length);
}

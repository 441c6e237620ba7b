import type { Knex } from '@mikro-orm/knex';
import type { AuditRow, AuditSink } from '../audit/collector';
import { auditBatches, auditRows, auditWriteDuration } from '../metrics';
import { preparedQuery, type Runner } from './prepared';
import { type FirstUse, REPLAY_TABLE } from './replay-table';

interface Waiting {
  rows: AuditRow[];
  /** the request's once-only identity, claimed in the same statement as its rows */
  use?: FirstUse;
  /** true: the rows are committed; false: the identity was used already, and nothing was written */
  written: (fresh: boolean) => void;
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
 * The same, and the once-only ids of the requests the rows belong to claimed in the replay guard (lib/auth/forwarded.ts):
 * $2 and $3 the ids and until when they are kept, $4 each row's id (null: nothing to claim). A row whose id was used
 * already is not written; the ids claimed now are returned. One statement and one commit for both.
 */
const INSERT_CLAIMING = `with fresh as (
  insert into "${REPLAY_TABLE}" ("id", "expires_at") select * from unnest($2::text[], $3::timestamptz[])
  on conflict ("id") do nothing returning "id"
), written as (
  insert into audit_log (${COLUMNS}) select ${VALUES}
  from json_populate_recordset(null::audit_log, $1::json) with ordinality as r
  join unnest($4::text[]) with ordinality as u(use_id, n) on u.n = r.ordinality
  where u.use_id is null or u.use_id in (select "id" from fresh)
)
select "id" from fresh`;

/**
 * Group commit for the audit log. A request's rows are written before its answer is sent, as before; what changes is
 * that requests arriving while a write is under way do not each start their own: they wait for it and go together in
 * the next INSERT, one statement and one commit for all of them. A request alone is written at once (no time window,
 * so no added latency), and each request is released only when the INSERT holding its rows has committed.
 *
 * A request that brings its forwarded identity's once-only id has it claimed in the same statement: its rows are
 * written only if the id was not used before, and it is told which (lib/server/subgraph.ts refuses the answer then).
 *
 * If a shared INSERT fails, each request's rows are written again on their own, so one request's bad row never
 * costs another request its answer; a request whose own rows cannot be written gets the error.
 */
export class AuditWriter implements AuditSink {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly knex: Knex) {}

  /** Resolves true once the rows are committed, false (nothing written) when `use` names an id used already. */
  write(rows: AuditRow[], use?: FirstUse): Promise<boolean> {
    if (!rows.length) return Promise.resolve(true);
    const end = auditWriteDuration.startTimer();
    return new Promise((written, failed) => {
      this.waiting.push({ rows, use, written: (fresh) => (end(), written(fresh)), failed });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.takeBatch();
      try {
        const fresh = await this.insert(batch);
        for (const w of batch) w.written(!w.use || fresh.has(w.use.id));
      } catch (error) {
        if (batch.length === 1) batch[0].failed(error);
        else
          await Promise.all(
            batch.map((w) => this.insert([w]).then((fresh) => w.written(!w.use || fresh.has(w.use.id)), w.failed)),
          );
      }
    }
    this.writing = false;
  }

  /** The next requests, up to the row limit; an id offered twice ends the batch, so the second offer meets the first. */
  private takeBatch(): Waiting[] {
    let rows = 0;
    let n = 0;
    const ids = new Set<string>();
    while (n < this.waiting.length) {
      const next = this.waiting[n];
      if (n > 0 && (rows + next.rows.length > MAX_ROWS_PER_INSERT || (next.use && ids.has(next.use.id)))) break;
      if (next.use) ids.add(next.use.id);
      rows += next.rows.length;
      n++;
    }
    return this.waiting.splice(0, n);
  }

  /** Writes the requests' rows and claims their ids; returns the ids claimed now. */
  private async insert(batch: Waiting[]): Promise<Set<string>> {
    const uses = batch.flatMap((w) => (w.use ? [w.use] : []));
    if (!uses.length) {
      await insertAuditRows(
        this.knex,
        batch.flatMap((w) => w.rows),
      );
      return new Set();
    }
    const found = await preparedQuery(this.knex, 'hub_audit_log_insert_claiming', INSERT_CLAIMING, [
      JSON.stringify(batch.flatMap((w) => w.rows)),
      uses.map((u) => u.id),
      uses.map((u) => new Date(u.expiresAtMs)),
      batch.flatMap((w) => w.rows.map(() => w.use?.id ?? null)),
    ]);
    counted(batch.reduce((sum, w) => sum + w.rows.length, 0));
    return new Set(found.map((row) => String(row.id)));
  }
}

/** Writes rows in one statement on `runner`: a change's rows go on its own transaction's connection and commit with it. */
export async function insertAuditRows(runner: Runner, rows: AuditRow[]): Promise<void> {
  if (!rows.length) return;
  await preparedQuery(runner, 'hub_audit_log_insert', INSERT, [JSON.stringify(rows)]);
  counted(rows.length);
}

function counted(rows: number): void {
  auditBatches.inc();
  auditRows.inc(rows);
}

/**
 * Acknowledged against persisted, for the soak: rows are counted in each owning department's database (as its owner,
 * with SQL) before and after, and every id the hub acknowledged is looked for. A write that answered an error but was
 * saved shows as more new rows than acknowledgements; one that answered an id but was lost, as an id not found.
 */
import { Client } from 'pg';
import type { Acknowledged, Refused } from './soak';

/** One kind of record: how many the hub acknowledged, how many new rows there are, how many acknowledged ids were found. */
export interface Persisted {
  record: string;
  department: string;
  acknowledged: number;
  persisted: number;
  /** acknowledged ids found in the database (null where a change has no id of its own) */
  found: number | null;
  equal: boolean;
}

interface Count {
  record: string;
  department: string;
  /** a number that grows by one per acknowledged write ($1: the residents the registrars change) */
  sql: string;
  acknowledged: (a: Acknowledged) => number;
  /** how many of the acknowledged ids are there, as they should be */
  found?: { sql: string; ids: (a: Acknowledged) => string[] };
}

/** A kind of record that is one row of `table` per acknowledged id (`where`: only the rows in that state). */
function rowsOf(
  record: string,
  department: string,
  table: string,
  ids: (a: Acknowledged) => string[],
  where?: string,
): Count {
  const inState = where ? ` where ${where}` : '';
  return {
    record,
    department,
    sql: `select count(*) from ${table}${inState}`,
    acknowledged: (a) => ids(a).length,
    found: { sql: `select count(*) from ${table}${where ? `${inState} and` : ' where'} id = any($1)`, ids },
  };
}

const COUNTS: Count[] = [
  rowsOf('events (reports, bursts, visits that raise one)', 'grid', 'event', (a) => a.events),
  {
    record: 'event timeline entries (a report, then each move)',
    department: 'grid',
    sql: 'select count(*) from event_transition',
    acknowledged: (a) => a.events.length + a.transitions,
  },
  rowsOf('visits', 'grid', 'visit', (a) => a.visits),
  rowsOf('service applications', 'civil-affairs', 'service_application', (a) => a.applications),
  rowsOf('tenancies registered', 'public-security', 'rental_tenancy', (a) => a.tenancies),
  rowsOf('tenancies ended', 'public-security', 'rental_tenancy', (a) => a.endedTenancies, 'moved_out_on is not null'),
  {
    record: 'resident updates (versions of the residents changed)',
    department: 'population',
    sql: 'select coalesce(sum(version), 0) from resident where id = any($1)',
    acknowledged: (a) => a.residentUpdates,
  },
];

async function query(url: string, sql: string, params: unknown[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return Number(Object.values(rows[0])[0]);
  } finally {
    await client.end();
  }
}

export type Snapshot = number[];

export async function snapshot(ownerUrls: Record<string, string>, editable: string[]): Promise<Snapshot> {
  const values: number[] = [];
  for (const c of COUNTS)
    values.push(await query(ownerUrls[c.department], c.sql, c.sql.includes('$1') ? [editable] : []));
  return values;
}

export async function persisted(
  ownerUrls: Record<string, string>,
  editable: string[],
  before: Snapshot,
  acknowledged: Acknowledged,
): Promise<Persisted[]> {
  const after = await snapshot(ownerUrls, editable);
  const rows: Persisted[] = [];
  for (const [i, c] of COUNTS.entries()) {
    const ack = c.acknowledged(acknowledged);
    const found = c.found ? await query(ownerUrls[c.department], c.found.sql, [c.found.ids(acknowledged)]) : null;
    const saved = after[i] - before[i];
    rows.push({
      record: c.record,
      department: c.department,
      acknowledged: ack,
      persisted: saved,
      found,
      equal: saved === ack && (found === null || found === ack),
    });
  }
  return rows;
}

/** Creates that answered an error and were saved all the same, by operation and code (issue 18: never). */
export interface SavedDespiteError {
  operation: string;
  code: string;
  count: number;
}

/** Where a key a create was made under is kept: every department's idempotency_key table, and grid's reports on the event itself. */
const KEYS_SQL: Record<string, string> = {
  grid: 'select key from idempotency_key where key = any($1) union select idempotency_key from event where idempotency_key = any($1)',
};

export async function savedDespiteError(
  ownerUrls: Record<string, string>,
  refused: Refused[],
): Promise<SavedDespiteError[]> {
  const saved = new Set<string>();
  for (const department of new Set(refused.map((r) => r.department))) {
    const keys = refused.filter((r) => r.department === department).map((r) => r.key);
    const client = new Client({ connectionString: ownerUrls[department] });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string }>(
        KEYS_SQL[department] ?? 'select key from idempotency_key where key = any($1)',
        [keys],
      );
      for (const row of rows) saved.add(row.key);
    } finally {
      await client.end();
    }
  }
  const counts = new Map<string, SavedDespiteError>();
  for (const r of refused.filter((r) => saved.has(r.key))) {
    const at = `${r.operation} ${r.code}`;
    counts.set(at, { operation: r.operation, code: r.code, count: (counts.get(at)?.count ?? 0) + 1 });
  }
  return [...counts.values()];
}

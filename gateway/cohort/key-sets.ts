import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { keysFromBytes, keysToBytes } from '../../lib/cohort/keys';
import { throttledLog } from '../../lib/observability/log-throttle';

/**
 * A cohort's whole answer, kept for its later pages (docs/cohort.md, "Paging to the end"): every later page of the same
 * question by the same caller reads its rows here instead of asking every department again. Kept for KEPT_FOR_MS from
 * the second page's question; an expired or missing set costs a later page nothing but the search it always cost.
 */
export const KEPT_FOR_MS = 10 * 60_000;

/** One row of a cohort's answer: a resident, or a household with those of its members who match. */
export interface KeptRow {
  id: string;
  members?: string[];
}

export interface KeptSlice {
  /** the number of rows in the whole set */
  total: number;
  rows: KeptRow[];
}

export interface KeySetStore {
  /** Keeps `rows` for `owner` (a digest of the caller and the question); its id, or undefined when it could not be kept. */
  keep(owner: Buffer, rows: KeptRow[]): Promise<string | undefined>;
  /** Rows `from` … `from + count - 1` of the set `id`, if it is still kept and it is `owner`'s. */
  read(id: string, owner: Buffer, from: number, count: number): Promise<KeptSlice | undefined>;
  close(): Promise<void>;
}

/**
 * A set packed as three byte strings, so a page is read as three slices at known offsets: the rows' keys (16 bytes
 * each); for households, where each row's members end (a 4-byte count, cumulative) and the members' keys.
 */
interface Packed {
  total: number;
  keys: Buffer;
  ends: Buffer | null;
  members: Buffer | null;
}

function pack(rows: KeptRow[]): Packed {
  const keys = keysToBytes(rows.map((r) => r.id));
  if (!rows.some((r) => r.members)) return { total: rows.length, keys, ends: null, members: null };
  const ends = Buffer.allocUnsafe(rows.length * 4);
  let end = 0;
  rows.forEach((r, i) => {
    end += r.members?.length ?? 0;
    ends.writeUInt32BE(end, i * 4);
  });
  return { total: rows.length, keys, ends, members: keysToBytes(rows.flatMap((r) => r.members ?? [])) };
}

/** Byte ranges (start, length) of rows `from` … `from + count - 1` in `keys` and, with the end before them, in `ends`. */
const keysRange = (from: number, count: number) => [from * 16, count * 16] as const;
const endsRange = (from: number, count: number) =>
  [Math.max(from - 1, 0) * 4, (count + Math.min(from, 1)) * 4] as const;

/** The members' range of a slice of `ends` read with endsRange. */
function membersRange(from: number, ends: Buffer): readonly [number, number] {
  if (ends.length === 0) return [0, 0];
  const first = from === 0 ? 0 : ends.readUInt32BE(0);
  return [first * 16, (ends.readUInt32BE(ends.length - 4) - first) * 16];
}

function unpack(from: number, keys: Buffer, ends: Buffer | null, members: Buffer | null): KeptRow[] {
  const ids = keysFromBytes(keys);
  if (!ends || !members) return ids.map((id) => ({ id }));
  const memberIds = keysFromBytes(members);
  const rowEnds = Array.from({ length: ends.length / 4 }, (_, i) => ends.readUInt32BE(i * 4));
  const [base, ...own] = from === 0 ? [0, ...rowEnds] : rowEnds;
  let start = 0;
  return ids.map((id, i) => {
    const end = own[i] - base;
    const row = { id, members: memberIds.slice(start, end) };
    start = end;
    return row;
  });
}

/** Where `from` and `count` fall inside a set of `total` rows (nothing past its end). */
const clamp = (total: number, from: number, count: number) => Math.max(0, Math.min(count, total - from));

/** In this process's memory: for a gateway that is the only one (GATEWAY_DATABASE_URL not set), and for tests. */
export class MemoryKeySets implements KeySetStore {
  private readonly sets = new Map<string, Packed & { owner: Buffer; until: number }>();
  private bytes = 0;

  /** `maxBytes`: the oldest sets are forgotten first beyond it */
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  async keep(owner: Buffer, rows: KeptRow[]): Promise<string | undefined> {
    const packed = pack(rows);
    const size = sizeOf(packed);
    if (size > this.maxBytes) return undefined;
    this.forget(Date.now(), size);
    const id = randomUUID();
    this.sets.set(id, { ...packed, owner, until: Date.now() + KEPT_FOR_MS });
    this.bytes += size;
    return id;
  }

  async read(id: string, owner: Buffer, from: number, count: number): Promise<KeptSlice | undefined> {
    const set = this.sets.get(id);
    if (!set || set.until < Date.now() || !set.owner.equals(owner)) return undefined;
    const n = clamp(set.total, from, count);
    const bytesOf = (buffer: Buffer, [start, length]: readonly [number, number]) =>
      buffer.subarray(start, start + length);
    const ends = set.ends && bytesOf(set.ends, endsRange(from, n));
    const members = set.members && ends && bytesOf(set.members, membersRange(from, ends));
    return { total: set.total, rows: unpack(from, bytesOf(set.keys, keysRange(from, n)), ends, members) };
  }

  /** Forgets the expired sets, then the oldest until `room` more bytes fit. */
  private forget(now: number, room: number) {
    for (const [id, set] of this.sets)
      if (set.until < now || this.bytes + room > this.maxBytes) {
        this.sets.delete(id);
        this.bytes -= sizeOf(set);
      }
  }

  async close(): Promise<void> {
    this.sets.clear();
  }
}

const sizeOf = (p: Packed) => p.keys.length + (p.ends?.length ?? 0) + (p.members?.length ?? 0);

const TABLE = 'hub_cohort_key_sets';
/**
 * UNLOGGED like the replay ids: a set lives minutes, and one lost in a crash is searched again. Its byte strings are
 * stored uncompressed (STORAGE EXTERNAL), so a page reads only the slices it needs, not the whole set.
 */
const DDL = [
  `create unlogged table if not exists "${TABLE}" (
    "id" uuid primary key,
    "owner" bytea not null,
    "total" integer not null,
    "keys" bytea not null,
    "ends" bytea,
    "members" bytea,
    "expires_at" timestamptz not null)`,
  `alter table "${TABLE}" alter column "keys" set storage external, alter column "ends" set storage external,
    alter column "members" set storage external`,
  `create index if not exists "${TABLE}_expires_at_index" on "${TABLE}" ("expires_at")`,
];
const KEEP = `insert into "${TABLE}" ("id", "owner", "total", "keys", "ends", "members", "expires_at")
  values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`;
// substring counts from 1
const SLICES = `select "total", substring("keys" from $3::int + 1 for $4::int) as "keys",
    substring("ends" from $5::int + 1 for $6::int) as "ends"
  from "${TABLE}" where "id" = $1 and "owner" = $2 and "expires_at" > now()`;
const MEMBERS = `select substring("members" from $2::int + 1 for $3::int) as "members" from "${TABLE}" where "id" = $1`;
const PRUNE = `delete from "${TABLE}" where "expires_at" < now()`;
const PRUNE_EVERY_MS = 60_000;

const logTrouble = throttledLog(10_000);

/** In the gateway's database, so that a later page finds its set through any gateway replica. */
export class PostgresKeySets implements KeySetStore {
  private readonly pruning: NodeJS.Timeout;

  constructor(private readonly pool: Pool) {
    this.pruning = setInterval(() => void pool.query(PRUNE).catch(() => undefined), PRUNE_EVERY_MS).unref();
  }

  async createTable(): Promise<this> {
    for (const statement of DDL) await this.pool.query(statement);
    return this;
  }

  async keep(owner: Buffer, rows: KeptRow[]): Promise<string | undefined> {
    const { total, keys, ends, members } = pack(rows);
    const id = randomUUID();
    try {
      await this.pool.query({
        name: 'hub_cohort_keep',
        text: KEEP,
        values: [id, owner, total, keys, ends, members, KEPT_FOR_MS / 1000],
      });
      return id;
    } catch (error) {
      // the page is answered all the same; its next page searches again
      logTrouble('keep', `[gateway] a cohort could not be kept for its later pages: ${(error as Error).message}`);
      return undefined;
    }
  }

  async read(id: string, owner: Buffer, from: number, count: number): Promise<KeptSlice | undefined> {
    try {
      // the total is needed to clamp the slices: a count past the end reads nothing more, so it is safe to ask as is
      const { rows } = await this.pool.query<{ total: number; keys: Buffer; ends: Buffer | null }>({
        name: 'hub_cohort_slices',
        text: SLICES,
        values: [id, owner, ...keysRange(from, count), ...endsRange(from, count)],
      });
      const [set] = rows;
      if (!set) return undefined;
      const n = clamp(set.total, from, count);
      const keys = set.keys.subarray(0, n * 16);
      const ends = set.ends?.subarray(0, endsRange(from, n)[1]) ?? null;
      let members: Buffer | null = null;
      if (ends) {
        const { rows: found } = await this.pool.query<{ members: Buffer }>({
          name: 'hub_cohort_members',
          text: MEMBERS,
          values: [id, ...membersRange(from, ends)],
        });
        members = found[0]?.members ?? Buffer.alloc(0);
      }
      return { total: set.total, rows: unpack(from, keys, ends, members) };
    } catch (error) {
      logTrouble('read', `[gateway] a kept cohort could not be read, searching again: ${(error as Error).message}`);
      return undefined;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pruning);
  }
}

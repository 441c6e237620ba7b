import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { idNumberHash, loadIdNumberKey } from '../../lib/auth/id-number-key';
import { log } from '../../lib/observability/log';

/**
 * A resident signs in by ID number (docs/resident-view.md#signing-in): the gateway sends only the number's keyed hash,
 * which population keeps beside the number (resident.id_number_hash, index) and matches. The key is HUB_ID_NUMBER_KEY;
 * without it no hash is kept and sign-in by ID number finds no one (a register id still signs in).
 */
let key: Buffer | undefined | null = null;
const idNumberKey = () => (key === null ? (key = loadIdNumberKey()) : key);

/** The hash of a resident's number, for the entity's onCreate/onUpdate: every write of id_number keeps it current. */
export const keptIdNumberHash = (resident: { idNumber: string }): string | null => {
  const given = idNumberKey();
  return given && resident.idNumber ? idNumberHash(given, resident.idNumber) : null;
};

const BATCH = 10_000;
/** rows hashed by one SQL statement; a register up to this size is done before the subgraph listens */
const SQL_BATCH = 50_000;

/**
 * HMAC-SHA256 (RFC 2104) of a canonical ID number computed by PostgreSQL's own sha256(): the key's inner and outer pads
 * are made here and bound as bytea, so the key never appears in the statement and a million rows take seconds, not a
 * round trip per batch of hashes. Only numbers already as idNumberHash writes them (17 digits and a digit or X): for
 * those, its trim and upper-casing change nothing, so both give the same hash; the rest go through JavaScript.
 */
const FILL_CANONICAL = `update resident r
    set id_number_hash = encode(sha256(?::bytea || sha256(?::bytea || convert_to(r.id_number, 'UTF8'))), 'hex')
  where r.id in (select id from resident where id_number_hash is null and id_number ~ '^[0-9]{17}[0-9X]$' limit ?)`;

function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash('sha256').update(key).digest() : key).copy(block);
  return { inner: block.map((b) => b ^ 0x36) as Buffer, outer: block.map((b) => b ^ 0x5c) as Buffer };
}

/**
 * At start: the hash of every number that has none yet (rows written before the column, or by the seed's COPY);
 * idempotent, so replicas starting together only repeat each other's work. The first SQL_BATCH rows are hashed before
 * the subgraph listens; a larger register (a district seeded at a million) goes on in the background, so the subgraph
 * starts at once and a resident not reached yet cannot sign in by ID number for the minute it takes (by register id,
 * they can).
 */
export async function fillIdNumberHashes(orm: MikroORM): Promise<void> {
  const given = idNumberKey();
  if (!given) {
    log.warn('HUB_ID_NUMBER_KEY is not set: residents cannot sign in by ID number (docs/resident-view.md)');
    return;
  }
  const connection = orm.em.getConnection();
  const { inner, outer } = hmacPads(given);
  const canonicalBatch = async () =>
    ((await connection.execute(FILL_CANONICAL, [outer, inner, SQL_BATCH], 'run')) as { affectedRows: number })
      .affectedRows;
  const first = await canonicalBatch();
  if (first < SQL_BATCH) {
    await fillTheRest(orm, given, first);
    return;
  }
  log.info('keeping the keyed hash of ID numbers in the background (a large register)');
  void (async () => {
    let filled = first;
    for (let done = first; done === SQL_BATCH; filled += done) done = await canonicalBatch();
    await fillTheRest(orm, given, filled);
  })().catch((error: unknown) =>
    log.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'the keyed hash of ID numbers stopped',
    ),
  );
}

/** The numbers not written canonically, hashed here as idNumberHash hashes them. */
async function fillTheRest(orm: MikroORM, given: Buffer, before: number): Promise<void> {
  const connection = orm.em.getConnection();
  let filled = before;
  for (;;) {
    const rows: { id: string; id_number: string }[] = await connection.execute(
      'select id, id_number from resident where id_number_hash is null limit ?',
      [BATCH],
    );
    if (!rows.length) break;
    const hashes = rows.map((r) => ({ id: r.id, h: idNumberHash(given, r.id_number) }));
    await connection.execute(
      `update resident r set id_number_hash = v.h from json_to_recordset(?::json) as v(id uuid, h text) where r.id = v.id`,
      [JSON.stringify(hashes)],
    );
    filled += rows.length;
  }
  if (filled) log.info({ filled }, 'kept the keyed hash of ID numbers');
}

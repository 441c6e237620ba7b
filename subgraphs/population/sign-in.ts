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

/**
 * At start: the hash of every number that has none yet (rows written before the column, or by the seed's COPY), in
 * batches; idempotent, so replicas starting together only repeat each other's work.
 */
export async function fillIdNumberHashes(orm: MikroORM): Promise<void> {
  const given = idNumberKey();
  if (!given) {
    log.warn('HUB_ID_NUMBER_KEY is not set: residents cannot sign in by ID number (docs/resident-view.md)');
    return;
  }
  const connection = orm.em.getConnection();
  let filled = 0;
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

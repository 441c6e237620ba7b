import { Client } from 'pg';
import { settings } from '../lib/config/settings';
import { connectionFailure } from '../lib/db/connection-failure';

/** A word as a POSIX shell reads it back unchanged. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/**
 * The command that mints a development token for the whole district, as `TOKEN=$(…)` captures it (no npm banner).
 * A hub whose HUB_DATA_DIR is not the default names it, so the token script finds that hub's secret.
 */
/** `npm run token` with these arguments, naming the data folder when it is not the default (the token needs its keys). */
const tokenWith = (args: string, dataDir = settings({}).HUB_DATA_DIR) =>
  `${dataDir === settings({}).HUB_DATA_DIR ? '' : `HUB_DATA_DIR=${shellWord(dataDir)} `}npm run --silent token -- ${args}`;

export const tokenCommand = (districtId: string, dataDir?: string) =>
  tokenWith(`--department GRID --role GRID_LEADER --scope ${districtId}`, dataDir);

/**
 * The district's region id, read from grid's own database as its owner (who can always read its tables), or why it
 * could not be found. Tries a few times: the first connections after a start over kept data can be refused while
 * PostgreSQL finishes its recovery.
 */
export async function findDistrict(gridOwnerUrl: string, attempts = 5): Promise<{ id: string } | { reason: string }> {
  let reason = 'unknown';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const client = new Client({ connectionString: gridOwnerUrl, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ id: string }>(
        "select id from region where level = 'DISTRICT' order by code limit 1",
      );
      if (rows[0]) return { id: rows[0].id };
      return { reason: 'grid has no district in its region tree yet (load one with `npm run seed`)' };
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
  return { reason: `grid's database did not answer: ${reason}` };
}

/**
 * The ids among `ids` that are no region of grid's tree, or why grid's database could not say (npm run token refuses
 * a scope that would make every answer empty).
 */
export async function unknownRegions(
  gridUrl: string,
  ids: string[],
): Promise<{ unknown: string[] } | { reason: string }> {
  const client = new Client({ connectionString: gridUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ id: string }>('select id::text as id from region where id::text = any($1)', [
      ids,
    ]);
    const known = new Set(rows.map((r) => r.id));
    return { unknown: ids.filter((id) => !known.has(id)) };
  } catch (error) {
    return { reason: connectionFailure(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The lines `npm start` ends with: how to get a token, or why it cannot say. */
export function tokenHint(district: { id: string } | { reason: string }, dataDir?: string): string {
  if ('id' in district) {
    return `\nA development token for the whole district (docs/security.md has the roles):\n  TOKEN=$(${tokenCommand(district.id, dataDir)})\nA resident’s own token (docs/resident-view.md): TOKEN=$(${tokenWith('--resident <resident id>', dataDir)})`;
  }
  return `\nNo token command to print: ${district.reason}.\n  Once a district is loaded: ${tokenCommand('<district region id>', dataDir)}`;
}

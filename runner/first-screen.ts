import { Client } from 'pg';

/** The command that mints a development token for the whole district, as `TOKEN=$(…)` captures it (no npm banner). */
export const tokenCommand = (districtId: string) =>
  `npm run --silent token -- --department GRID --role GRID_LEADER --scope ${districtId}`;

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

/** The lines `npm start` ends with: how to get a token, or why it cannot say. */
export function tokenHint(district: { id: string } | { reason: string }): string {
  if ('id' in district) {
    return `\nA development token for the whole district (docs/security.md has the roles):\n  TOKEN=$(${tokenCommand(district.id)})\nA resident’s own token (docs/resident-view.md): TOKEN=$(npm run --silent token -- --resident <resident id>)`;
  }
  return `\nNo token command to print: ${district.reason}.\n  Once a district is loaded: ${tokenCommand('<district region id>')}`;
}

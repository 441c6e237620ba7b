import { GraphQLError } from 'graphql';
import { badInput, ErrorCode, notFound } from '../../../lib/errors';
import type { GridContext } from '../loaders';

/** The longest address text looked up, and how many candidates an ambiguous one names. */
const MAX_ADDRESS = 100;
const MAX_CANDIDATES = 10;

/**
 * Address text as compared: NFKC (full-width digits and letters become ASCII, the ideographic space a space), then
 * every space removed. The stored addresses are compared the same way, in SQL (`normalize(…, NFKC)`).
 */
export const normalizeAddress = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/** `like` pattern matching the text anywhere, its wildcards taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface AddressMatch {
  /** the building, when the text matched exactly one */
  buildingId: string | null;
  gridId: string;
}

/**
 * The grid of the buildings whose door-plate address (building_assignment.address) contains the text. One grid: its
 * card (with the building's, if the text named one building). No building: NOT_FOUND, the same answer as an unknown
 * grid id. Buildings in several grids: BAD_USER_INPUT naming some of the addresses (public, on the notice), so the
 * resident can give more of theirs.
 */
export async function gridOfAddress(ctx: GridContext, address: string): Promise<AddressMatch> {
  const text = normalizeAddress(address);
  if (!text)
    throw badInput('address must not be empty: give the street and house number, e.g. 建设路1号院3号楼', 'address');
  if (text.length > MAX_ADDRESS) throw badInput(`address is longer than ${MAX_ADDRESS} characters`, 'address');
  const rows: { building_id: string; address: string; grid_id: string; grid_name: string }[] = await ctx.em.execute(
    `select a.building_id, a.address, g.id as grid_id, g.name as grid_name
       from building_assignment a join region m on m.id = a.micro_grid_id join region g on g.id = m.parent_id
      where regexp_replace(normalize(a.address, NFKC), '\\s', '', 'g') like ?
      order by a.address, a.building_id`,
    [containing(text)],
  );
  if (!rows.length) throw notFound('address', text);
  const grids = [...new Set(rows.map((r) => r.grid_id))];
  if (grids.length > 1) {
    const candidates = grids
      .slice(0, MAX_CANDIDATES)
      .map((g) => rows.find((r) => r.grid_id === g)!)
      .map((r) => ({ address: r.address, gridName: r.grid_name }));
    throw new GraphQLError(
      `"${text}" matches buildings in ${grids.length} grids, e.g. ${candidates.map((c) => c.address).join('、')}: give more of the address (the house and building number)`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'address', candidates } },
    );
  }
  return { buildingId: rows.length === 1 ? rows[0].building_id : null, gridId: grids[0] };
}

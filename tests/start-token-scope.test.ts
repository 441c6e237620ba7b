import { randomUUID } from 'node:crypto';
import { tokenFor } from './support/callers';
import { FRESH_CONNECTION, graphql } from './support/hub';

/** What the gateway answers a grid leader whose token names `scope`. */
async function residentsWith(scope: string[]) {
  const token = await tokenFor({ department: 'GRID', role: 'GRID_LEADER', scope });
  return graphql(
    '{ residents(first: 1) { totalCount } }',
    {},
    { headers: { authorization: `Bearer ${token}`, ...FRESH_CONNECTION } },
  );
}

describe('a token whose scope covers nothing is refused at the gateway, not answered with totalCount 0', () => {
  it('refuses a token minted without a scope, saying it names no region', async () => {
    expect(await residentsWith([])).toEqual({
      status: 401,
      errors: [
        {
          message:
            'your token has no data scope: it names no region whose records you may see; mint one with a scope (npm run token -- … --scope <regionId>)',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('refuses a token whose regions grid does not have, naming them', async () => {
    const unknown = [randomUUID(), randomUUID()];
    expect(await residentsWith(unknown)).toEqual({
      status: 401,
      errors: [
        {
          message: `your token's data scope covers nothing: grid's region tree has none of its regions (${unknown.join(', ')}), or they hold no buildings; mint one with a region that exists (npm run token -- … --scope <regionId>)`,
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });
});

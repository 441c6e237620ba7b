import { as, districtId, gridLeader } from './support/callers';
import { FRESH_CONNECTION, type GraphQLResponse, hub, sqlStatementsDuring } from './support/hub';

const leader = as(gridLeader);

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(hub().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...FRESH_CONNECTION, ...headers },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

describe('operation limits at the gateway', () => {
  it('refuses a 20-level deep query', async () => {
    const deep = `query Deep($id: ID!) { region(id: $id) { ${'parent { '.repeat(19)}id${' }'.repeat(19)} } }`;
    const res = await leader.graphql(deep, { id: districtId() });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/depth limit of 12 exceeded/i),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
  });

  it('refuses a query with 500 aliases', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: region(id: $id) { name }`).join(' ');
    const res = await leader.graphql(`query Many($id: ID!) { ${aliases} }`, { id: districtId() });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/aliases limit of 30 exceeded/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses an operation of more than 20,000 tokens as a client error', async () => {
    const res = await leader.graphql(`{ ${'a '.repeat(20_001)} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/contains more th\w+ 20000 tokens/) /* graphql-js writes 'more that' */,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('refuses a 10 MB body with a GraphQL error, not an HTML page', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(10 * 1024 * 1024) } });
    const res = await post(body);
    expect(res).toEqual({
      status: 413,
      body: {
        errors: [
          {
            message: expect.stringMatching(/over the limit of 102400 bytes/),
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      },
    });
  });

  it('refuses first: 100000 before any department is asked', async () => {
    const res = await leader.graphql('{ residents(first: 100000) { totalCount } }');
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'first must be at most 100; got 100000',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('refuses an operation whose lists multiply past the cost limit', async () => {
    const costly = `query Costly($id: ID!) { region(id: $id) { children { children { children { staff { regions { staff { name } } } } } } } }`;
    const res = await leader.graphql(costly, { id: districtId() });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/estimated cost \d+ is over the limit of 50000/),
      extensions: { code: 'OPERATION_TOO_COSTLY' },
    });
  });

  describe('personal records in one answer', () => {
    const tooMany = (records: number) => ({
      status: 400,
      errors: [
        {
          message: `the answer could hold about ${records} personal records (residents, households, cases…), over the limit of 5000: ask for fewer items per page (first) or fewer nested lists, and page through the rest with after`,
          extensions: { code: 'TOO_MANY_PERSONAL_RECORDS', personalRecords: records, maxPersonalRecords: 5000 },
        },
      ],
    });

    it('refuses every resident of the district in one request, before any department is asked', async () => {
      await leader.data('{ __typename }'); // the caller's scope is resolved (and cached) once
      const everyone =
        '{ regions(level: GRID, first: 100) { nodes { buildings(first: 100) { nodes { households { members { name idNumber } } } } } } }';
      let res: GraphQLResponse | undefined;
      const statements = await sqlStatementsDuring(async () => (res = await leader.graphql(everyone)));
      // 100 grids × 100 buildings × 30 households (Building.households' declared size) × (1 + 3 members)
      expect(res).toEqual(tooMany(1_200_000));
      expect(Object.values(statements)).toEqual([0, 0, 0, 0]);
    });

    it('has no list left that answers the whole district unpaged', async () => {
      const res = await leader.graphql('{ regions(level: GRID) { buildings { households { members { name } } } } }');
      expect(res.status).toBe(400);
      expect(res.errors?.[0]).toMatchObject({
        message: 'Cannot query field "buildings" on type "RegionConnection".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    });

    it('counts a page of buildings by its size, and the households and members in each by their declared sizes', async () => {
      const page = (first: number) =>
        `query($id: ID!) { region(id: $id) { buildings(first: ${first}) { nodes { households { room members { name assistance { program } } } } } } }`;
      // 17 × 30 × (1 + 3 × (1 + 1)) = 3,570 fits; 25 × 210 = 5,250 does not
      expect(await leader.graphql(page(25), { id: districtId() })).toEqual(tooMany(5250));
      const { region } = await leader.data(page(17), { id: districtId() });
      expect(region.buildings.nodes).toHaveLength(17);
    });
  });

  it('refuses a body that is not JSON, and batched requests', async () => {
    expect((await post('{"query": ')).status).toBe(400);
    const batch = await post(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(batch.status).toBe(400);
  });

  it('keeps serving ordinary requests after all of that', async () => {
    const { region } = await leader.data('query($id: ID!) { region(id: $id) { level } }', { id: districtId() });
    expect(region).toEqual({ level: 'DISTRICT' });
  });
});

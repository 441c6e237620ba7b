import { execute, smallGateway } from './support/small-gateway';

/**
 * The gateway's refusals before any department is asked (gateway/limits.ts, gateway/cost.ts, gateway/aliases.ts), on
 * a small schema of the gateway's shape with small limits: depth 6, aliases 5, 200 tokens, pages of at most 100,
 * 500 personal records, cost 2000.
 */
const server = smallGateway();
beforeAll(() => server.start());
afterAll(() => server.stop());

const refusal = (status: number, message: string, extensions: Record<string, unknown>, more = {}) => ({
  status,
  errors: [{ message, ...more, extensions }],
});
const at = (line: number, column: number) => ({ locations: [{ line, column }] });

describe('operation limits (graphql-armor and the parser)', () => {
  it('refuses a query deeper than the limit, counting every level', async () => {
    const deep = `{ region(id: "g1") { ${'parent { '.repeat(7)}id${' }'.repeat(7)} } }`;
    expect(await execute(server, deep)).toEqual(
      refusal(400, 'Syntax Error: Query depth limit of 6 exceeded, found 9.', { code: 'GRAPHQL_VALIDATION_FAILED' }),
    );
  });

  it('answers a query at the depth limit', async () => {
    const atLimit = `{ region(id: "g1") { ${'parent { '.repeat(4)}id${' }'.repeat(4)} } }`;
    expect(await execute(server, atLimit)).toEqual({ status: 200, data: { region: { parent: null } } });
  });

  it('refuses one alias more than the limit', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: region(id: "g1") { name }`).join(' ');
    expect(await execute(server, `{ ${aliases} }`)).toEqual(
      refusal(400, 'Syntax Error: Aliases limit of 5 exceeded, found 6.', { code: 'GRAPHQL_VALIDATION_FAILED' }),
    );
  });

  it('refuses a document of more tokens than the limit while parsing it', async () => {
    expect(await execute(server, `{ ${'a '.repeat(201)} }`)).toEqual(
      refusal(
        400,
        'Syntax Error: Document contains more that 200 tokens. Parsing aborted.',
        { code: 'GRAPHQL_PARSE_FAILED' },
        at(1, 401),
      ),
    );
  });
});

describe('the cost limits (gateway/cost.ts)', () => {
  it('refuses a page larger than the maximum page size, naming the argument', async () => {
    expect(await execute(server, '{ residents(first: 101) { totalCount } }')).toEqual(
      refusal(400, 'first must be at most 100; got 101', { code: 'BAD_USER_INPUT', field: 'first' }),
    );
  });

  it('counts personal records through pages and declared list sizes: 100 × (resident + household + 8 members)', async () => {
    const query = '{ residents(first: 100) { nodes { household { members { name } } } } }';
    expect(await execute(server, query)).toEqual(
      refusal(
        400,
        'the answer could hold about 1000 personal records (residents, households, cases…), over the limit of 500: ask for fewer items per page (first) or fewer nested lists, and page through the rest with after',
        { code: 'TOO_MANY_PERSONAL_RECORDS', personalRecords: 1000, maxPersonalRecords: 500 },
      ),
    );
  });

  it('lets the same shape through with a smaller page: 50 × 10 = 500 records', async () => {
    const query = '{ residents(first: 50) { nodes { household { members { name } } } } }';
    expect(await execute(server, query)).toEqual({
      status: 200,
      data: { residents: { nodes: [{ household: { members: [] } }] } },
    });
  });

  it('refuses an operation whose nested lists multiply past the cost limit: 1 + 1 + 10 × (1 + 10 × (1 + 5 × (1 + 3)))', async () => {
    const query = '{ region(id: "g1") { children { children { staff { regions { name } } } } } }';
    expect(await execute(server, query)).toEqual(
      refusal(
        400,
        "the operation's estimated cost 2112 is over the limit of 2000: ask for fewer items per page or fewer nested lists",
        { code: 'OPERATION_TOO_COSTLY', cost: 2112, maxCost: 2000 },
      ),
    );
  });

  it('estimates one document anew for each set of variables, and the same again when it is sent again', async () => {
    const query = 'query($n: Int) { residents(first: $n) { nodes { household { members { name } } } } }';
    const tooMany = refusal(
      400,
      'the answer could hold about 600 personal records (residents, households, cases…), over the limit of 500: ask for fewer items per page (first) or fewer nested lists, and page through the rest with after',
      { code: 'TOO_MANY_PERSONAL_RECORDS', personalRecords: 600, maxPersonalRecords: 500 },
    );
    const answered = { status: 200, data: { residents: { nodes: [{ household: { members: [] } }] } } };
    const sent = [];
    for (const n of [50, 60, 50, 60, 101]) sent.push(await execute(server, query, { n }));
    expect(sent).toEqual([
      answered,
      tooMany,
      answered,
      tooMany,
      refusal(400, 'first must be at most 100; got 101', { code: 'BAD_USER_INPUT', field: 'first' }),
    ]);
  });

  it('counts what @include leaves out by its variable, and checks every variable’s type on every request', async () => {
    const query =
      'query($n: Int, $deep: Boolean!, $s: Sex) { residents(first: $n, sex: $s) { nodes { household @include(if: $deep) { members { name } } } } }';
    const sent = [];
    for (const variables of [
      { n: 60, deep: false, s: 'MALE' },
      { n: 60, deep: true, s: 'MALE' },
      { n: 60, deep: false, s: 'FEMAL' },
    ])
      sent.push(await execute(server, query, variables));
    expect(sent).toEqual([
      { status: 200, data: { residents: { nodes: [{}] } } },
      refusal(
        400,
        'the answer could hold about 600 personal records (residents, households, cases…), over the limit of 500: ask for fewer items per page (first) or fewer nested lists, and page through the rest with after',
        { code: 'TOO_MANY_PERSONAL_RECORDS', personalRecords: 600, maxPersonalRecords: 500 },
      ),
      refusal(400, 'Variable "$s" got invalid value "FEMAL"; Value "FEMAL" does not exist in "Sex" enum.', {
        code: 'BAD_USER_INPUT',
      }),
    ]);
  });

  it('reads page sizes from variables, and refuses variables that do not fit their types as the client’s error', async () => {
    const query = 'query($n: Int, $s: Sex) { residents(first: $n, sex: $s) { totalCount } }';
    expect(await execute(server, query, { n: 101 })).toEqual(
      refusal(400, 'first must be at most 100; got 101', { code: 'BAD_USER_INPUT', field: 'first' }),
    );
    expect(await execute(server, query, { n: 1, s: 'FEMAL' })).toEqual(
      refusal(400, 'Variable "$s" got invalid value "FEMAL"; Value "FEMAL" does not exist in "Sex" enum.', {
        code: 'BAD_USER_INPUT',
      }),
    );
  });
});

describe('aliases that take the name of another field (gateway/aliases.ts)', () => {
  const aliasRefusal = (alias: string, reason: string, column: number) =>
    refusal(
      400,
      `the alias "${alias}" for Resident.name is refused: ${reason}; choose an alias that is not a field name of Resident`,
      { code: 'GRAPHQL_VALIDATION_FAILED' },
      at(1, column),
    );

  it.each([
    ['a key', '{ resident(id: "r1") { id: name } }', aliasRefusal('id', 'Resident has a field of that name', 24)],
    [
      'another field',
      '{ resident(id: "r1") { age: name } }',
      aliasRefusal('age', 'Resident has a field of that name', 24),
    ],
    [
      'a reserved name',
      '{ resident(id: "r1") { __x: name } }',
      aliasRefusal('__x', 'an alias may not start with "__"', 24),
    ],
  ])('refuses %s', async (_what, query, answer) => {
    expect(await execute(server, query)).toEqual(answer);
  });

  it('keeps ordinary aliases and a field aliased to its own name', async () => {
    expect(await execute(server, '{ resident(id: "r1") { a: name name: name } }')).toEqual({
      status: 200,
      data: { resident: { a: '张三', name: '张三' } },
    });
  });
});

import { randomUUID } from 'node:crypto';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import { idNumberCheckChar } from '../../lib/codes/id-number';
import { Client } from 'pg';
import { FRESH_CONNECTION, hub } from './hub';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same thousands of requests on every run. */
export class Dice {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** 18-digit ID numbers of the right shape that are wrong: a bad check character, or a birth date that never was. */
function badIdNumbers(): string[] {
  const first17 = ['11010119800101123', '44030619991231456', '31011520000229789'];
  const wrongCheck = first17.map((f) => f + (idNumberCheckChar(f) === '0' ? '1' : '0'));
  const impossibleDay = ['11010119800230123', '11010120261301123', '11010100000000123'].map(
    (f) => f + idNumberCheckChar(f),
  );
  return [...wrongCheck, ...impossibleDay, '11010119800101123x', '１１０１０１１９８００１０１１２３４'];
}

const SQL = [
  "'",
  "''",
  '"',
  "' OR '1'='1",
  "'; DROP TABLE resident; --",
  "1' UNION SELECT null,version()--",
  '%',
  '_%',
  '\\',
  "\\'",
  '$1',
  '$$',
  "E'\\x00'",
  '::text',
  '/*',
  '*/',
  ';',
  'pg_sleep(5)',
];
const ODD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '😀',
  '👨‍👩‍👧‍👦'.repeat(20),
  '\u202eevil',
  '\ufeff',
  'ｆｕｌｌｗｉｄｔｈ',
  '\n\r\t\v\f',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose: a template placeholder sent as text
  '${process.env}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x7fffffff',
  'true',
];
const DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '1899-12-31',
  '9999-12-31',
  '275760-09-13',
  '2026-2-3',
  '20261101',
  '2026-11-31',
  'T',
  '2026-02-29T25:61:61Z',
  '-001000-01-01',
];
const STRINGS = [...SQL, ...ODD, ...DATES, ...badIdNumbers()];
// biome-ignore lint/correctness/noPrecisionLoss: hostile input on purpose: a number past what a double holds exactly
const NUMBERS = [0, -1, 1.5, 2147483647, 2147483648, -2147483649, 9007199254740993, 1e308, -1e308, 5e-324, 101, 100000];
const DECIMALS = [
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '12.345678901234567890123',
  '1,000',
  '１２３',
  '99999999999999999999999999999',
  '-1',
  '0.001',
  ' 1 ',
];

/** Something huge of the given kind: the body limits, not the process, have to stop it. */
function huge(dice: Dice): string {
  return dice.pick([
    'x'.repeat(20_000),
    '中'.repeat(30_000),
    '😀'.repeat(10_000),
    "'".repeat(50_000),
    '\u0000'.repeat(5_000),
  ]);
}

export interface ValueOptions {
  /** ids that exist, to reach real records (queries only: a mutation's ids are always unknown, so it can write nothing) */
  knownIds: string[];
  /** the entity types of a subgraph (its @key types), for the representations of `_entities` */
  entityTypes?: string[];
}

/** A value for an input of `type` that is wrong in some way: of another type, out of range, malformed, odd or huge. */
export function badValue(type: GraphQLInputType, dice: Dice, options: ValueOptions, depth = 0): unknown {
  if (isNonNullType(type)) return dice.chance(0.08) ? null : badValue(type.ofType, dice, options, depth);
  if (isListType(type)) {
    const roll = dice.int(6);
    if (roll === 0) return [];
    if (roll === 1) return badValue(type.ofType, dice, options, depth + 1); // a single value where a list is expected
    if (roll === 2) return Array.from({ length: 500 }, () => badValue(type.ofType, dice, options, depth + 1));
    return Array.from({ length: 1 + dice.int(3) }, () => badValue(type.ofType, dice, options, depth + 1));
  }
  if (dice.chance(0.07)) return dice.pick<unknown>([{ nested: { deeper: 'x' } }, [1, 2], 42, 'text', true, '']);
  if (isInputObjectType(type)) {
    if (depth > 3) return {};
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || dice.chance(0.6))
        value[field.name] = badValue(field.type, dice, options, depth + 1);
    }
    if (dice.chance(0.1)) value.notAField = 'x';
    return value;
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return dice.pick<unknown>([...values, ...values, 'NOT_A_VALUE', values[0]?.toLowerCase(), `${values[0]} `, 0]);
  }
  return badScalar(type.name, dice, options);
}

function badScalar(name: string, dice: Dice, options: ValueOptions): unknown {
  if (dice.chance(0.03)) return huge(dice);
  switch (name) {
    case 'ID':
      return dice.pick<unknown>([
        dice.uuid(),
        dice.uuid().toUpperCase(),
        `${dice.uuid()}\u0000`,
        dice.uuid().replace(/-/g, ''),
        ...(options.knownIds.length ? [dice.pick(options.knownIds)] : []),
        dice.pick(STRINGS),
        12345,
      ]);
    case 'Int':
    case 'Float':
      return dice.pick<unknown>([...NUMBERS, '12', true]);
    case 'Boolean':
      return dice.pick<unknown>([true, false, 'true', 1, 0]);
    case 'LocalDate':
    case 'DateTimeISO':
    case 'DateTime':
      return dice.pick<unknown>([...DATES, `${dice.pick(DATES)}T00:00:00Z`, 0, 1e15, dice.pick(STRINGS)]);
    case 'Decimal':
      return dice.pick<unknown>([...DECIMALS, 0.1, 1e308]);
    case 'String':
      return dice.pick(STRINGS);
    case '_Any':
      // an entity representation: a type this subgraph resolves, or not, with a key that is wrong in some way
      return {
        __typename: dice.pick([
          ...(options.entityTypes ?? []),
          ...(options.entityTypes ?? []),
          'NoSuchType',
          'Query',
          '',
          '__Schema',
        ]),
        id: badScalar('ID', dice, options),
        ...(dice.chance(0.3)
          ? {
              household: dice.pick<unknown>([
                null,
                'x',
                { building: { id: dice.uuid(), communityCode: dice.pick(STRINGS) } },
              ]),
            }
          : {}),
      };
    default:
      return dice.pick<unknown>([dice.pick(STRINGS), dice.pick(NUMBERS), { __typename: dice.pick(STRINGS) }, null]);
  }
}

/** The leaf fields of a type without required arguments, and one level of the objects under it: what the fuzz asks for. */
function selection(type: GraphQLOutputType, dice: Dice, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = Object.values((named as GraphQLObjectType).getFields()).filter((f) =>
    f.args.every((a) => !isNonNullType(a.type)),
  );
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).slice(0, 12);
  const objects = depth < 1 ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
  const nested = objects.length ? [dice.pick(objects)] : [];
  const parts = [...leaves.map((f) => f.name), ...nested.map((f) => `${f.name} ${selection(f.type, dice, depth + 1)}`)];
  return `{ __typename ${parts.join(' ')} }`;
}

export interface FuzzOperation {
  /** `Query.resident`, `Mutation.registerResident` */
  field: string;
  body: { query: string; variables: Record<string, unknown> };
}

/** The types a subgraph resolves by key (`@key`), read from its SDL. */
export function entityTypes(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => type.astNode?.directives?.some((d) => d.name.value === 'key'))
    .map((type) => type.name);
}

/** A field is left out of what clients can reach when the supergraph marks it @inaccessible. */
const inaccessible = (field: GraphQLField<unknown, unknown>) =>
  !!field.astNode?.directives?.some((d) => d.name.value === 'inaccessible');

/** The root fields of `schema` a client can ask (`Query.*`, `Mutation.*`), each with its arguments. */
export function rootFields(
  schema: GraphQLSchema,
  options: { includeInaccessible: boolean },
): { root: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([root, type]) =>
    Object.values(type?.getFields() ?? {})
      .filter((field) => !field.name.startsWith('_') || field.name === '_entities')
      .filter((field) => options.includeInaccessible || !inaccessible(field))
      .map((field) => ({ root, field })),
  );
}

/** One request to `field` with wrong arguments: as variables (mostly) or written into the document. */
export function badOperation(
  root: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  dice: Dice,
  options: ValueOptions,
): FuzzOperation {
  const valueOptions = root === 'mutation' ? { knownIds: [] } : options;
  const inline = dice.chance(0.2);
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || dice.chance(0.7));
  const variables: Record<string, unknown> = {};
  const passed: string[] = [];
  const declared: string[] = [];
  for (const arg of args) {
    const value = badValue(arg.type, dice, valueOptions);
    if (inline) {
      passed.push(`${arg.name}: ${literal(value)}`);
    } else {
      // now and then a variable declared with another type than the argument's
      declared.push(`$${arg.name}: ${dice.chance(0.05) ? 'String' : String(arg.type)}`);
      passed.push(`${arg.name}: $${arg.name}`);
      variables[arg.name] = value;
    }
  }
  const header = declared.length ? `(${declared.join(', ')})` : '';
  const call = passed.length ? `${field.name}(${passed.join(', ')})` : field.name;
  return {
    field: `${root}.${field.name}`,
    body: { query: `${root} Fuzz${header} { ${call} ${selection(field.type, dice)} }`, variables },
  };
}

/** A GraphQL literal for a JSON-like value (strings as JSON strings: lone surrogates make it a parse error, as they should). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/** Requests that are broken before GraphQL: the body, the media type, the method, the envelope. */
export function brokenRequests(
  dice: Dice,
  count: number,
): { name: string; init: RequestInit & { method: string }; query?: string }[] {
  const json = 'application/json';
  const shapes: (() => { name: string; init: RequestInit & { method: string }; query?: string })[] = [
    () => ({
      name: 'truncated JSON',
      init: { method: 'POST', headers: { 'content-type': json }, body: '{"query": "{ __typename' },
    }),
    () => ({
      name: 'not JSON at all',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: dice.pick([
          '',
          'null',
          '[]',
          '"x"',
          '42',
          'query { __typename }',
          '\u0000\u0001',
          '{,}',
          "{'query': 1}",
          '{"query": "\\ud800"}',
        ]),
      },
    }),
    () => ({
      name: 'a JSON body that is deeply nested',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: `{"query": "{ __typename }", "variables": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
      },
    }),
    () => ({
      name: 'query of the wrong type',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: JSON.stringify({ query: dice.pick<unknown>([1, true, ['{ __typename }'], { q: 1 }, null]) }),
      },
    }),
    () => ({
      name: 'variables of the wrong type',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: JSON.stringify({ query: '{ __typename }', variables: dice.pick<unknown>(['x', 1, [1], true]) }),
      },
    }),
    () => ({
      name: 'extensions of the wrong type',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: JSON.stringify({
          query: '{ __typename }',
          extensions: dice.pick<unknown>([
            'x',
            { persistedQuery: 'x' },
            { persistedQuery: { version: 2, sha256Hash: 'abc' } },
            { persistedQuery: { version: 1, sha256Hash: "'; drop" } },
          ]),
        }),
      },
    }),
    () => ({
      name: 'operationName that is not in the document',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: JSON.stringify({
          query: 'query A { __typename } query B { __typename }',
          operationName: dice.pick<unknown>(['C', 1, null, '']),
        }),
      },
    }),
    () => ({
      name: 'a batch',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
      },
    }),
    () => ({
      name: 'another media type',
      init: {
        method: 'POST',
        headers: {
          'content-type': dice.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/graphql',
            'application/json; charset=latin1',
            'application/xml',
            'x/y',
          ]),
        },
        body: dice.pick(['{"query": "{ __typename }"}', 'query=%7B__typename%7D', '{ __typename }']),
      },
    }),
    () => ({ name: 'no media type', init: { method: 'POST', body: '{"query": "{ __typename }"}' } }),
    () => ({
      name: 'an Accept nobody serves',
      init: {
        method: 'POST',
        headers: {
          'content-type': json,
          accept: dice.pick(['text/html', 'image/png', 'application/xml;q=1, */*;q=0', 'garbage;;;']),
        },
        body: '{"query": "{ __typename }"}',
      },
    }),
    () => ({
      name: 'GET with odd parameters',
      init: { method: 'GET', headers: { accept: json, 'apollo-require-preflight': 'true' } },
      query: dice.pick([
        '?query=%7B',
        '?query=%7B__typename%7D&variables=%7B',
        '?query=mutation%7B__typename%7D',
        '?variables=[1]',
        '?query=' + encodeURIComponent('{ resident(id: "\' OR 1=1 --") { id } }'),
        '?query=%00',
      ]),
    }),
    () => ({
      name: 'another method',
      init: {
        method: dice.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']),
        headers: { 'content-type': json },
        body: '{"query": "{ __typename }"}',
      },
    }),
    () => ({
      name: 'a body over the limit',
      init: {
        method: 'POST',
        headers: { 'content-type': json },
        body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } }),
      },
    }),
    () => ({
      name: 'an odd request id',
      init: {
        method: 'POST',
        headers: {
          'content-type': json,
          'x-request-id': dice.pick(['', 'x', "' OR 1=1", 'a'.repeat(5000), '../../etc', randomUUID()]),
        },
        body: '{"query": "{ __typename }"}',
      },
    }),
  ];
  return Array.from({ length: count }, () => dice.pick(shapes)());
}

/** What must never leave a server: stack frames, file paths, SQL and its errors, names of library and runtime errors. */
const INTERNALS = [
  /\bat [\w$.<>]+ \(/,
  /\n\s+at /,
  /\/(work|home|root|usr|tmp|app)\//,
  /(127\.0\.0\.1|localhost):\d+/,
  /node_modules/,
  /\.[jt]s:\d+/,
  /\b(select|insert into|update|delete from) "/i,
  /"\w+"\."\w+"/,
  /syntax error at or near|invalid input syntax|violates \w+ (key )?constraint|duplicate key value|relation "|column "/i,
  /\b(QueryFailedError|DriverException|DriverError|ValidationError: |TypeError|ReferenceError|RangeError|SyntaxError: |UniqueConstraintViolation|NotNullConstraintViolation|ForeignKeyConstraintViolation|KnexTimeoutError|MikroORM|knex|ECONNREFUSED|ECONNRESET|EPIPE)\b/,
  /Cannot read propert|is not a function|undefined is not|Maximum call stack/,
];

export interface Answer {
  request: string;
  status: number;
  text: string;
}

/** Why an answer is a defect (a 5xx, something internal in it, an internal error, not a GraphQL JSON body), or null when it is fine. */
export function defectOf(answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const leak = INTERNALS.find((pattern) => pattern.test(answer.text));
  if (leak) return `internal detail ${leak}`;
  // bad input is the client's to fix: answered as our own fault, it says nothing the client can act on
  if (answer.text.includes('"INTERNAL_SERVER_ERROR"')) return 'bad input answered as INTERNAL_SERVER_ERROR';
  if (answer.status === 405 || answer.status === 404) return null; // a method or path the server does not serve
  try {
    const body = JSON.parse(answer.text) as { errors?: unknown; data?: unknown };
    if (!('errors' in body) && !('data' in body)) return 'a JSON body that is not a GraphQL response';
  } catch {
    return 'a body that is not JSON';
  }
  return null;
}

/** Sends `requests` a few at a time and returns every answer (a request that gets no answer is a defect too). */
export async function sendAll(
  url: string,
  requests: { name: string; init: RequestInit; query?: string }[],
  concurrency = 4,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const { name, init, query } = requests[next++];
      const headers = { ...FRESH_CONNECTION, ...(init.headers as Record<string, string>) };
      try {
        const res = await fetch(url + (query ?? ''), { ...init, headers });
        answers.push({ request: name, status: res.status, text: await res.text() });
      } catch (error) {
        answers.push({ request: name, status: 599, text: `no answer: ${(error as Error).message}` });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

/** The defects among `answers`, each once per request kind and defect, with a piece of the answer. */
export function defects(answers: Answer[]): { request: string; defect: string; status: number; answer: string }[] {
  const seen = new Map<string, { request: string; defect: string; status: number; answer: string }>();
  for (const answer of answers) {
    const defect = defectOf(answer);
    if (!defect) continue;
    const key = `${answer.request} ${defect}`;
    if (!seen.has(key))
      seen.set(key, { request: answer.request, defect, status: answer.status, answer: answer.text.slice(0, 400) });
  }
  return [...seen.values()];
}

/** Rows of every table of every department but its audit log (read as the owner): what a fuzz must leave unchanged. */
export async function rowsOfEveryTable(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [department, url] of Object.entries(hub().ownerUrls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        // the audit log and its monthly partitions grow with every refusal: that is not a write of the request
        "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'audit\\_log%' and table_name not in ('mikro_orm_migrations', 'hub_replay_guard') order by table_name",
      );
      for (const { table_name } of rows) {
        const { rows: counted } = await client.query<{ n: string }>(`select count(*) as n from "${table_name}"`);
        counts[`${department}.${table_name}`] = Number(counted[0].n);
      }
    } finally {
      await client.end();
    }
  }
  return counts;
}

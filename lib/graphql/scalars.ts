import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLDateTimeISO, LocalDateResolver } from 'graphql-scalars';
import { formatInstant } from '../calendar';

/** Calendar date without time zone, `YYYY-MM-DD` (graphql-scalars' LocalDate). */
export const LocalDate = LocalDateResolver;

/**
 * Every timestamp of an answer (type-graphql's `Date`): graphql-scalars' DateTimeISO, read the same (any offset), but
 * written with the district's offset — `2026-12-01T05:00:00.000+08:00`, the same instant as `…T21:00:00.000Z` the day
 * before, and the day a reader in the district sees.
 */
export const DateTimeISO = new GraphQLScalarType<Date, string>({
  name: GraphQLDateTimeISO.name,
  description:
    'A date-time string with its offset from UTC, such as 2026-12-01T05:00:00.000+08:00 (RFC 3339 / ISO 8601). Answers give it in the district’s time zone (Asia/Shanghai unless configured otherwise); any offset is accepted in input.',
  specifiedByURL: GraphQLDateTimeISO.specifiedByURL,
  extensions: GraphQLDateTimeISO.extensions,
  serialize: (value) => formatInstant(new Date(GraphQLDateTimeISO.serialize(value) as string)),
  parseValue: (value) => GraphQLDateTimeISO.parseValue(value) as Date,
  parseLiteral: (ast, variables) => GraphQLDateTimeISO.parseLiteral(ast, variables) as Date,
});

const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

/**
 * Exact decimal number carried as a string (`"1280.50"`) so money never passes through a binary float.
 * Stored as PostgreSQL numeric.
 */
export const Decimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'Exact decimal number as a string, e.g. "1280.50" (money is never a float)',
  serialize(value) {
    return String(value);
  },
  parseValue(value) {
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new TypeError('Decimal must be a string like "1280.50"');
    const text = String(value);
    if (!DECIMAL.test(text))
      throw new TypeError(`"${text}" is not a decimal number like "1280.50" (up to 4 decimal places)`);
    return text;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT && ast.kind !== Kind.FLOAT)
      throw new TypeError('Decimal must be a string like "1280.50"');
    if (!DECIMAL.test(ast.value))
      throw new TypeError(`"${ast.value}" is not a decimal number like "1280.50" (up to 4 decimal places)`);
    return ast.value;
  },
});

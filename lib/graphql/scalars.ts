import { GraphQLScalarType, Kind } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';

/** Calendar date without time zone, `YYYY-MM-DD` (graphql-scalars' LocalDate). */
export const LocalDate = LocalDateResolver;

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

import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError(`Decimal must be a decimal number written as a string, e.g. "8635000"; got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return text;
}

/** Exact decimal numbers (money in kronor) travel as strings, so no float ever rounds them. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description:
    'Exact decimal number serialised as a string, e.g. "8635000" or "-2884369.00". Used for money in Swedish kronor (belopp i kr) so that no amount is rounded by floating point.',
  serialize: (value) => normaliseDecimal(parseDecimal(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING && ast.kind !== Kind.INT) {
      throw new GraphQLError('Decimal must be a string such as "8635000"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDecimal(ast.value);
  },
});

/** PostgreSQL returns numeric(16,2) as "8635000.00"; the API shows "8635000", keeping real öre ("12.50"). */
export function normaliseDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

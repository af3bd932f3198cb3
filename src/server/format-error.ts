import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { ValidationError } from 'class-validator';
import { ErrorCode } from '../common/errors';

function describeValidation(errors: ValidationError[]): Array<{ argument: string; problems: string[] }> {
  return errors.map((e) => ({ argument: e.property, problems: Object.values(e.constraints ?? {}) }));
}

/**
 * Every error a client sees has a stable extensions.code and a readable message; unexpected errors are
 * logged here and reach the client only as INTERNAL_SERVER_ERROR, never with a stack trace.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === ErrorCode.BAD_USER_INPUT && Array.isArray(formatted.extensions?.validationErrors)) {
    const arguments_ = describeValidation(formatted.extensions.validationErrors as ValidationError[]);
    return {
      ...formatted,
      message: `Invalid argument: ${arguments_.map((a) => `${a.argument}: ${a.problems.join('; ')}`).join(', ')}`,
      extensions: { code, arguments: arguments_ },
    };
  }
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  console.error('Unexpected error:', unwrapResolverError(error));
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

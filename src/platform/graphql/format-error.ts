import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ValidationError } from 'class-validator';
import { ErrorCode } from '../common/errors';
import { classifyDatabaseError } from '../db/errors';
import { LIMIT_CODES } from './limits';

/** Every failed constraint at its path: a nested input's at "members.0.municipalityCode", not as an empty "members". */
function describeValidation(errors: ValidationError[], prefix = ''): Array<{ argument: string; problems: string[] }> {
  return errors.flatMap((e) => {
    const argument = `${prefix}${e.property}`;
    const own = e.constraints ? [{ argument, problems: Object.values(e.constraints) }] : [];
    return [...own, ...describeValidation(e.children ?? [], `${argument}.`)];
  });
}

// graphql-js 16 spells it "more that".
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/** Extensions a client sees: never the HTTP hints Apollo reads from errors. */
function publicExtensions(extensions: Record<string, unknown> | undefined, code: string): Record<string, unknown> {
  const { http: _http, ...rest } = extensions ?? {};
  return { ...rest, code };
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
  // Apollo files limit rejections from validation rules under GRAPHQL_VALIDATION_FAILED: give back their own code.
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (original instanceof GraphQLError && LIMIT_CODES.has(String(original.extensions.code))) {
    return { ...formatted, extensions: publicExtensions(original.extensions, String(original.extensions.code)) };
  }
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
  if (tokens) {
    return { message: `The document has more than ${tokens[1]} tokens, the limit.`, extensions: { code: ErrorCode.TOO_MANY_TOKENS, limit: Number(tokens[1]) } };
  }
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions: publicExtensions(formatted.extensions, code) };
  // Apollo refuses some requests (a persisted query whose hash does not match) with a 4xx and no code.
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
  if (status && status >= 400 && status < 500) return { message: formatted.message, extensions: { code: ErrorCode.BAD_REQUEST } };
  const cause = unwrapResolverError(error);
  const known = classifyDatabaseError(cause);
  if (known) return { message: known.message, locations: formatted.locations, path: formatted.path, extensions: { ...known.extensions } };
  console.error('Unexpected error:', cause);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

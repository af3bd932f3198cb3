import { GraphQLError } from 'graphql';

/** Stable error codes clients can rely on (extensions.code); the README lists each with an example. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A request GraphQL-over-HTTP cannot take (no query, a persisted query's hash that does not match it). */
  BAD_REQUEST: 'BAD_REQUEST',
  UNKNOWN_MEASURE: 'UNKNOWN_MEASURE',
  UNKNOWN_FORBUND: 'UNKNOWN_FORBUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** The document is longer than the byte limit (before parsing). */
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  /** The document has more tokens than the parser accepts. */
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  /** The query's computed cost (list fields weighted by the rows they can return) is over the limit. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** The answer would be larger than the response cap. */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  /** The request ran past its deadline; its SQL was cancelled. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** HTTP 413: the request body is larger than allowed for this caller. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** HTTP 413: a report over the rows one importReport may carry (the CLI takes any size). */
  IMPORT_TOO_LARGE: 'IMPORT_TOO_LARGE',
  /** HTTP 413: an uploaded workbook over a limit (bytes inflated, compression ratio, parts, sheets, rows, columns, cells, characters of a cell). */
  WORKBOOK_TOO_LARGE: 'WORKBOOK_TOO_LARGE',
  /** HTTP 422: an uploaded workbook with macros (vbaProject.bin, a macro-enabled .xlsm, Excel 4 macro sheets). */
  WORKBOOK_MACROS: 'WORKBOOK_MACROS',
  /** HTTP 422: an uploaded workbook that links to other workbooks (xl/externalLinks). */
  WORKBOOK_EXTERNAL_LINK: 'WORKBOOK_EXTERNAL_LINK',
  /** HTTP 422: a formula cell saved without its computed value; the API never computes formulas. */
  WORKBOOK_FORMULA_WITHOUT_VALUE: 'WORKBOOK_FORMULA_WITHOUT_VALUE',
  /** HTTP 422: not a readable .xlsx workbook (not a zip, encrypted, an .xls or .xlsb, XML that is not well-formed). */
  WORKBOOK_INVALID: 'WORKBOOK_INVALID',
  /** HTTP 415: an upload in a format the route does not take; the message lists those it does. */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** HTTP 429, with Retry-After. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** HTTP 429, with Retry-After: heavy work (a costly query, a chart) found the heavy lane's queue full, or waited past its deadline. */
  SERVER_BUSY: 'SERVER_BUSY',
  /** HTTP 409: a write met a concurrent write to the same figures and could not be retried to completion; retrying succeeds. */
  WRITE_CONFLICT: 'WRITE_CONFLICT',
  /** HTTP 503, with Retry-After: the database cannot be reached; the API recovers by itself. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

export function unknownMeasure(code: string, valid: string[]): GraphQLError {
  return new GraphQLError(`Unknown measure "${code}". Valid measure codes: ${valid.join(', ')}`, {
    extensions: { code: ErrorCode.UNKNOWN_MEASURE, validMeasures: valid },
  });
}

export function unknownForbund(slug: string, valid: string[]): GraphQLError {
  return new GraphQLError(`Unknown förbund "${slug}". Valid förbund slugs: ${valid.join(', ')}`, {
    extensions: { code: ErrorCode.UNKNOWN_FORBUND, validForbund: valid },
  });
}

/** Input the database would refuse or a client got wrong: always BAD_USER_INPUT, never reaching SQL. */
export function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

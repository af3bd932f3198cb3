import { GraphQLError } from 'graphql';

/** Stable error codes clients can rely on (extensions.code). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNKNOWN_MEASURE: 'UNKNOWN_MEASURE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export function unknownMeasure(code: string, valid: string[]): GraphQLError {
  return new GraphQLError(`Unknown measure "${code}". Valid measure codes: ${valid.join(', ')}`, {
    extensions: { code: ErrorCode.UNKNOWN_MEASURE, validMeasures: valid },
  });
}

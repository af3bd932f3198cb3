import { FindOperator, IsNull, LessThanOrEqual, MoreThan, Or } from 'typeorm';

/**
 * The rows in force: the current version of every figure, or with asOf the version that was current at
 * that moment (valid_from ≤ asOf < valid_to).
 */
export function inForce(asOf: Date | null) {
  return asOf === null ? { validTo: IsNull() } : { validFrom: LessThanOrEqual(asOf), validTo: Or(IsNull(), MoreThan(asOf)) };
}

/** Rows created by that moment (förbund, documents): reference rows are never versioned, only added. */
export function createdBy(asOf: Date | null): { createdAt?: FindOperator<Date> } {
  return asOf === null ? {} : { createdAt: LessThanOrEqual(asOf) };
}

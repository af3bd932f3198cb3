import { ValueTransformer } from 'typeorm';

/** Counts, FTE and percentages (never money) are read as JS numbers; money stays a decimal string. */
export const numberColumn: ValueTransformer = {
  from: (value: string | null) => (value === null ? null : Number(value)),
  to: (value: number | string | null | undefined) => value,
};

import { ValidationError } from 'class-validator';
import { pathSegment } from '../../platform/common/text';

/** One problem in one seed or import file: which file, where in it (row and field), and why. */
export interface Problem {
  file: string;
  /** Where in the file: a JSON path such as "observations.3.value", or "row 5" in a CSV file. */
  path: string;
  reason: string;
}

/** How many problems (or warnings) are kept and reported; the rest are only counted. */
export const MAX_REPORTED_PROBLEMS = 1000;

/**
 * Problems found so far: the first MAX_REPORTED_PROBLEMS are kept, the rest counted, so a hostile file
 * with millions of bad cells costs a counter, not memory. Add one at a time or from an iterable, never
 * by spreading a large array into arguments (that overflows the stack).
 */
export class Problems {
  private readonly kept: Problem[] = [];
  private total = 0;

  push(problem: Problem): void {
    this.total++;
    if (this.kept.length < MAX_REPORTED_PROBLEMS) this.kept.push(problem);
  }

  addAll(problems: Iterable<Problem>): void {
    for (const p of problems) this.push(p);
  }

  get size(): number {
    return this.total;
  }

  /** The kept problems, and a last line saying how many more there were. */
  list(): Problem[] {
    const more = this.total - this.kept.length;
    return more > 0 ? [...this.kept, { file: '(all files)', path: '(more)', reason: `… and ${more} more` }] : [...this.kept];
  }

  /** Throws InputRejected listing the problems, if there are any; `what` says what was refused. */
  throwIfAny(what?: string): void {
    if (this.total) throw new InputRejected(this.list(), what);
  }
}

/** Files refused, with every problem found: seeds at start-up, reports from the CLI and the mutations alike. */
export class InputRejected extends Error {
  constructor(
    readonly problems: Problem[],
    what = 'Input rejected, nothing was written',
  ) {
    super(
      `${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}: ${p.path}: ${p.reason}`).join('\n'),
    );
    this.name = 'InputRejected';
  }
}

/** Where problems go: a plain array or a capped Problems list. */
export interface ProblemSink {
  push(problem: Problem): void;
}

export function flatten(errors: ValidationError[], file: string, prefix = ''): Problem[] {
  return errors.flatMap((e) => {
    // A field name comes from the writer: quoted short when it is not a plain name.
    const path = prefix ? `${prefix}.${pathSegment(e.property)}` : pathSegment(e.property);
    // One problem per field: a field that breaks several rules gets them in one reason.
    const { whitelistValidation, ...constraints } = e.constraints ?? {};
    const reasons = [...(whitelistValidation ? ['unknown field'] : []), ...Object.values(constraints)];
    const own = reasons.length ? [{ file, path, reason: reasons.join('; ') }] : [];
    return [...own, ...flatten(e.children ?? [], file, path)];
  });
}

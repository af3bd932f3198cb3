import { ErrorCode } from '../../../platform/common/errors';

/** The codes a workbook is refused with, before any of its cells is read as a report. */
export type WorkbookCode =
  | typeof ErrorCode.WORKBOOK_TOO_LARGE
  | typeof ErrorCode.WORKBOOK_MACROS
  | typeof ErrorCode.WORKBOOK_EXTERNAL_LINK
  | typeof ErrorCode.WORKBOOK_FORMULA_WITHOUT_VALUE
  | typeof ErrorCode.WORKBOOK_INVALID;

/** A workbook that is not read at all: too large, with macros or external links, a formula without its value, or not a workbook. */
export class WorkbookRefused extends Error {
  constructor(
    readonly code: WorkbookCode,
    message: string,
    /** The limit that was passed, for WORKBOOK_TOO_LARGE. */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'WorkbookRefused';
  }
}

export const tooLarge = (message: string, limit: number) => new WorkbookRefused(ErrorCode.WORKBOOK_TOO_LARGE, message, limit);
export const invalid = (message: string) => new WorkbookRefused(ErrorCode.WORKBOOK_INVALID, message);

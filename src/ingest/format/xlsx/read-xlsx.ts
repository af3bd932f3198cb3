/**
 * Reads an uploaded .xlsx workbook's cells, and nothing else, without trusting it: the zip is inflated part by
 * part within a byte budget, every size is bounded, and what could act on its own (macros, links to other
 * workbooks, data connections) or hide what the cell shows (a formula without its computed value) is refused
 * with a code of its own (refusal.ts). Cells come back as the file stores them: shared and inline strings,
 * numbers, booleans, dates (a serial in a date format, or an ISO date cell) and Excel's error values.
 */
import { MAX_CSV_CELL_CHARS } from '../csv';
import { Cell, numberText, parseCellRef, serialDate, Sheet, Workbook, workbookSheet } from './cells';
import { ErrorCode } from '../../../platform/common/errors';
import { invalid, tooLarge, WorkbookRefused } from './refusal';
import { readRelationships, readXml } from './xml';
import { BoundedZip, openBoundedZip, ZipLimits } from './zip';

export interface WorkbookLimits extends ZipLimits {
  maxSheets: number;
  /** Highest row number a cell with a value may have. */
  maxRows: number;
  /** Highest column number a cell with a value may have (100 = CV). */
  maxColumns: number;
  /** Cells with a value, in all sheets together. */
  maxCells: number;
  maxCellChars: number;
  maxSharedStrings: number;
}

/** A filled template is about 60 kB and a few thousand cells; these leave room for any real report and stop there. */
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxEntries: 500,
  maxUncompressedBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxSheets: 32,
  maxRows: 10_000,
  maxColumns: 100,
  maxCells: 100_000,
  maxCellChars: MAX_CSV_CELL_CHARS,
  maxSharedStrings: 100_000,
};

const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const macros = (what: string) =>
  new WorkbookRefused(ErrorCode.WORKBOOK_MACROS, `The workbook contains ${what}; macros are never opened here. Save it as an ordinary workbook (.xlsx) without macros.`);
const externalLink = (what: string) =>
  new WorkbookRefused(ErrorCode.WORKBOOK_EXTERNAL_LINK, `The workbook ${what}; a report must hold its own values. In Excel: Data → Edit Links → Break Link, then save.`);

/** Refuses parts that run code or reach outside the file, by name, before any is inflated. */
function checkPartNames(zip: BoundedZip): void {
  for (const name of zip.names) {
    const lower = name.toLowerCase();
    if (/(^|\/)vbaproject\.bin$/.test(lower)) throw macros(`a VBA project (${name})`);
    if (lower.startsWith('xl/macrosheets/')) throw macros(`an Excel 4 macro sheet (${name})`);
    if (lower.startsWith('xl/activex/')) throw macros(`ActiveX controls (${name})`);
    if (lower.startsWith('xl/externallinks/')) throw externalLink(`links to another workbook (${name})`);
    if (lower === 'xl/connections.xml' || lower.startsWith('xl/querytables/')) throw externalLink(`has connections to external data (${name})`);
  }
}

async function checkContentTypes(zip: BoundedZip): Promise<void> {
  if (!zip.has('[Content_Types].xml')) throw invalid('The file is a zip archive but not a workbook: it has no [Content_Types].xml.');
  await readXml(zip, '[Content_Types].xml', {
    open(name, a) {
      if (name !== 'Default' && name !== 'Override') return;
      const type = (a.ContentType ?? '').toLowerCase();
      if (type.includes('macroenabled') || type.includes('vbaproject') || type.includes('macrosheet')) throw macros(`macro content (${a.ContentType})`);
      if (type.includes('externallink')) throw externalLink(`links to another workbook (${a.PartName ?? a.ContentType})`);
      if (type.includes('sheet.binary')) throw invalid('The workbook is a binary workbook (.xlsb); save it as an Excel workbook (.xlsx).');
    },
  });
}

/** The workbook part the package's root relationships name (xl/workbook.xml in every writer seen). */
async function workbookPart(zip: BoundedZip): Promise<string> {
  const rels = await readRelationships(zip, '_rels/.rels', '');
  const main = [...rels.values()].find((r) => r.type === 'officeDocument' && !r.external);
  const part = main?.target ?? 'xl/workbook.xml';
  if (!zip.has(part)) throw invalid('The file is a zip archive but not a workbook: it has no workbook part.');
  return part;
}

interface SheetRef {
  name: string;
  relId: string;
}

async function readWorkbookPart(zip: BoundedZip, part: string, limits: WorkbookLimits): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await readXml(zip, part, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'externalReference') throw externalLink('links to another workbook (externalReferences)');
      if (name === 'sheet') {
        if (sheets.length >= limits.maxSheets) throw tooLarge(`The workbook has more than ${limits.maxSheets} sheets, the most that is read.`, limits.maxSheets);
        const relId = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
        if (!a.name || !relId) throw invalid(`The workbook part ${part} names a sheet without its name or relationship.`);
        sheets.push({ name: a.name, relId });
      }
    },
  });
  return { sheets, date1904 };
}

/** Number formats that show a number as a date or a time, and as a percentage. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
const BUILTIN_PERCENT_FORMATS = new Set([9, 10]);

/** What a custom format code shows: a date if it has date or time tokens outside quotes, escapes and [brackets]. */
export function formatKind(code: string): 'date' | 'percent' | undefined {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '');
  if (/[dmyhs]/i.test(bare)) return 'date';
  if (bare.includes('%')) return 'percent';
  return undefined;
}

/** For each cell style (xf) index, whether its number format shows a date or a percentage. */
async function readStyles(zip: BoundedZip, part: string | undefined): Promise<Array<'date' | 'percent' | undefined>> {
  const kinds: Array<'date' | 'percent' | undefined> = [];
  if (!part || !zip.has(part)) return kinds;
  const custom = new Map<number, 'date' | 'percent' | undefined>();
  let inCellXfs = false;
  await readXml(zip, part, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), formatKind(a.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        kinds.push(custom.has(id) ? custom.get(id) : BUILTIN_DATE_FORMATS.has(id) ? 'date' : BUILTIN_PERCENT_FORMATS.has(id) ? 'percent' : undefined);
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return kinds;
}

/** Appends text to a cell's value, refusing it once it passes the limit (so a huge text is never held). */
function appender(limits: WorkbookLimits, where: () => string) {
  return (so: string, more: string) => {
    const next = so + more;
    if (next.length > limits.maxCellChars) throw tooLarge(`${where()} holds more than ${limits.maxCellChars} characters, the most a cell may.`, limits.maxCellChars);
    return next;
  };
}

async function readSharedStrings(zip: BoundedZip, part: string | undefined, limits: WorkbookLimits): Promise<string[]> {
  const strings: string[] = [];
  if (!part || !zip.has(part)) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  const append = appender(limits, () => `Shared string ${strings.length + 1}`);
  await readXml(zip, part, {
    open(name) {
      if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings) throw tooLarge(`The workbook has more than ${limits.maxSharedStrings} shared strings, the most that is read.`, limits.maxSharedStrings);
        current = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && current !== null && !phonetic) inText = true;
    },
    text(text) {
      if (inText) current = append(current!, text);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(current ?? '');
        current = null;
      }
    },
  });
  return strings;
}

/** What the sheets read so far hold: counted across the workbook. */
interface Tally {
  cells: number;
}

interface SheetContext {
  strings: string[];
  styles: Array<'date' | 'percent' | undefined>;
  date1904: boolean;
  limits: WorkbookLimits;
  tally: Tally;
}

/** One worksheet's cells, streamed: a cell is kept once it is complete, and every limit is checked as it arrives. */
async function readWorksheet(zip: BoundedZip, part: string, sheet: Sheet, ctx: SheetContext): Promise<void> {
  const { limits, tally } = ctx;
  let inSheetData = false;
  let row = 0;
  let column = 0;
  let cell: { row: number; column: number; type: string; style: number; formula: boolean; v: string | null; inline: string | null } | null = null;
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;
  const where = () => sheet.where(cell!.row, cell!.column);
  const append = appender(limits, where);

  const finish = () => {
    const c = cell!;
    cell = null;
    const value = valueOf(c);
    if (!value) return;
    if (c.row > limits.maxRows) throw tooLarge(`${sheet.where(c.row, c.column)} is past row ${limits.maxRows}, the last that is read.`, limits.maxRows);
    if (c.column > limits.maxColumns) throw tooLarge(`${sheet.where(c.row, c.column)} is past column ${limits.maxColumns}, the last that is read.`, limits.maxColumns);
    if (++tally.cells > limits.maxCells) throw tooLarge(`The workbook has more than ${limits.maxCells} cells with values, the most that is read.`, limits.maxCells);
    let cells = sheet.rows.get(c.row);
    if (!cells) sheet.rows.set(c.row, (cells = new Map()));
    cells.set(c.column, value);
  };

  const valueOf = (c: NonNullable<typeof cell>): Cell | null => {
    const at = () => sheet.where(c.row, c.column);
    if (c.formula && c.v === null && c.inline === null) {
      throw new WorkbookRefused(
        ErrorCode.WORKBOOK_FORMULA_WITHOUT_VALUE,
        `${at()} holds a formula saved without its computed value (written by a program that does not compute formulas). Open the file in Excel or LibreOffice and save it again, or type the value in the cell.`,
      );
    }
    switch (c.type) {
      case 'inlineStr':
        return c.inline === null || c.inline === '' ? null : { kind: 'string', value: c.inline };
      case 's': {
        const index = Number(c.v);
        if (c.v === null || !Number.isInteger(index) || index < 0 || index >= ctx.strings.length) throw invalid(`${at()} refers to shared string ${c.v}, which the workbook does not have.`);
        return ctx.strings[index] === '' ? null : { kind: 'string', value: ctx.strings[index] };
      }
      case 'str':
        return c.v ? { kind: 'string', value: c.v } : null;
      case 'b':
        return c.v === null ? null : { kind: 'boolean', value: c.v === '1' || c.v === 'true' };
      case 'e':
        return { kind: 'error', value: c.v ?? '#N/A' };
      case 'd': {
        if (!c.v) return null;
        if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?$/.test(c.v)) throw invalid(`${at()} is a date cell holding ${JSON.stringify(c.v.slice(0, 40))}, not an ISO 8601 date.`);
        const time = c.v.slice(11, 19);
        return { kind: 'date', value: !time || /^00:00(:00)?$/.test(time) ? c.v.slice(0, 10) : c.v.slice(0, 19) };
      }
      case 'n': {
        if (c.v === null || c.v.trim() === '') return null;
        const n = Number(c.v);
        if (!Number.isFinite(n)) throw invalid(`${at()} is a number cell holding ${JSON.stringify(c.v.slice(0, 40))}, not a number.`);
        const format = ctx.styles[c.style];
        if (format === 'date') {
          const date = serialDate(n, ctx.date1904);
          if (date) return { kind: 'date', value: date };
        }
        return { kind: 'number', value: n, text: numberText(n), ...(format === 'percent' ? { percent: true } : {}) };
      }
      default:
        throw invalid(`${at()} has the cell type ${JSON.stringify(c.type.slice(0, 20))}, which a workbook does not have.`);
    }
  };

  await readXml(zip, part, {
    open(name, a) {
      if (name === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      if (name === 'row') {
        const r = a.r === undefined ? row + 1 : Number(a.r);
        if (!Number.isInteger(r) || r < 1) throw invalid(`Sheet ${sheet.name} has a row numbered ${JSON.stringify(String(a.r).slice(0, 20))}.`);
        row = r;
        column = 0;
      } else if (name === 'c') {
        const ref = a.r === undefined ? null : parseCellRef(a.r);
        if (a.r !== undefined && !ref) throw invalid(`Sheet ${sheet.name} has a cell named ${JSON.stringify(a.r.slice(0, 20))}, not an A1 reference.`);
        [row, column] = ref ?? [row, column + 1];
        cell = { row, column, type: a.t ?? 'n', style: Number(a.s ?? 0), formula: false, v: null, inline: null };
      } else if (cell) {
        if (name === 'f') cell.formula = true;
        else if (name === 'v') {
          cell.v = cell.v ?? '';
          capture = 'v';
        } else if (name === 'is') cell.inline = '';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && cell.inline !== null && !phonetic) capture = 't';
      }
    },
    text(text) {
      if (!cell || !capture) return;
      if (capture === 'v') cell.v = append(cell.v ?? '', text);
      else cell.inline = append(cell.inline ?? '', text);
    },
    close(name) {
      if (name === 'sheetData') inSheetData = false;
      else if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cell) finish();
    },
  });
}

/**
 * The workbook's sheets, in their order, with every cell that has a value. Throws WorkbookRefused (with its
 * code and the limit passed) for anything it will not read.
 */
export async function readXlsx(buffer: Buffer, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<Workbook> {
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) {
    throw invalid('The file is an old Excel workbook (.xls) or an encrypted one; save it as an Excel workbook (.xlsx) without a password.');
  }
  if (!buffer.subarray(0, 4).equals(ZIP_MAGIC)) throw invalid('The file is not an .xlsx workbook (a zip archive).');
  const zip = await openBoundedZip(buffer, limits);
  checkPartNames(zip);
  await checkContentTypes(zip);
  const part = await workbookPart(zip);
  const folder = part.split('/').slice(0, -1).join('/');
  const relsPart = `${folder ? `${folder}/` : ''}_rels/${part.split('/').pop()}.rels`;
  const rels = await readRelationships(zip, relsPart, folder);
  for (const r of rels.values()) {
    if (r.type === 'externalLink' || r.external) throw externalLink('links to another workbook or outside the file');
    if (r.type === 'macrosheet' || r.type === 'xlIntlMacrosheet') throw macros('an Excel 4 macro sheet');
  }
  const { sheets: refs, date1904 } = await readWorkbookPart(zip, part, limits);
  const partOf = (type: string) => [...rels.values()].find((r) => r.type === type)?.target;
  const ctx: SheetContext = {
    strings: await readSharedStrings(zip, partOf('sharedStrings'), limits),
    styles: await readStyles(zip, partOf('styles')),
    date1904,
    limits,
    tally: { cells: 0 },
  };
  const sheets: Sheet[] = [];
  for (const ref of refs) {
    const rel = rels.get(ref.relId);
    // Chart sheets and dialog sheets hold no cells.
    if (!rel || rel.type !== 'worksheet') continue;
    if (!zip.has(rel.target)) throw invalid(`The workbook names the sheet ${JSON.stringify(ref.name)} but has no part for it.`);
    const sheet = workbookSheet(ref.name);
    await readWorksheet(zip, rel.target, sheet, ctx);
    sheets.push(sheet);
  }
  return { sheets };
}

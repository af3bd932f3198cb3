import { csvRecords, MAX_CSV_CELL_CHARS, MAX_CSV_COLUMNS, MAX_CSV_ROWS } from '../../src/ingest/format/csv';
import { csvColumns } from '../../src/ingest/format/report';
import { MAX_REPORTED_PROBLEMS, Problem, Problems } from '../../src/ingest/format/problems';

const columns = csvColumns('observations');
const read = (text: string) => {
  const problems: Problem[] = [];
  const records: Array<{ path: string; record: Record<string, string> }> = [];
  csvRecords('obs.csv', text, columns, problems, (r) => records.push(r));
  // Records are handed over only while the file is clean; a caller keeps none of a file with a problem.
  return { records: problems.length ? [] : records, problems };
};

describe('reading CSV files within limits', () => {
  it('reads RFC 4180 fields, a BOM, short rows and skips empty lines, numbering rows from the header', () => {
    const { records, problems } = read('\ufeffmeasure,year,note\r\nparticipants_ended,2017,"a ""quoted"", multi\nline note"\r\n\r\nparticipants_all,2018\r\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { path: 'row 2', record: { measure: 'participants_ended', year: '2017', note: 'a "quoted", multi\nline note' } },
      { path: 'row 4', record: { measure: 'participants_all', year: '2018' } },
    ]);
  });

  it('refuses a 30 000-column header at once, with one problem naming the limit', () => {
    const started = Date.now();
    const { records, problems } = read(`${Array.from({ length: 30000 }, (_, i) => `c${i}`).join(',')}\n1,2\n`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(records).toEqual([]);
    expect(problems).toEqual([{ file: 'obs.csv', path: 'row 1', reason: `has 30000 cells; at most ${MAX_CSV_COLUMNS} columns are allowed` }]);
  });

  it('refuses too many rows, too long a cell, text the database cannot store, and rows longer than the header', () => {
    expect(read(`measure\n${'x\n'.repeat(MAX_CSV_ROWS + 1)}`).problems).toEqual([
      { file: 'obs.csv', path: `row ${MAX_CSV_ROWS + 2}`, reason: `more than ${MAX_CSV_ROWS} data rows; split the file` },
    ]);
    const { problems } = read(`measure,note\nx,${'y'.repeat(MAX_CSV_CELL_CHARS + 1)}\nx\u0000,ok\n`);
    expect(problems).toEqual([
      { file: 'obs.csv', path: 'row 2.note', reason: `has ${MAX_CSV_CELL_CHARS + 1} characters; at most ${MAX_CSV_CELL_CHARS} are allowed` },
      { file: 'obs.csv', path: 'row 3.measure', reason: expect.stringMatching(/database cannot store: contains a NUL/) },
    ]);
    expect(read('measure\nx,y\n').problems).toEqual([{ file: 'obs.csv', path: 'line 2', reason: 'not valid CSV: the row has more cells than the header has columns' }]);
    expect(read('measure\n"x\n').problems[0].reason).toBe('not valid CSV: a quoted field is never closed');
  });

  it('names unknown and repeated columns once, quoting them short, without reading the rows', () => {
    const secret = `root:x:0:0:root:/root:/bin/bash${'!'.repeat(200)}`;
    const { records, problems } = read(`measure,${secret},measure\n${'a,b,c\n'.repeat(1000)}`);
    expect(records).toEqual([]);
    expect(problems.map((p) => p.path)).toEqual(['row 1.column 2', 'row 1.column 3']);
    expect(problems[0].reason).toMatch(/^unknown column "root:x:0:0:root:\/root:\/bin\/bash!+…"; the columns are .*measure/);
    expect(problems[0].reason).not.toContain(secret);
    expect(problems[1].reason).toBe('column "measure" appears twice');
  });

  it('keeps the first problems and counts the rest', () => {
    const problems = new Problems();
    for (let i = 0; i < MAX_REPORTED_PROBLEMS + 5; i++) problems.push({ file: 'f', path: `row ${i}`, reason: 'bad' });
    const list = problems.list();
    expect(list).toHaveLength(MAX_REPORTED_PROBLEMS + 1);
    expect(list[MAX_REPORTED_PROBLEMS]).toEqual({ file: '(all files)', path: '(more)', reason: '… and 5 more' });
    expect(() => problems.throwIfAny()).toThrow(/problems/);
  });
});

import { cellStatus, CoverageFigure, coverageCells, existedIn } from '../../src/compare/coverage/coverage';

const figure = (over: Partial<CoverageFigure>): CoverageFigure => ({
  forbundId: 1,
  measureCode: 'to_work_or_studies',
  gender: 'ALL',
  qualifier: null,
  documentFinal: true,
  recordedAt: new Date('2026-01-01T00:00:00Z'),
  ...over,
});

describe('coverage', () => {
  it('rates a cell by its firmest figure: an exact final one, then an exact preliminary one, then an approximate one', () => {
    expect(cellStatus([])).toBe('MISSING');
    expect(cellStatus([figure({ documentFinal: false }), figure({})])).toBe('FINAL');
    expect(cellStatus([figure({ documentFinal: false })])).toBe('PRELIMINARY');
    // "ca 160" in a final report is not comparable: no better than a preliminary exact figure.
    expect(cellStatus([figure({ qualifier: 'APPROXIMATE' }), figure({ documentFinal: false })])).toBe('PRELIMINARY');
    expect(cellStatus([figure({ qualifier: 'AT_LEAST' })])).toBe('APPROXIMATE');
  });

  it('counts a förbund as existing from the year it was founded through the year it ended', () => {
    // Finsam Göteborg, founded 2019: not in 2018's matrix, in 2019's.
    expect(existedIn(2018, { founded: 2019, ended: null })).toBe(false);
    expect(existedIn(2019, { founded: 2019, ended: null })).toBe(true);
    expect(existedIn(2019, { founded: 2006, ended: 2019 })).toBe(true);
    expect(existedIn(2020, { founded: 2006, ended: 2019 })).toBe(false);
    expect(existedIn(2004, { founded: null, ended: null })).toBe(true);
  });

  it('gives every förbund a cell per measure in the measures\' order, with the newest recording as lastChanged', () => {
    const cells = coverageCells(
      [figure({ recordedAt: new Date('2026-01-01T00:00:00Z') }), figure({ gender: 'MEN', recordedAt: new Date('2026-02-01T00:00:00Z') }), figure({ forbundId: 2, measureCode: 'participants_ended', documentFinal: false })],
      [1, 2],
      ['participants_ended', 'to_work_or_studies'],
    );
    expect(cells.get(1)).toEqual([
      { measureCode: 'participants_ended', status: 'MISSING', lastChanged: null },
      { measureCode: 'to_work_or_studies', status: 'FINAL', lastChanged: new Date('2026-02-01T00:00:00Z') },
    ]);
    expect(cells.get(2)!.map((c) => c.status)).toEqual(['PRELIMINARY', 'MISSING']);
  });
});

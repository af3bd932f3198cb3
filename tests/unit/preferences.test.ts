import { preferredAllocation } from '../../src/domain/allocations/preferred';
import { AmountKind } from '../../src/platform/common/enums';
import { preferredFigures } from '../../src/domain/outcomes/preferred';
import { DocumentStatus } from '../../src/domain/sources/source-document.entity';

describe('preferredFigures', () => {
  const ranks: Record<string, { status: DocumentStatus; latestYear: number }> = {
    supervision2016: { status: DocumentStatus.PRELIMINARY, latestYear: 2016 },
    ar2017: { status: DocumentStatus.FINAL, latestYear: 2017 },
    ar2016: { status: DocumentStatus.FINAL, latestYear: 2016 },
  };
  const row = (sourceDocumentId: string, gender = 'WOMEN', measureCode = 'participants_registered') => ({ forbundId: 1, measureCode, year: 2016, gender, sourceDocumentId });

  it('takes the final report over the preliminary one (Jämtland 2016: 001 over 000)', () => {
    const rows = [row('supervision2016'), row('ar2017')];
    expect(preferredFigures(rows, (id) => ranks[id])).toEqual([row('ar2017')]);
  });

  it('keeps each förbund apart', () => {
    const rows = [row('ar2017'), { ...row('supervision2016'), forbundId: 2 }];
    expect(preferredFigures(rows, (id) => ranks[id])).toEqual(rows);
  });

  it('takes the later of two final reports, and keeps one figure per measure, year and gender', () => {
    const rows = [row('ar2016'), row('ar2017'), row('ar2016', 'MEN'), row('supervision2016', 'ALL', 'participants_ended')];
    expect(preferredFigures(rows, (id) => ranks[id])).toEqual([row('ar2017'), row('ar2016', 'MEN'), row('supervision2016', 'ALL', 'participants_ended')]);
  });
});

describe('preferredAllocation', () => {
  const base = { kind: AmountKind.ACTUAL, totalSek: '21585170', status: DocumentStatus.FINAL, partCount: 10 };

  it('prefers the outcome with a per-member breakdown (Uppsala 2017: Not 2 over the history table and the budget)', () => {
    const note2 = { ...base, id: 'note2' };
    const history = { ...base, id: 'history', totalSek: '21585000', partCount: 0 };
    const budget = { ...base, id: 'budget', kind: AmountKind.BUDGET, totalSek: '21585000', partCount: 0 };
    expect(preferredAllocation([budget, history, note2])?.id).toBe('note2');
  });

  it('prefers a final document over a preliminary one, and an outcome over a budget', () => {
    const preliminary = { ...base, id: 'prel', status: DocumentStatus.PRELIMINARY };
    const final = { ...base, id: 'final', partCount: 0 };
    expect(preferredAllocation([preliminary, final])?.id).toBe('final');
    expect(preferredAllocation([{ ...base, id: 'b', kind: AmountKind.BUDGET }, { ...base, id: 'a', partCount: 0, totalSek: null }])?.id).toBe('a');
    expect(preferredAllocation([])).toBeNull();
  });
});

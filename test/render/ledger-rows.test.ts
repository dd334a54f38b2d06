import { describe, expect, it } from 'vitest';
import { FOLD_MIN_FILES, foldCleanFiles, foldFileList } from '../../src/lib/ledger-rows.ts';
import { ledgerEntry as entry } from '../helpers/inputs.ts';

describe('the printed ledger folds a folder of many clean files into one row', () => {
  const captures = Array.from({ length: FOLD_MIN_FILES + 5 }, (_, i) => entry(`captures/d${i}.txt`));
  const odd = entry('captures/bad.txt', {
    rowsRead: 1,
    rowsAccepted: 0,
    rowsRejected: 1,
    rejections: [{ line: 1, reason: 'unsupported' }],
  });
  const csv = entry('cssm/licenses.csv', { kind: 'licenses', format: 'csv', rowsRead: 10, rowsAccepted: 10 });
  const rows = foldCleanFiles([csv, ...captures.slice(0, 3), odd, ...captures.slice(3)]);

  it('keeps every file with something to say on its own row, and small folders as they are', () => {
    expect(rows.map((r) => r.label)).toEqual([
      'cssm/licenses.csv',
      `captures/ (${FOLD_MIN_FILES + 5} files)`,
      'captures/bad.txt',
    ]);
  });

  it('keeps the totals', () => {
    const sum = (k: 'rowsRead' | 'rowsAccepted' | 'rowsRejected') => rows.reduce((n, r) => n + r[k], 0);
    expect([sum('rowsRead'), sum('rowsAccepted'), sum('rowsRejected')]).toEqual([
      10 + FOLD_MIN_FILES + 5 + 1,
      10 + FOLD_MIN_FILES + 5,
      1,
    ]);
  });

  it('does not fold a folder of no more than FOLD_MIN_FILES clean files', () => {
    const few = captures.slice(0, FOLD_MIN_FILES);
    expect(foldCleanFiles(few).map((r) => r.label)).toEqual(few.map((e) => e.file));
  });
});

describe('the methodology lists a folder of many input files as one line', () => {
  it('folds only folders of more than FOLD_MIN_FILES files, where their first file was', () => {
    const many = Array.from({ length: FOLD_MIN_FILES + 1 }, (_, i) => `captures/site-a/d${i}.txt`);
    const few = Array.from({ length: FOLD_MIN_FILES }, (_, i) => `captures/site-b/d${i}.txt`);
    const { lines, folded } = foldFileList(['captures/core.txt', ...many, ...few]);
    expect(folded).toBe(true);
    expect(lines).toEqual(['captures/core.txt', `captures/site-a/ (${FOLD_MIN_FILES + 1} files)`, ...few]);
  });

  it('leaves a short list as it is', () => {
    expect(foldFileList(['cssm/licenses.csv', 'cssm/product-instances.csv'])).toEqual({
      lines: ['cssm/licenses.csv', 'cssm/product-instances.csv'],
      folded: false,
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellInterner, detached } from '../../src/analysis/load/cell-interner.ts';
import { loadSupport } from '../../src/analysis/load/support.ts';
import { catalog } from '../helpers/fixtures.ts';

describe('cell interner', () => {
  it('keeps interning a column whose values repeat, and returns the same values', () => {
    const column = new CellInterner();
    const values = ['Campus', 'DC', 'Branch'];
    for (let i = 0; i < 20_000; i++) expect(column.take(values[i % 3]!)).toBe(values[i % 3]);
    expect(column.active).toBe(true);
  });

  it('stops interning a column of mostly distinct values once the sample shows it', () => {
    const column = new CellInterner();
    for (let i = 0; i < 4_095; i++) column.take(`FOC${i}`);
    expect(column.active).toBe(true);
    column.take('FOC-last');
    expect(column.active).toBe(false);
    // a stopped column still gives every value back unchanged
    expect(column.take('FOC7')).toBe('FOC7');
  });

  it('stops interning a column once it holds 65,536 distinct values, however they repeat', () => {
    const column = new CellInterner();
    for (let i = 0; i < 4_096; i++) column.take('A');
    // each new value read four times: never more than a quarter distinct
    for (let i = 0; i < 65_535; i++) for (let r = 0; r < 4; r++) column.take(`V${i}`);
    expect(column.active).toBe(true);
    column.take('V-65536th');
    expect(column.active).toBe(false);
  });

  it('gives back every cell exactly when it copies it out of its piece, interned or not', () => {
    // quotes, backslashes, control characters, accents and lone surrogates round the JSON copy
    const cell = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 30 }), (cells) => {
        const interned = new CellInterner();
        const stopped = new CellInterner();
        for (let i = 0; i < 4_100; i++) stopped.take(`FOC${i}`);
        for (const c of cells) {
          expect(detached(c)).toBe(c);
          expect(interned.take(c)).toBe(c);
          expect(stopped.take(c)).toBe(c);
        }
      }),
    );
  });

  it('leaves empty cells alone: an absent optional field stays absent in the record', async () => {
    const cat = await catalog();
    const csv =
      'Serial Number,Contract,Start Date,End Date,PID,Service Level\n' +
      'FOC1,C1,2025-01-01,2026-01-01,,SWSS\nFOC2,C1,2025-01-01,2026-01-01,c9300-48p,\n';
    const { records } = await loadSupport('contracts/support.csv', new TextEncoder().encode(csv), cat, 'MDY');
    expect(records.map(({ source: _s, ...r }) => r)).toEqual([
      {
        serial: 'FOC1',
        contract: 'C1',
        startDate: '2025-01-01',
        endDate: '2026-01-01',
        serviceLevel: 'SWSS',
      },
      { serial: 'FOC2', contract: 'C1', startDate: '2025-01-01', endDate: '2026-01-01', pid: 'C9300-48P' },
    ]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptSheets, type Sheet, xlsxWorkbook } from '../../src/export/xlsx-workbook.ts';
import { storedBytes, storedParts } from '../../src/export/zip-archive.ts';
import { FileBytes } from '../../src/lib/file-bytes.ts';
import { excelText } from '../helpers/excel-text.ts';

// every kind of cell the writer treats differently, read back through exceljs
const DATE = new Date('2026-03-31T00:00:00Z');
const WIDE = Array.from({ length: 28 }, (_, i) => ({ header: `c${i + 1}`, width: 10 + i }));
const SHEETS: Sheet[] = [
  {
    name: 'Mixed & <odd>',
    columns: [
      { header: 'text', width: 30 },
      { header: 'quantity', width: 12, format: 'count' },
      { header: 'amount', width: 12, format: 'money' },
      { header: 'note "q"', width: 12 },
    ],
    rows: [
      ['=1+1', 3, 1234.5, '+SUM(A1)'],
      ['\u0001=1+1', -4, -0.25, '-2'],
      ['a < b & "c" \'d\' _x0041_ \u0007end ', 0, null, '@cmd'],
      [null, null, null, null],
      ['', Number.NaN, Number.POSITIVE_INFINITY, '\u0001\u0002'],
      ['héllo ✓ 😀', 1e21, 0.1 + 0.2, 'tab\tand\r\nnewline'],
      ['text in a money column', 5, 'n/a', '\u200b'],
    ],
  },
  { name: 'Empty', columns: [{ header: 'only', width: 14 }], rows: [] },
  { name: 'Wide', columns: WIDE, rows: [WIDE.map((_, i) => i + 1)] },
];

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await xlsxWorkbook(SHEETS, 'trueup & co', DATE);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
});

describe('xlsxWorkbook', () => {
  it('is the same bytes for the same sheets', async () => {
    expect(Buffer.from(await xlsxWorkbook(SHEETS, 'trueup & co', DATE)).equals(Buffer.from(bytes))).toBe(
      true,
    );
  });

  it('is a zip whose parts pass their CRC, are dated `date` and are well-formed XML', async () => {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    const parts = Object.values(zip.files);
    expect(parts.map((p) => p.name)).toContain('xl/worksheets/sheet3.xml');
    for (const part of parts) {
      expect(part.date.toISOString()).toBe(DATE.toISOString());
      const xml = await part.async('string');
      expect(() => new SaxesParser({ xmlns: true }).write(xml).close(), part.name).not.toThrow();
    }
  });

  it('has the sheets in order, with creator and dates', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mixed & <odd>', 'Empty', 'Wide']);
    expect(wb.creator).toBe('trueup & co');
    expect(wb.lastModifiedBy).toBe('trueup & co');
    expect(wb.created.toISOString()).toBe(DATE.toISOString());
    expect(wb.modified.toISOString()).toBe(DATE.toISOString());
  });

  it('keeps numbers as numbers, blanks blank and text neutralised with control characters dropped', () => {
    const ws = wb.getWorksheet('Mixed & <odd>')!;
    const rows: unknown[][] = [];
    for (let r = 2; r <= 8; r++) rows.push([1, 2, 3, 4].map((c) => excelText(ws.getCell(r, c).value)));
    expect(rows).toEqual([
      ["'=1+1", 3, 1234.5, "'+SUM(A1)"],
      ["'=1+1", -4, -0.25, "'-2"],
      ['a < b & "c" \'d\' _x0041_ end ', 0, null, "'@cmd"],
      [null, null, null, null],
      [null, null, null, null],
      ['héllo ✓ 😀', 1e21, 0.1 + 0.2, 'tab\tand\r\nnewline'],
      ['text in a money column', 5, 'n/a', '\u200b'],
    ]);
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C4').type).toBe(ExcelJS.ValueType.Null);
    // an all-blank row is left out, and the rows after it keep their numbers
    expect(ws.rowCount).toBe(8);
  });

  it('escapes a literal `_xHHHH_` and a carriage return in text, which Excel would otherwise read as other characters', async () => {
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain(`_x005F_x0041_ end </t>`);
    expect(xml).toContain('tab\tand_x000D_\nnewline');
    expect(xml).not.toMatch(/[^F]_x0041_/);
  });

  it('freezes, filters and bolds the header, with widths and number formats by column', () => {
    const ws = wb.getWorksheet('Mixed & <odd>')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:D8');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['text', 'quantity', 'amount', 'note "q"']);
    for (let c = 1; c <= 4; c++) expect(ws.getCell(1, c).font?.bold).toBe(true);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([30, 12, 12, 12]);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).numFmt)).toEqual([
      undefined,
      '#,##0',
      '#,##0.00',
      undefined,
    ]);
    expect(ws.getCell('B1').numFmt).toBe('#,##0');
    expect(ws.getCell('B3').numFmt).toBe('#,##0');
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C8').numFmt).toBe('#,##0.00');
    expect(ws.getCell('A2').numFmt).toBeUndefined();
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
  });

  it('writes a sheet with no rows and one past column Z', () => {
    const empty = wb.getWorksheet('Empty')!;
    expect(empty.rowCount).toBe(1);
    expect(empty.getCell('A1').value).toBe('only');
    expect(empty.autoFilter).toBe('A1:A1');
    const wide = wb.getWorksheet('Wide')!;
    expect(wide.autoFilter).toBe('A1:AB2');
    expect(wide.getCell('AB1').value).toBe('c28');
    expect(wide.getCell('AB2').value).toBe(28);
    expect(wide.getColumn('AB').width).toBe(37);
  });
});

describe('a workbook read from its file', () => {
  it('gives the same stored parts as in memory, reading only where they are copied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trueup-zip-'));
    try {
      writeFileSync(join(dir, 'w.xlsx'), bytes);
      const file = FileBytes.whole(join(dir, 'w.xlsx'));
      const [inFile, inMemory] = [storedParts(file), storedParts(bytes)];
      expect([...inFile.keys()]).toEqual([...inMemory.keys()]);
      for (const [name, part] of inFile) {
        expect(
          part.data.some((d) => Buffer.isBuffer(d)),
          name,
        ).toBe(false);
        expect(storedBytes(part).equals(storedBytes(inMemory.get(name)!)), name).toBe(true);
      }
      expect([...keptSheets(file).keys()]).toEqual(SHEETS.map((s) => s.name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is copied into the next workbook byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trueup-zip-'));
    try {
      writeFileSync(join(dir, 'w.xlsx'), bytes);
      const kept = keptSheets(FileBytes.whole(join(dir, 'w.xlsx')));
      const again = await xlsxWorkbook(
        SHEETS.map((s) => ({ name: s.name, part: kept.get(s.name)! })),
        'trueup & co',
        DATE,
      );
      expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads nothing from a file that is not an archive', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trueup-zip-'));
    try {
      writeFileSync(join(dir, 'w.xlsx'), 'not a workbook');
      expect(storedParts(FileBytes.whole(join(dir, 'w.xlsx'))).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

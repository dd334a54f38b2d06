import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/model/report.ts';
import { FINDINGS_COLUMNS, findingCells } from '../../src/export/findings-csv.ts';
import { findingsXlsx } from '../../src/export/findings-xlsx.ts';
import { excelText } from '../helpers/excel-text.ts';
import { FIXTURES, reportFor } from '../helpers/fixtures.ts';

let report: Report;
let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  report = await reportFor(`${FIXTURES}/deploy-modes`);
  // text that XML and Excel treat specially must come back exactly (control characters dropped)
  report.findings[0]!.title = 'a < b & "c" _x0041_ \u0001 end ';
  report.findings[0]!.action = '=HYPERLINK("http://evil")';
  report.findings[0]!.pid = '\u0001=1+1';
  report.ledger[0]!.rejections.push({ line: 7, column: 'Serial', reason: 'empty serial' });
  report.ledger.at(-1)!.notes.push({ level: 'warning', message: 'column ignored', line: 1, column: 'X' });
  bytes = await findingsXlsx(report);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
});

describe('findings.xlsx', () => {
  it('is the same bytes for the same report', async () => {
    expect(Buffer.from(await findingsXlsx(report)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('is dated the report’s as-of date and created by trueup', () => {
    expect(wb.creator).toBe('trueup');
    expect(wb.created.toISOString()).toBe(`${report.client.asOf}T00:00:00.000Z`);
  });

  it('has every finding on All findings, numbers as numbers and text neutralised', () => {
    const ws = wb.getWorksheet('All findings')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...FINDINGS_COLUMNS]);
    expect(ws.rowCount).toBe(report.findings.length + 1);
    // the first finding's title is the special text, checked on its own below
    report.findings.slice(1).forEach((f, i) => {
      const got = (ws.getRow(i + 3).values as unknown[]).slice(1);
      const want = findingCells(report, f).map((v) =>
        v === '' || v === null ? undefined : typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v,
      );
      while (want.length && want.at(-1) === undefined) want.pop();
      expect(got).toEqual(want);
    });
    expect(excelText(ws.getCell('D2').value)).toBe('a < b & "c" _x0041_  end ');
    expect(ws.getCell('N2').value).toBe(`'=HYPERLINK("http://evil")`);
    expect(ws.getCell('G2').value).toBe(`'=1+1`);
  });

  it('freezes, filters and bolds the header and formats the numeric columns', () => {
    const ws = wb.getWorksheet('All findings')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:O${report.findings.length + 1}`);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getColumn('J').numFmt).toBe('#,##0');
    expect(ws.getColumn('K').numFmt).toBe('#,##0.00');
    expect(ws.getColumn('D').width).toBe(60);
  });

  it('has a sheet per family with findings, the transfer plan, the data tables and the ledger', () => {
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('All findings');
    for (const family of new Set(report.findings.map((f) => f.family))) expect(names).toContain(family);
    expect(names).toContain('Transfer plan');
    expect(names).toContain('deployment-mode devices');
    expect(names.slice(-3)).toEqual(['Ledger', 'Rejected rows', 'Ledger notes']);
    const devices = wb.getWorksheet('deployment-mode devices')!;
    const rows = (report.families['deployment-mode']!.data as { devices: unknown[] }).devices;
    expect(devices.rowCount).toBe(rows.length + 1);
  });

  it('lists every rejected row and every ledger note, which the site ledger page may cut', () => {
    const rejections = report.ledger.flatMap((e) => e.rejections.map((r) => [e.file, r.line, r.reason]));
    const notes = report.ledger.flatMap((e) => e.notes.map((n) => [e.file, n.level, n.message]));
    expect(rejections.length + notes.length).toBeGreaterThan(0);
    const rows = (name: string, cols: number[]) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, i) => {
        if (i > 1) out.push(cols.map((c) => row.getCell(c).value));
      });
      return out;
    };
    expect(rows('Rejected rows', [1, 2, 4])).toEqual(rejections);
    expect(rows('Ledger notes', [1, 2, 5])).toEqual(notes);
  });
});

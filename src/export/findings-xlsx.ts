import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FAMILIES } from '../analysis/model/finding.ts';
import type { Report } from '../analysis/model/report.ts';
import { dataSheets } from './data-sheets.ts';
import { FINDINGS_COLUMNS, findingCells, TRANSFER_PLAN_COLUMNS } from './findings-csv.ts';
import { neutraliseCell } from './neutralise.ts';

type Cell = string | number | null;

const WIDTHS: Record<string, number> = {
  id: 24,
  title: 60,
  action: 60,
  evidence: 40,
  family: 16,
  severity: 10,
};

/** A sheet with a frozen, filtered, bold header row and number formats on numeric columns. */
function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly string[],
  rows: Cell[][],
  money: string[] = [],
) {
  const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? Math.max(12, c.length + 2) }));
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseCell(v) : v)));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: columns.length },
  };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (money.includes(c)) col.numFmt = '#,##0.00';
    else if (c === 'quantity' || c === 'request') col.numFmt = '#,##0';
  });
  return ws;
}

/**
 * findings.xlsx: every finding on "All findings" (the findings.csv columns), a sheet per family
 * that has findings, the transfer plan, every data table of a family in full (`data-sheets.ts`)
 * and the ledger. Text is formula-neutralised; numbers stay numbers.
 */
export async function findingsXlsx(report: Report): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'trueup';
  // fixed dates so the same report always gives the same workbook
  wb.created = new Date(`${report.client.asOf}T00:00:00Z`);
  wb.modified = wb.created;
  const extra = ['status', 'owner', 'comment'];
  addSheet(
    wb,
    'All findings',
    FINDINGS_COLUMNS,
    report.findings.map((f) => findingCells(report, f)),
    ['amount'],
  );
  for (const family of FAMILIES) {
    const list = report.findings.filter((f) => f.family === family);
    if (!list.length) continue;
    addSheet(
      wb,
      family,
      [...FINDINGS_COLUMNS.filter((c) => c !== 'status'), ...extra],
      list.map((f) => [
        ...findingCells(report, f).filter((_, i) => FINDINGS_COLUMNS[i] !== 'status'),
        f.status,
        f.owner ?? '',
        f.comment ?? '',
      ]),
      ['amount'],
    );
  }
  addSheet(
    wb,
    'Transfer plan',
    TRANSFER_PLAN_COLUMNS,
    report.transferPlan.map((t) => [
      t.request,
      t.fromVirtualAccount,
      t.toVirtualAccount,
      t.licence,
      t.licenceType,
      t.quantity,
    ]),
  );
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  for (const sheet of dataSheets(report)) {
    if (taken.has(sheet.name.toLowerCase())) continue;
    taken.add(sheet.name.toLowerCase());
    addSheet(wb, sheet.name, sheet.columns, sheet.rows);
  }
  addSheet(
    wb,
    'Ledger',
    ['file', 'kind', 'rows_read', 'rows_accepted', 'rows_rejected', 'problem'],
    report.ledger.map((e) => [e.file, e.kind, e.rowsRead, e.rowsAccepted, e.rowsRejected, e.fatal ?? '']),
  );
  return fixZipDates(new Uint8Array(await wb.xlsx.writeBuffer()), wb.created);
}

/**
 * exceljs stamps every part of the .xlsx zip with the current time; re-pack it with the report's
 * own date so the same report always gives the same bytes.
 */
async function fixZipDates(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

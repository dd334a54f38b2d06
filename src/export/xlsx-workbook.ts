import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { neutraliseCell } from './neutralise.ts';

/**
 * An .xlsx of plain sheets, written by exceljs's streaming writer: each row is turned into XML
 * and compressed as it is added (the in-memory Workbook took 90 s and 3 GB at 200k devices).
 * Every sheet has a bold header row that stays frozen and carries the autofilter, column widths
 * and number formats. Text is written inline (no shared-string table to hold) and
 * formula-neutralised; numbers stay numbers; null and empty text are blank cells.
 */
export type Cell = string | number | null;

/** A column's number format: `count` #,##0 (quantities, request numbers), `money` #,##0.00. */
export type ColumnFormat = 'count' | 'money';

export interface SheetColumn {
  header: string;
  width: number;
  format?: ColumnFormat;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: readonly (readonly Cell[])[];
}

const NUM_FMT: Record<ColumnFormat, string> = { count: '#,##0', money: '#,##0.00' };

// control characters XML 1.0 cannot hold; exceljs drops them when writing, but only after
// neutralising would have looked at the first character
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function cellValue(v: Cell): string | number | undefined {
  // null, empty text and a number JSON cannot hold are blank: exceljs makes no cell of undefined
  if (v === null || v === '') return undefined;
  // dropped before neutralising, so "\u0001=1+1" cannot reach the sheet as "=1+1"
  if (typeof v === 'string') return neutraliseCell(v.replace(NOT_XML, ''));
  return Number.isFinite(v) ? v : undefined;
}

// rows between pauses that let the zip stream take what was written, so a sheet's XML is not
// held whole in memory before it is compressed
const ROWS_PER_PAUSE = 2000;

async function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Sheet): Promise<void> {
  const { columns, rows } = sheet;
  // one style object per column, shared by its cells: exceljs looks a cell's style up by object
  // and otherwise renders each cell's style to XML to find its id (half the time at 200k devices)
  const styles: Partial<ExcelJS.Style>[] = columns.map((c) =>
    c.format ? { numFmt: NUM_FMT[c.format] } : {},
  );
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // the header row is written from the columns' headers, with their number formats
  ws.columns = columns.map((c, i) => ({
    header: c.header,
    width: c.width,
    style: { ...styles[i] },
  }));
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: rows.length + 1, column: Math.max(1, columns.length) },
  };
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const added = ws.addRow(columns.map((_, i) => cellValue(row[i] ?? null)));
    added.eachCell((cell, col) => {
      cell.style = styles[col - 1]!;
    });
    added.commit();
    if (r % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1) await new Promise(setImmediate);
  }
  ws.commit();
}

/** The workbook of `sheets` (names unique, at most 31 characters), created by `creator` on `date`. */
export async function xlsxWorkbook(sheets: Sheet[], creator: string, date: Date): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 6 } },
  });
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  wb.created = date;
  wb.modified = date;
  for (const sheet of sheets) await addSheet(wb, sheet);
  await wb.commit();
  return fixZipDates(Buffer.concat(chunks), date);
}

/**
 * The zip stamps every part with the current time; re-date each part to `date` so the same
 * sheets always give the same bytes. Parts keep their compressed data (jszip copies an entry
 * already DEFLATEd rather than inflating and compressing it again).
 */
async function fixZipDates(bytes: Buffer, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  for (const entry of Object.values(zip.files)) entry.date = date;
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { BinaryFileError, decodeText } from './decode.ts';

/** A tabular file as rows of strings, each with the 1-based line (CSV) or row number (XLSX). */
export interface RawTable {
  format: 'csv' | 'xlsx';
  headers: string[];
  headerLine: number;
  rows: { line: number; cells: string[] }[];
  notes: string[];
}

export class TableReadError extends Error {}

export function isXlsx(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

export async function readTable(file: string, bytes: Uint8Array): Promise<RawTable> {
  return isXlsx(file) ? readXlsx(bytes) : readCsv(bytes);
}

/** CSV with any delimiter, BOM and encoding; line numbers survive quoted newlines and blank lines. */
export function readCsv(bytes: Uint8Array): RawTable {
  if (bytes.length === 0) throw new TableReadError('the file is empty (0 bytes); expected a header row');
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes);
  } catch (e) {
    if (e instanceof BinaryFileError) throw new TableReadError(`${e.message}; expected a CSV text file`);
    throw e;
  }
  const text = decoded.text;
  const notes: string[] = [];
  if (decoded.encoding !== 'utf-8' || decoded.bom) {
    notes.push(`read as ${decoded.encoding}${decoded.bom ? ' with BOM' : ''}`);
  }
  const rows: { line: number; cells: string[] }[] = [];
  let pos = 0;
  let line = 1;
  let firstError: string | undefined;
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t', '|'],
    step: (result) => {
      // count newlines from the end of the previous row to the start of this one
      const end = result.meta.cursor;
      const startLine = line;
      for (let i = pos; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      pos = end;
      const cells = result.data;
      if (result.errors.length && !firstError)
        firstError = `${result.errors[0]?.message} (line ${startLine})`;
      if (cells.length === 1 && cells[0]?.trim() === '') return;
      rows.push({ line: startLine, cells });
    },
  });
  void parsed;
  if (rows.length === 0)
    throw new TableReadError('the file has no header row; expected one with column names');
  const delimiterNote = Papa.parse(text.slice(0, 4096), {
    delimitersToGuess: [',', ';', '\t', '|'],
    preview: 2,
  }).meta.delimiter;
  if (delimiterNote && delimiterNote !== ',')
    notes.push(`delimiter "${delimiterNote === '\t' ? 'TAB' : delimiterNote}"`);
  if (firstError) notes.push(`CSV structure: ${firstError}`);
  const [header, ...body] = rows;
  return {
    format: 'csv',
    headers: header!.cells.map((h) => h.trim()),
    headerLine: header!.line,
    rows: body,
    notes,
  };
}

/** XLSX: the first worksheet with data; formulas contribute their cached result, never their text. */
export async function readXlsx(bytes: Uint8Array): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new TableReadError(
      `not a readable XLSX workbook (${(e as Error).message}); expected an Excel .xlsx file`,
    );
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new TableReadError('the workbook has no sheet with data; expected a header row');
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const values = row.values as unknown[];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
    if (cells.every((v) => v.trim() === '')) return;
    rows.push({ line: rowNumber, cells });
  });
  if (rows.length === 0) throw new TableReadError('the workbook has no header row');
  const [header, ...body] = rows;
  const notes = [`sheet "${sheet.name}"`];
  if (wb.worksheets.length > 1) notes.push(`${wb.worksheets.length - 1} other sheet(s) ignored`);
  return {
    format: 'xlsx',
    headers: header!.cells.map((h) => h.trim()),
    headerLine: header!.line,
    rows: body,
    notes,
  };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return cellText(o.result);
    if ('richText' in o && Array.isArray(o.richText))
      return o.richText.map((t: { text: string }) => t.text).join('');
    if ('text' in o) return String(o.text);
    if ('error' in o) return String(o.error);
    return '';
  }
  return String(v);
}

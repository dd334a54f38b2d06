import { csvRowBatches, guessDialect, PIECE_BYTES } from './csv-rows.ts';
import {
  BinaryFileError,
  decodeBlocks,
  decodeChunks,
  detectEncoding,
  detectEncodingOf,
  type TextEncodingGuess,
} from './decode.ts';
import { FileSource, type InputBytes, wholeBytes } from './file-source.ts';

/** The start of a CSV that its delimiter and line ending are guessed from. */
const DIALECT_BYTES = 1 << 20;

/**
 * A tabular file as rows of strings, each with the 1-based line (CSV) or row number (XLSX).
 * `rows` may be walked once only (a CSV is parsed as it is walked).
 */
export interface RawTable {
  format: 'csv' | 'xlsx';
  headers: string[];
  headerLine: number;
  rows: Iterable<{ line: number; cells: string[] }>;
}

export class TableReadError extends Error {}

export function isXlsx(file: string): boolean {
  return /\.xlsx$/i.test(file);
}

/** Notes about the file as a whole (encoding, delimiter, sheet, CSV structure) go to `note`. */
export async function readTable(
  file: string,
  bytes: InputBytes,
  note: (message: string) => void = () => {},
): Promise<RawTable> {
  return isXlsx(file) ? readXlsx(wholeBytes(bytes), note) : readCsv(bytes, note);
}

/**
 * CSV with any delimiter, BOM and encoding; line numbers survive quoted newlines and blank lines.
 * Only the header is read here: the data rows are parsed piece by piece as the loader walks
 * `rows` (once), so a large export is never held in memory as text or as a table of cells. A
 * large file comes as a `FileSource` and is read a block at a time as well.
 */
export function readCsv(
  bytes: InputBytes,
  note: (message: string) => void = () => {},
  chunkBytes = PIECE_BYTES,
): RawTable {
  const size = bytes instanceof FileSource ? bytes.size : bytes.length;
  if (size === 0) throw new TableReadError('the file is empty (0 bytes); expected a header row');
  // the first 1 MB: the encoding is sniffed from its start and the dialect guessed from it
  const head = bytes instanceof FileSource ? bytes.head(DIALECT_BYTES + 3) : bytes;
  let encoding: TextEncodingGuess;
  try {
    encoding =
      bytes instanceof FileSource ? detectEncodingOf(head, () => bytes.isUtf8()) : detectEncoding(bytes);
  } catch (e) {
    if (e instanceof BinaryFileError) throw new TableReadError(`${e.message}; expected a CSV text file`);
    throw e;
  }
  if (encoding.encoding !== 'utf-8' || encoding.bom) {
    note(`read as ${encoding.encoding}${encoding.bom ? ' with BOM' : ''}`);
  }
  const start = head.subarray(encoding.start, encoding.start + DIALECT_BYTES);
  const dialect = guessDialect(new TextDecoder(encoding.encoding, { ignoreBOM: true }).decode(start));
  if (dialect.delimiter !== ',')
    note(`delimiter "${dialect.delimiter === '\t' ? 'TAB' : dialect.delimiter}"`);
  const pieces =
    bytes instanceof FileSource
      ? decodeBlocks(bytes.blocks(), encoding, chunkBytes)
      : decodeChunks(bytes, encoding, chunkBytes);
  const batches = csvRowBatches(pieces, dialect, (m) => note(`CSV structure: ${m}`));
  const nonBlank = (function* () {
    for (const batch of batches) {
      for (let i = 0; i < batch.length; i++) {
        const r = batch[i]!;
        if (!(r.cells.length === 1 && r.cells[0]!.trim() === '')) yield r;
      }
    }
  })();
  const header = nonBlank.next();
  if (header.done) throw new TableReadError('the file has no header row; expected one with column names');
  return {
    format: 'csv',
    headers: header.value.cells.map((h) => h.trim()),
    headerLine: header.value.line,
    rows: { [Symbol.iterator]: () => nonBlank },
  };
}

/** XLSX: the first worksheet with data; formulas contribute their cached result, never their text. */
export async function readXlsx(
  bytes: Uint8Array,
  note: (message: string) => void = () => {},
): Promise<RawTable> {
  // loaded on first use: importing exceljs costs 0.3-0.4 s, and most client folders are CSV only
  const { default: ExcelJS } = await import('exceljs');
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
  note(`sheet "${sheet.name}"`);
  if (wb.worksheets.length > 1) note(`${wb.worksheets.length - 1} other sheet(s) ignored`);
  return {
    format: 'xlsx',
    headers: header!.cells.map((h) => h.trim()),
    headerLine: header!.line,
    rows: body,
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

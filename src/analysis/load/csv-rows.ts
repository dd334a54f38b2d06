import Papa from 'papaparse';
import { recordLines } from './record-lines.ts';

/** One CSV record: its cells and the 1-based line it starts on (quoted newlines and blank lines counted). */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvDialect {
  delimiter: string;
  newline: '\n' | '\r\n' | '\r';
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Bytes decoded and parsed at a time. Small, so that a piece's rows and cells die young: the
 * 15,000 rows of a 1 MB piece outlived the collections that ran while they were mapped, and were
 * copied into the old generation's fresh pages to be garbage there. Loading 200,000 devices
 * touched about 35,000 more pages (140 MB) with 1 MB pieces than with 16-64 KB ones, which all
 * measured the same; 128 KB pieces were halfway.
 */
export const PIECE_BYTES = 1 << 15;

/**
 * Delimiter and line ending from the start of the file, the way papaparse guesses them. Blank
 * lines are left out of the guess: a header-only `a;b` file with a final newline is `;`-delimited.
 */
export function guessDialect(start: string): CsvDialect {
  const meta = Papa.parse(start, { delimitersToGuess: DELIMITERS, preview: 10, skipEmptyLines: true }).meta;
  const newline = meta.linebreak === '\r\n' || meta.linebreak === '\r' ? meta.linebreak : '\n';
  return { delimiter: meta.delimiter || ',', newline };
}

/** Line breaks in text[from, to): `\r\n`, `\n` and a lone `\r` each end one line. */
export function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/** The records of one piece of text and where the last complete one ended. */
interface ParsedPiece {
  rows: CsvRow[];
  cursor: number;
  /** the line the next piece starts on */
  nextLine: number;
}

/**
 * The records of a CSV file, parsed piece by piece: the text comes decoded in pieces of about
 * PIECE_BYTES (`decodeChunks`, `decodeBlocks`) and papaparse's low-level parser reads each piece
 * up to its last complete record; the rest is carried into the next piece (`dialect` comes from
 * `guessDialect` on the file's start). Memory stays bounded by the largest record, not the file,
 * and line numbers are counted from the text itself. `onError` hears papaparse's first structural
 * complaint (unterminated quote, stray quote) with its line. Yields each piece's records as one
 * batch.
 */
export function* csvRowBatches(
  pieces: Iterator<string>,
  dialect: CsvDialect,
  onError: (message: string) => void,
): Generator<CsvRow[]> {
  let next = pieces.next();
  let carry = '';
  // a record longer than a piece: wait until the carried text has doubled before parsing again
  let waitFor = 0;
  let line = 1;
  const errors = { reported: false, report: onError };
  const bulk = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline });
  const stepped = steppedParser(dialect, errors);
  while (!next.done || carry !== '') {
    let text = carry;
    do {
      if (next.done) break;
      text += next.value;
      next = pieces.next();
    } while (text.length < waitFor);
    const last = next.done === true;
    const piece = parseInBulk(bulk, text, last, line, dialect.newline) ?? stepped(text, last, line);
    carry = last ? '' : text.slice(piece.cursor);
    waitFor = piece.rows.length === 0 ? text.length * 2 : 0;
    line = piece.nextLine;
    if (piece.rows.length) yield piece.rows;
  }
}

/**
 * The fast way: one papaparse call for the whole piece, each record's line derived from the
 * line breaks inside its cells (see record-lines.ts). Undefined when that cannot be trusted
 * (a structural error, or line endings other than the file's own): the piece is then stepped.
 */
function parseInBulk(
  parser: Papa.Parser,
  text: string,
  last: boolean,
  line: number,
  newline: CsvDialect['newline'],
): ParsedPiece | undefined {
  const result = parser.parse(text, 0, !last) as unknown as {
    data: string[][];
    errors: unknown[];
    meta: { cursor: number };
  };
  if (result.errors.length) return undefined;
  const cursor = result.meta.cursor;
  const lines = recordLines(text, cursor, result.data, line, newline, last);
  if (!lines) return undefined;
  const rows: CsvRow[] = new Array(result.data.length);
  for (let i = 0; i < rows.length; i++) rows[i] = { line: lines.starts[i]!, cells: result.data[i]! };
  return { rows, cursor, nextLine: lines.next };
}

/**
 * The exact way: papaparse's step callback hands over one record at a time with its end, and the
 * line breaks of the text in between are counted.
 */
function steppedParser(dialect: CsvDialect, errors: { reported: boolean; report: (m: string) => void }) {
  // state the step callback writes: the text being parsed, where the last record ended, its line
  const at = { text: '', pos: 0, line: 1, rows: [] as CsvRow[] };
  const step = (result: Papa.ParseStepResult<string[]>) => {
    const startLine = at.line;
    at.line += lineBreaks(at.text, at.pos, result.meta.cursor);
    at.pos = result.meta.cursor;
    const err = result.errors[0];
    if (err && !errors.reported) {
      errors.reported = true;
      errors.report(`${err.message} (line ${startLine})`);
    }
    at.rows.push({ line: startLine, cells: (result.data as unknown as string[][])[0] ?? [] });
  };
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, step });
  return (text: string, last: boolean, line: number): ParsedPiece => {
    at.text = text;
    at.pos = 0;
    at.line = line;
    at.rows = [];
    const cursor = (parser.parse(text, 0, !last) as { meta: { cursor: number } }).meta.cursor;
    at.text = '';
    return { rows: at.rows, cursor, nextLine: at.line };
  };
}

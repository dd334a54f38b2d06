import Papa from 'papaparse';
import { decodeChunks, type TextEncodingGuess } from './decode.ts';

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
 * Delimiter and line ending from the start of the file, the way papaparse guesses them. Blank
 * lines are left out of the guess: a header-only `a;b` file with a final newline is `;`-delimited.
 */
export function guessDialect(start: string): CsvDialect {
  const meta = Papa.parse(start, { delimitersToGuess: DELIMITERS, preview: 10, skipEmptyLines: true }).meta;
  const newline = meta.linebreak === '\r\n' || meta.linebreak === '\r' ? meta.linebreak : '\n';
  return { delimiter: meta.delimiter || ',', newline };
}

/** Line breaks in text[from, to): `\r\n`, `\n` and a lone `\r` each end one line. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * The records of a CSV file, parsed piece by piece: the bytes are decoded about `chunkBytes` at a
 * time and papaparse's low-level parser reads each piece up to its last complete record; the rest
 * is carried into the next piece (`dialect` comes from `guessDialect` on the file's start). Memory stays bounded by the largest record, not the file, and
 * line numbers are counted from the text itself. `onError` hears papaparse's first structural
 * complaint (unterminated quote, stray quote) with its line.
 */
export function* csvRows(
  bytes: Uint8Array,
  encoding: TextEncodingGuess,
  dialect: CsvDialect,
  onError: (message: string) => void,
  chunkBytes = 1 << 20,
): Generator<CsvRow> {
  const pieces = decodeChunks(bytes, encoding, chunkBytes);
  let next = pieces.next();
  let carry = '';
  // a record longer than a piece: wait until the carried text has doubled before parsing again
  let waitFor = 0;
  // state the step callback writes: the text being parsed, where the last record ended, its line
  const at = { text: '', pos: 0, line: 1, reported: false, rows: [] as CsvRow[] };
  const step = (result: Papa.ParseStepResult<string[]>) => {
    const startLine = at.line;
    at.line += lineBreaks(at.text, at.pos, result.meta.cursor);
    at.pos = result.meta.cursor;
    const err = result.errors[0];
    if (err && !at.reported) {
      at.reported = true;
      onError(`${err.message} (line ${startLine})`);
    }
    at.rows.push({ line: startLine, cells: (result.data as unknown as string[][])[0] ?? [] });
  };
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, step });
  while (!next.done || carry !== '') {
    let text = carry;
    do {
      if (next.done) break;
      text += next.value;
      next = pieces.next();
    } while (text.length < waitFor);
    const last = next.done === true;
    at.text = text;
    at.pos = 0;
    at.rows = [];
    const cursor = (parser.parse(text, 0, !last) as { meta: { cursor: number } }).meta.cursor;
    carry = last ? '' : text.slice(cursor);
    waitFor = at.rows.length === 0 ? text.length * 2 : 0;
    at.text = '';
    yield* at.rows;
  }
}

/**
 * Start lines of CSV records that papaparse parsed in bulk (no step callback, so no per-record
 * cursor). A record spans its separator plus the line breaks inside its cells; that holds when
 * every line break in the text is the file's own newline, and it is checked against the text:
 * papaparse drops whitespace, newlines included, between a closing quote and a delimiter, so a
 * count that falls short means the records must be stepped instead.
 */

const LF = 10;

export interface RecordLines {
  /** 1-based start line of each record */
  starts: number[];
  /** the line the text at `cursor` starts on */
  next: number;
}

/**
 * `records` are papaparse's records of text[0, cursor), the first starting on `line`. When `last`
 * the final record ends the file without a separator; otherwise every record ends with one.
 * Undefined when the lines cannot be derived exactly from the cells.
 */
export function recordLines(
  text: string,
  cursor: number,
  records: readonly string[][],
  line: number,
  newline: '\n' | '\r\n' | '\r',
  last: boolean,
): RecordLines | undefined {
  const breaks = ownBreaks(text, cursor, newline);
  if (breaks === undefined) return undefined;
  const n = records.length;
  const starts: number[] = new Array(n);
  const separators = last && n > 0 ? n - 1 : n;
  if (text.indexOf('"') === -1 || text.indexOf('"') >= cursor) {
    // no quoted field: papaparse split the text at each newline, one record per line
    for (let i = 0; i < n; i++) starts[i] = line + i;
    return breaks === separators ? { starts, next: line + breaks } : undefined;
  }
  const breakChar = newline === '\r' ? '\r' : '\n';
  let at = line;
  for (let i = 0; i < n; i++) {
    starts[i] = at;
    const cells = records[i]!;
    let inner = 0;
    for (let c = 0; c < cells.length; c++) inner += occurrences(cells[c]!, breakChar);
    at += inner + 1;
  }
  const derived = at - line - (n - separators);
  return derived === breaks ? { starts, next: line + breaks } : undefined;
}

/**
 * Line breaks in text[0, cursor) when each is the file's own newline; undefined when a lone `\r`
 * or `\n` of another convention is there (papaparse keeps those inside cells, the reader counts
 * them as lines).
 */
function ownBreaks(text: string, cursor: number, newline: '\n' | '\r\n' | '\r'): number | undefined {
  if (newline === '\n') return before(text, '\r', cursor) ? undefined : countBefore(text, '\n', cursor);
  // a `\r` just before the cursor followed by `\n` is one `\r\n` break to the line counter
  if (newline === '\r') return before(text, '\n', cursor + 1) ? undefined : countBefore(text, '\r', cursor);
  const lf = countBefore(text, '\n', cursor);
  let cr = 0;
  for (let i = text.indexOf('\r'); i !== -1 && i < cursor; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== LF) return undefined;
    cr++;
  }
  return cr === lf ? lf : undefined;
}

function before(text: string, ch: string, cursor: number): boolean {
  const i = text.indexOf(ch);
  return i !== -1 && i < cursor;
}

function countBefore(text: string, ch: string, cursor: number): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1 && i < cursor; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function occurrences(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

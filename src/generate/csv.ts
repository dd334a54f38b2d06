/**
 * CSV text built row by row into chunks of about a megabyte (string appends, flattened once when
 * a chunk closes), so 200k-row files never go through one giant join, and the file line of every
 * row is known so planted data-quality rows can cite `file:line`.
 */
const CHUNK_CHARS = 1 << 20;

export class CsvTable {
  readonly path: string;
  readonly header: readonly string[];
  private readonly done: string[] = [];
  private current: string;
  private lines = 1;

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.header = header;
    this.current = `${header.map(csvCell).join(',')}\n`;
  }

  /** Append one row; returns its 1-based line number in the file (the header is line 1). */
  add(cells: readonly (string | number | undefined)[]): number {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += ',';
      const c = cells[i];
      line += c === undefined ? '' : typeof c === 'number' ? String(c) : csvCell(c);
    }
    this.current += `${line}\n`;
    if (this.current.length > CHUNK_CHARS) {
      this.done.push(this.current);
      this.current = '';
    }
    this.lines++;
    return this.lines;
  }

  get rowCount(): number {
    return this.lines - 1;
  }

  /** The file as chunks, each ending in a newline. */
  chunks(): string[] {
    return this.current ? [...this.done, this.current] : [...this.done];
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting: only when the cell holds a comma, quote or line break. */
export function csvCell(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
